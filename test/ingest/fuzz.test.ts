/**
 * Damaged bytes never crash a reader: every text reader (and the archive layer) is fed the
 * rendered fixtures truncated, with bytes flipped and with chunks of garbage spliced in. Each
 * run must end normally, yielding well-formed RawEvents and issues, never an exception.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { InputIssue } from '../../src/model/events.js';
import { bufferSource } from '../../src/ingest/byte-source.js';
import { READERS } from '../../src/ingest/readers.js';
import { sniffFormat } from '../../src/ingest/sniff.js';
import { readAll, rendered } from './helpers.js';

const FILES = [
  'wevtutil.xml',
  'get-winevent-utf16.xml',
  'nxlog.json',
  'evtx-dump.json',
  'xmltodict.json',
  'splunk.csv',
  'evtxecmd.csv',
];

function damage(
  bytes: Uint8Array,
  cut: number,
  flips: [number, number][],
  junkAt: number,
  junk: Uint8Array,
): Uint8Array {
  const out = bytes.slice(0, Math.max(1, Math.floor(bytes.length * cut)));
  for (const [pos, val] of flips) out[Math.floor(pos * out.length) % out.length] = val;
  const at = Math.floor(junkAt * out.length);
  const spliced = new Uint8Array(out.length + junk.length);
  spliced.set(out.subarray(0, at));
  spliced.set(junk, at);
  spliced.set(out.subarray(at), at + junk.length);
  return spliced;
}

for (const file of FILES) {
  test(`fuzz: damaged ${file} reads without throwing`, () => {
    const original = new Uint8Array(readFileSync(rendered(file)));
    const format = sniffFormat(original.subarray(0, 4096), file);
    assert.ok(format);
    const entry = READERS[format];
    assert.ok(entry);
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })),
          { maxLength: 20 },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.uint8Array({ maxLength: 64 }),
        (cut, flips, junkAt, junk) => {
          const bytes = damage(original, cut, flips, junkAt, junk);
          const issues: InputIssue[] = [];
          const events = [
            ...entry.read(bufferSource(bytes), { source: file, onIssue: (i) => issues.push(i) }),
          ];
          for (const e of events) {
            assert.equal(typeof e.eventId, 'number');
            assert.equal(Object.getPrototypeOf(e.data), null);
            for (const v of Object.values(e.data)) assert.equal(typeof v, 'string');
          }
          for (const i of issues) assert.equal(typeof i.message, 'string');
        },
      ),
      { numRuns: 40 },
    );
  });
}

for (const file of ['archives.zip', 'archives.tar.gz']) {
  test(`fuzz: damaged ${file} reads without throwing, every member reported`, () => {
    const original = new Uint8Array(readFileSync(rendered(file)));
    const dir = mkdtempSync(join(tmpdir(), 'runhunt-fuzz-'));
    const path = join(dir, file);
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })),
          { maxLength: 8 },
        ),
        (cut, flips) => {
          writeFileSync(path, damage(original, cut, flips, 0, new Uint8Array(0)));
          const { events, inputs } = readAll([path]);
          assert.ok(inputs.length > 0, 'at least the archive itself is reported');
          assert.equal(
            events.length,
            inputs.reduce((n, i) => n + i.events, 0),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
}
