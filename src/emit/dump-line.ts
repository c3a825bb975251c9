import type { RawEvent } from '../model/events.js';

/** One `dump --format jsonl` line (ARCHITECTURE.md contract), without the newline. */
export function dumpLine(e: RawEvent): string {
  return JSON.stringify({
    file: e.source,
    eventRecordId: e.recordId,
    timeCreated: e.timeCreated,
    eventId: e.eventId,
    provider: e.provider,
    channel: e.channel,
    computer: e.computer,
    eventData: e.data,
  });
}
