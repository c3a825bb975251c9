import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { huntEvents } from '../../src/hunt.js';
import { readInputs } from '../../src/ingest/read-inputs.js';
import type { RawEvent } from '../../src/model/events.js';

// A log that holds its events twice (chunks carved twice, exports concatenated, or a big file
// built by repeating chunks) must give the same findings as the log once, with the copies counted.

const samples = resolve(import.meta.dirname, '..', 'samples', 'hunt');
const GENERATED_AT = '2026-01-01T00:00:00.000Z';

for (const name of ['atomic-red-team-t1547-001.evtx', 'run-key-appdata-svchost.evtx']) {
  test(`${name} read twice gives the findings of one read`, () => {
    const events: RawEvent[] = [...readInputs([join(samples, name)])];
    const once = huntEvents(events, { generatedAt: GENERATED_AT });
    const twice = huntEvents([...events, ...events], { generatedAt: GENERATED_AT });
    assert.ok(once.findings.length > 0);
    assert.deepEqual(twice.findings, once.findings);
    assert.deepEqual(twice.rules, once.rules);
    assert.equal(once.summary.duplicateEvents, 0);
    assert.ok((twice.summary.duplicateEvents ?? 0) > 0);
    assert.equal(twice.summary.autostartEvents, once.summary.autostartEvents);
    assert.equal(twice.summary.eventsScanned, 2 * once.summary.eventsScanned);
  });
}

test('the same events under two input names are both kept (evidence from each input)', () => {
  const events: RawEvent[] = [...readInputs([join(samples, 'run-key-appdata-svchost.evtx')])];
  const renamed = events.map((e) => ({ ...e, source: e.source + '.copy' }));
  const once = huntEvents(events, { generatedAt: GENERATED_AT });
  const both = huntEvents([...events, ...renamed], { generatedAt: GENERATED_AT });
  assert.equal(both.summary.duplicateEvents, 0);
  assert.equal(both.summary.autostartEvents, 2 * once.summary.autostartEvents);
});
