/**
 * Workers send normalised events packed (src/parallel/pack.ts): arrays of values, each list of
 * property names once per batch. After a structured clone (v8.serialize and deserialize, what
 * postMessage does) and unpacking, every event must be the one the worker had, property order
 * included (the report's JSON follows it).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { CORPUS_DIR, evtxFilesUnder, mordorZips, SAMPLES_DIR } from '../evtx-files.js';
import { blankUnread } from '../../src/correlate/slim.js';
import { readInputs } from '../../src/ingest/read-inputs.js';
import type { NormalizedEvent } from '../../src/model/normalized.js';
import { normalizeEvent } from '../../src/normalize/sysmon.js';
import { EventPacker, unpackEvents, type PackedEvents } from '../../src/parallel/pack.js';

function normalised(paths: string[]): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  for (const raw of readInputs(paths)) {
    const e = normalizeEvent(raw);
    if (!e) continue;
    blankUnread(e);
    out.push(e);
  }
  return out;
}

/** Packs in batches of `size`, clones each batch as postMessage would, unpacks. */
function roundTrip(events: NormalizedEvent[], size: number): NormalizedEvent[] {
  const packer = new EventPacker();
  const out: NormalizedEvent[] = [];
  const flush = (): void => {
    const cloned = deserialize(serialize(packer.take())) as PackedEvents;
    out.push(...unpackEvents(cloned));
  };
  for (const e of events) {
    packer.add(e);
    if (packer.size >= size) flush();
  }
  flush();
  return out;
}

function assertSame(got: NormalizedEvent[], want: NormalizedEvent[]): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    assert.deepStrictEqual(got[i], want[i]);
    // deepStrictEqual ignores property order; the report does not.
    assert.equal(JSON.stringify(got[i]), JSON.stringify(want[i]));
  }
}

test('packed events survive the clone unchanged: samples', () => {
  const events = normalised(evtxFilesUnder(SAMPLES_DIR));
  assert.ok(events.length > 100, `only ${events.length} events in the samples`);
  for (const size of [1, 7, 250]) assertSame(roundTrip(events, size), events);
});

test('packed events survive the clone unchanged: corpus EVTX and Mordor JSON', (t) => {
  const zips = mordorZips();
  if (!existsSync(CORPUS_DIR) || !zips) {
    t.skip(`shared corpus not found at ${CORPUS_DIR}`);
    return;
  }
  // Events from every reader: EVTX, and JSON whose normalised events may differ in shape.
  const events = normalised([...evtxFilesUnder(CORPUS_DIR), zips[0]!]);
  const types = new Set(events.map((e) => e.type));
  assert.deepEqual([...types].sort(), ['file', 'process', 'registry']);
  assertSame(roundTrip(events, 250), events);
});

test('events of one type with different properties keep their own', () => {
  const base = normalised(evtxFilesUnder(SAMPLES_DIR)).find((e) => e.type === 'process')!;
  const extra = { ...base, extra: 'x' } as NormalizedEvent;
  const fewer = { ...base } as Partial<NormalizedEvent>;
  delete fewer.user;
  const { user, ...rest } = base;
  const reordered = { user, ...rest } as NormalizedEvent;
  const { ref: _ref, ...noRef } = base;
  const reorderedRef = { ...noRef, ref: { ...base.ref, eventRecordId: null } } as NormalizedEvent;
  const events = [base, extra, fewer as NormalizedEvent, base, reordered, reorderedRef, base];
  const got = roundTrip(events, 100);
  assertSame(got, events);
  assert.notEqual(got[0], got[3], 'each event is its own object');
});
