import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'fflate';
import type { InputIssue } from '../../model/events.js';
import { concatBytes } from '../chunks.js';
import { BombGuard } from './guard.js';
import { inflateChunks } from './inflate.js';
import { ARCHIVE_LIMITS } from './limits.js';

/** Cuts bytes into chunks at the given sizes (cycled), as a file or an inner archive would. */
function cut(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length] ?? 1;
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** Data whose compressibility varies along it: runs of one byte (~1000x) and noise (~1x). */
const mixed = fc
  .array(
    fc.oneof(
      fc.record({
        run: fc.integer({ min: 1, max: 300_000 }),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
      fc.uint8Array({ minLength: 1, maxLength: 5000 }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) =>
    concatBytes(
      parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p.run).fill(p.byte))),
    ),
  );

test('inflate: any data cut into any chunks comes back exactly (the piece size adapts to the ratio)', () => {
  fc.assert(
    fc.property(
      mixed,
      fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      (data, sizes, gzip) => {
        const packed = gzip ? gzipSync(data) : deflateSync(data);
        const issues: InputIssue[] = [];
        const guard = new BombGuard(ARCHIVE_LIMITS, { bytes: 0, archiveSize: packed.length });
        const out = concatBytes([
          ...inflateChunks(cut(packed, sizes), gzip ? 'gzip' : 'deflate', guard, (i) =>
            issues.push(i),
          ),
        ]);
        assert.deepEqual(issues, []);
        assert.equal(out.length, data.length);
        assert.ok(Buffer.from(out).equals(Buffer.from(data)));
      },
    ),
    { numRuns: 60, seed: 9 },
  );
});

test('inflate: no single output chunk of a bomb is large (each push is sized to ~1 MiB)', () => {
  const zeros = deflateSync(new Uint8Array(64 << 20), { level: 9 }); // ~64 KiB, ~1000x
  let largest = 0;
  let total = 0;
  const guard = new BombGuard(ARCHIVE_LIMITS, { bytes: 0, archiveSize: zeros.length });
  for (const c of inflateChunks([zeros], 'deflate', guard, () => {})) {
    largest = Math.max(largest, c.length);
    total += c.length;
  }
  assert.equal(total, 64 << 20);
  // A fixed 64 KiB piece made one 64 MiB chunk here; the adaptive piece keeps each near 1 MiB
  // (the first piece, 4 KiB, may make up to ~4 MiB before the ratio is known).
  assert.ok(largest <= 4_300_000, `largest output chunk ${largest} bytes`);
});
