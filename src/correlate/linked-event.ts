import type { LinkedEvent } from '../model/finding.js';
import type { NormalizedEvent } from '../model/normalized.js';

/** The report's view of an event linked to a finding: enough to find it in the log. */
export function linkedEvent(e: NormalizedEvent, relation?: string): LinkedEvent {
  const out: LinkedEvent = {
    file: e.ref.file,
    eventRecordId: e.ref.eventRecordId,
    eventId: e.ref.eventId,
    timestamp: e.time,
    image: e.image,
  };
  if (e.type === 'process') out.commandLine = e.commandLine;
  if (e.type === 'file') out.targetFilename = e.targetFilename;
  if (e.type === 'registry') out.targetObject = e.targetObject;
  if (relation !== undefined) out.relation = relation;
  return out;
}
