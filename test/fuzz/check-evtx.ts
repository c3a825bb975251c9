/**
 * Contracts checked on every damaged EVTX input:
 * - the reader never throws, and reports only known issue codes (`internal-error` is a bug);
 * - issue offsets and skipped ranges lie inside the file;
 * - nothing lost: every record of the intact original whose bytes were not touched and that no
 *   reported issue accounts for is read (an issue accounts for a record when its offset falls
 *   in it or its skipped range overlaps it).
 */
import { bufferSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, readEvtxXml } from '../../src/ingest/evtx/index.js';
import { EVTX_ISSUE_CODES } from '../../src/ingest/evtx/errors.js';
import { newRawEvent, toRawEvent } from '../../src/ingest/evtx/binxml/to-raw-event.js';
import { readEvtxRecords } from '../../src/ingest/evtx/reader.js';
import type { InputIssue } from '../../src/model/events.js';
import type { EvtxLayout } from './evtx-layout.js';
import type { Range } from './evtx-mutate.js';

export { EVTX_ISSUE_CODES };

export interface EvtxCaseResult {
  failures: string[];
  events: number;
  issues: number;
}

const overlaps = (a: Range, s: number, e: number): boolean => a[0] < e && s < a[1];

export function checkEvtx(bytes: Uint8Array, layout: EvtxLayout, touched: Range[]): EvtxCaseResult {
  const failures: string[] = [];
  const issues: InputIssue[] = [];
  const ctx = { source: 'fuzz.evtx', onIssue: (i: InputIssue) => issues.push(i) };
  let events = 0;
  try {
    for (const e of readEvtxEvents(bufferSource(bytes), ctx)) {
      events++;
      if (Object.getPrototypeOf(e.data) !== null) failures.push('data has a prototype');
    }
    for (const x of readEvtxXml(bufferSource(bytes), ctx)) {
      if (x.includes('\n')) failures.push('XML line contains a newline');
    }
  } catch (err) {
    failures.push(`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return { failures, events, issues: issues.length };
  }
  for (const i of issues) {
    if (!EVTX_ISSUE_CODES.has(i.code)) failures.push(`issue ${i.code}: ${i.message}`);
    if (i.offset !== null && (i.offset < 0 || i.offset > bytes.length))
      failures.push(`issue ${i.code} offset ${i.offset} outside the file`);
    if (i.skippedBytes !== undefined && i.skippedBytes < 0)
      failures.push(`issue ${i.code} negative skippedBytes`);
  }

  // Nothing lost: which record offsets did the reader decode?
  const read = new Set<number>();
  const quiet = { source: 'fuzz.evtx', onIssue: () => {} };
  try {
    for (const off of readEvtxRecords(bufferSource(bytes), quiet, (chunk, nodes, info) => {
      toRawEvent(chunk, nodes, newRawEvent('x', info.recordId, ''), undefined);
      return info.offset;
    }))
      read.add(off);
  } catch (err) {
    failures.push(`records walk threw: ${String(err)}`);
  }
  const accounted: Range[] = issues
    .filter((i) => i.offset !== null)
    .map((i) => [i.offset!, i.offset! + Math.max(1, i.skippedBytes ?? 0)]);
  let lost = 0;
  for (const r of layout.records) {
    const end = r.offset + r.size;
    if (read.has(r.offset) || end > bytes.length) continue;
    if (touched.some((t) => overlaps(t, r.offset, end))) continue;
    if (accounted.some((a) => overlaps(a, r.offset, end))) continue;
    if (lost++ < 3) failures.push(`record at ${r.offset} lost silently (intact, not reported)`);
  }
  if (lost > 3) failures.push(`... ${lost} records lost silently`);
  return { failures, events, issues: issues.length };
}
