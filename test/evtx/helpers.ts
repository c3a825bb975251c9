import { bufferSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, readEvtxXml, type EvtxReadOptions } from '../../src/ingest/evtx/index.js';
import type { InputIssue, RawEvent } from '../../src/model/events.js';

export interface ReadResult<T> {
  items: T[];
  issues: InputIssue[];
}

export function readEvents(bytes: Uint8Array, opts: EvtxReadOptions = {}): ReadResult<RawEvent> {
  const issues: InputIssue[] = [];
  const items = [
    ...readEvtxEvents(
      bufferSource(bytes),
      { source: 't.evtx', onIssue: (i) => issues.push(i) },
      opts,
    ),
  ];
  return { items, issues };
}

export function readXml(bytes: Uint8Array): ReadResult<string> {
  const issues: InputIssue[] = [];
  const items = [
    ...readEvtxXml(bufferSource(bytes), { source: 't.evtx', onIssue: (i) => issues.push(i) }),
  ];
  return { items, issues };
}

/** Plain object copy of a null-prototype data map, for deepEqual. */
export const plain = (d: Record<string, string>): Record<string, string> => ({ ...d });
