/**
 * The EVTX reader's `want` filter (the hunt's fast path) must give exactly the records an
 * unfiltered read gives whose provider and EventID it accepts, every field the same, in order,
 * and count the others as skipped. The reader reuses the event object of a
 * rejected record for the next one (src/ingest/evtx/index.ts): a field left over from a rejected
 * record would show here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CORPUS_DIR, evtxFilesUnder, SAMPLES_DIR } from '../evtx-files.js';
import { bufferSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, type WantFilter } from '../../src/ingest/evtx/index.js';
import type { InputIssue, RawEvent } from '../../src/model/events.js';
import { isHuntRelevant } from '../../src/normalize/sysmon.js';

interface Read {
  events: string[];
  issues: InputIssue[];
  skipped: number;
}

function read(bytes: Uint8Array, want: WantFilter | undefined): Read {
  const issues: InputIssue[] = [];
  let skipped = 0;
  const ctx = {
    source: 't.evtx',
    onIssue: (i: InputIssue) => void issues.push(i),
    onSkipped: () => void skipped++,
    ...(want ? { want } : {}),
  };
  const events: string[] = [];
  for (const raw of readEvtxEvents(bufferSource(bytes), ctx)) events.push(show(raw));
  return { events, issues, skipped };
}

/** Every field, in order, and the data's keys in order (JSON drops the null prototype). */
function show(e: RawEvent): string {
  return JSON.stringify({ ...e, data: Object.entries(e.data) });
}

function check(files: string[], want: WantFilter): { kept: number; skipped: number } {
  let kept = 0;
  let skipped = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    const all = read(bytes, undefined);
    const some = read(bytes, want);
    const expected = all.events.filter((s) => {
      const e = JSON.parse(s) as RawEvent;
      return want(e.provider, e.eventId);
    });
    assert.deepEqual(some.events, expected, f);
    // A rejected record is not decoded past its System ids, so damage further in is not seen:
    // the filtered read reports some of the unfiltered read's issues, never another.
    const reported = new Set(all.issues.map((i) => JSON.stringify(i)));
    for (const i of some.issues) assert.ok(reported.has(JSON.stringify(i)), `${f}: ${i.message}`);
    // Every record the filter rejects is counted; so are damaged ones the full read drops.
    assert.ok(some.skipped >= all.events.length - expected.length, f);
    kept += some.events.length;
    skipped += some.skipped;
  }
  return { kept, skipped };
}

/** Accepts every third EventID of the hunted ones: rejected and kept records interleave. */
const sparse: WantFilter = (provider, id) => isHuntRelevant(provider, id) && id % 3 !== 0;

test('the want filter keeps exactly the accepted records: samples', () => {
  for (const want of [isHuntRelevant, sparse]) {
    const { kept, skipped } = check(evtxFilesUnder(SAMPLES_DIR), want);
    assert.ok(kept > 0 && skipped > 0, `${kept} kept, ${skipped} skipped`);
  }
});

test('the want filter keeps exactly the accepted records: corpus', (t) => {
  if (!existsSync(CORPUS_DIR)) return t.skip('../shared/corpus not present');
  for (const want of [isHuntRelevant, sparse]) {
    const { kept, skipped } = check(evtxFilesUnder(CORPUS_DIR), want);
    assert.ok(kept > 1000 && skipped > 1000, `${kept} kept, ${skipped} skipped`);
  }
});
