/**
 * The hunt's EVTX fast path decodes only the EventData fields the hunt reads (HUNT_FIELDS in
 * HUNT_READ_FILTER, ReadContext.fields): every file read with the field list must normalise to the events it
 * gives with every field (Hashes and ParentCommandLine aside: the hunt blanks both on arrival),
 * with the same issues. A field normalizeEvent starts reading without adding it to HUNT_FIELDS
 * fails here, on the first corpus event that has it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CORPUS_DIR, evtxFilesUnder, SAMPLES_DIR } from '../evtx-files.js';
import { blankUnread } from '../../src/correlate/slim.js';
import { bufferSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, type EvtxReadOptions } from '../../src/ingest/evtx/index.js';
import type { InputIssue } from '../../src/model/events.js';
import type { NormalizedEvent } from '../../src/model/normalized.js';
import { HUNT_READ_FILTER, normalizeEvent } from '../../src/normalize/sysmon.js';

interface Read {
  events: NormalizedEvent[];
  issues: InputIssue[];
  /** EventData fields decoded, over all records. */
  fields: number;
}

function read(bytes: Uint8Array, opts: EvtxReadOptions): Read {
  const issues: InputIssue[] = [];
  const ctx = { source: 't.evtx', onIssue: (i: InputIssue) => void issues.push(i) };
  const events: NormalizedEvent[] = [];
  let count = 0;
  for (const raw of readEvtxEvents(bufferSource(bytes), ctx, opts)) {
    count += Object.keys(raw.data).length;
    const e = normalizeEvent(raw);
    if (!e) continue;
    blankUnread(e);
    events.push(e);
  }
  return { events, issues, fields: count };
}

function check(files: string[]): { all: number; kept: number } {
  let all = 0;
  let kept = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    const full = read(bytes, { want: HUNT_READ_FILTER.want });
    const some = read(bytes, HUNT_READ_FILTER);
    assert.deepEqual(some.events, full.events, f);
    assert.deepEqual(some.issues, full.issues, f);
    all += full.fields;
    kept += some.fields;
  }
  return { all, kept };
}

test('the hunt field list normalises every sample as all fields do', () => {
  const { all, kept } = check(evtxFilesUnder(SAMPLES_DIR));
  // The list does leave fields out (Sysmon's process creations carry twice as many).
  assert.ok(kept < all * 0.8, `${kept} of ${all} fields decoded`);
});

test('the hunt field list normalises every corpus EVTX file as all fields do', (t) => {
  if (!existsSync(CORPUS_DIR)) return t.skip('../shared/corpus not present');
  const { all, kept } = check(evtxFilesUnder(CORPUS_DIR));
  assert.ok(kept < all * 0.8, `${kept} of ${all} fields decoded`);
});
