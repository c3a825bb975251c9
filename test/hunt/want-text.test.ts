/**
 * The hunt's `want` filter in the JSON and CSV readers: a record whose provider is named and
 * rejected is counted (`onSkipped`) instead of mapped. Every rendered layout and the Mordor
 * datasets must give the same normalised events and the same event counts with the filter as
 * without it; records without a provider are never skipped (normalizeEvent may still place them
 * by their channel).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readInputs } from '../../src/ingest/read-inputs.js';
import type { InputSummary } from '../../src/model/events.js';
import type { NormalizedEvent } from '../../src/model/normalized.js';
import { isHuntRelevant, normalizeEvent } from '../../src/normalize/sysmon.js';
import { mordorZips, SAMPLES_DIR } from '../evtx-files.js';

interface Read {
  events: NormalizedEvent[];
  yielded: number;
  counts: number[];
}

function read(paths: string[], want?: typeof isHuntRelevant): Read {
  const summaries: InputSummary[] = [];
  const events: NormalizedEvent[] = [];
  let yielded = 0;
  const opts = { onInput: (s: InputSummary) => void summaries.push(s), ...(want ? { want } : {}) };
  for (const raw of readInputs(paths, opts)) {
    yielded++;
    const e = normalizeEvent(raw);
    if (e) events.push(e);
  }
  return { events, yielded, counts: summaries.map((s) => s.events) };
}

function check(paths: string[]): { all: number; mapped: number } {
  const full = read(paths);
  const some = read(paths, isHuntRelevant);
  assert.deepEqual(some.events, full.events);
  assert.deepEqual(some.counts, full.counts);
  return { all: full.yielded, mapped: some.yielded };
}

test('JSON and CSV layouts: the want filter changes no hunted event and no count', () => {
  const dir = join(SAMPLES_DIR, 'ingest', 'rendered');
  const files = readdirSync(dir)
    .filter((n) => /\.(json|csv|gz|zip)$/.test(n))
    .map((n) => join(dir, n));
  assert.ok(files.length >= 10, `${files.length} rendered samples`);
  check(files);
});

test('Mordor datasets: the want filter skips most records and changes no hunted event', (t) => {
  const zips = mordorZips();
  if (!zips) return t.skip('../shared/corpus not present');
  assert.ok(zips.length >= 4, `${zips.length} Mordor zips`);
  const { all, mapped } = check(zips);
  // The filter acts: most records of these datasets are of types the hunt does not read.
  assert.ok(mapped < all / 2, `${mapped} of ${all} records mapped`);
});
