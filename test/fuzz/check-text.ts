/**
 * Contracts on damaged text inputs: the reader never throws, events are well formed (numeric
 * event id, null-prototype data of strings), issues are well formed, and nothing reaches
 * Object.prototype (a `__proto__` key in a log must stay data).
 */
import { bufferSource } from '../../src/ingest/byte-source.js';
import { READERS } from '../../src/ingest/readers.js';
import { sniffFormat } from '../../src/ingest/sniff.js';
import type { InputIssue } from '../../src/model/events.js';

export interface TextCaseResult {
  failures: string[];
  events: number;
  issues: number;
}

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).length;

export function checkText(bytes: Uint8Array, name: string): TextCaseResult {
  const failures: string[] = [];
  const issues: InputIssue[] = [];
  let events = 0;
  const format = sniffFormat(bytes.subarray(0, 65536), name);
  if (format === null) return { failures, events, issues: 0 }; // reported as unrecognized upstream
  const entry = READERS[format];
  if (entry === undefined) return { failures: [`no reader for ${format}`], events, issues: 0 };
  try {
    for (const e of entry.read(bufferSource(bytes), {
      source: name,
      onIssue: (i) => issues.push(i),
    })) {
      events++;
      if (!Number.isInteger(e.eventId)) failures.push(`event id ${String(e.eventId)}`);
      if (Object.getPrototypeOf(e.data) !== null) failures.push('data has a prototype');
      for (const v of Object.values(e.data))
        if (typeof v !== 'string') failures.push(`data value of type ${typeof v}`);
    }
  } catch (err) {
    failures.push(`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  for (const i of issues) {
    if (typeof i.code !== 'string' || typeof i.message !== 'string') failures.push('bad issue');
  }
  if (Object.getOwnPropertyNames(Object.prototype).length !== PROTO_KEYS)
    failures.push('Object.prototype was modified');
  return { failures, events, issues: issues.length };
}
