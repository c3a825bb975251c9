import assert from 'node:assert/strict';
import { EVTX_ISSUE_CODES } from '../../src/ingest/evtx/errors.js';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { readEvents, readXml } from './helpers.js';

// Property: random damage to a real sample never escapes as an exception, never hangs (the
// run is bounded by the input size: every loop advances), and every issue is well-formed.
const sample = readFileSync(new URL('../samples/evtx/sysmon-one-chunk.evtx', import.meta.url));
const KNOWN = EVTX_ISSUE_CODES;

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(sample.length - 1),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(sample.length) }),
  fc.record({
    kind: fc.constant('zero' as const),
    at: fc.nat(sample.length - 1),
    len: fc.nat(4096),
  }),
);

function mutate(
  ms: Array<{ kind: 'flip' | 'cut' | 'zero'; at: number; byte?: number; len?: number }>,
): Uint8Array {
  let b = Uint8Array.from(sample);
  for (const m of ms) {
    if (m.kind === 'flip') b[Math.min(m.at, b.length - 1)] = m.byte!;
    else if (m.kind === 'zero') b.fill(0, m.at, m.at + m.len!);
    else b = b.subarray(0, m.at);
  }
  return b;
}

test('random damage: only reported issues, never a throw or an unknown issue code', () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (ms) => {
      const bytes = mutate(ms);
      for (const r of [readEvents(bytes), readXml(bytes)]) {
        assert.ok(r.items.length <= 41);
        for (const i of r.issues) {
          assert.ok(KNOWN.has(i.code), `unexpected issue ${i.code}: ${i.message}`);
          assert.ok(i.offset === null || (i.offset >= 0 && i.offset < sample.length + 65536));
          assert.ok(i.skippedBytes === undefined || i.skippedBytes >= 0);
        }
      }
    }),
    { numRuns: 300, seed: 20261128 },
  );
  // The reader keeps no state between files: a clean read after all that still gives everything.
  assert.equal(readEvents(sample).items.length, 41);
});

test('flips inside the records area: every record not touched is still read', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 4096 + 512, max: sample.length - 1 }),
      fc.integer({ min: 0, max: 255 }),
      (at, byte) => {
        const b = Uint8Array.from(sample);
        b[at] = byte;
        const r = readEvents(b);
        // A damaged record costs itself (and, in a template definition, the records using it), not the chunk.
        assert.ok(r.items.length >= 20, `only ${r.items.length} records after a flip at ${at}`);
      },
    ),
    { numRuns: 200, seed: 7 },
  );
});
