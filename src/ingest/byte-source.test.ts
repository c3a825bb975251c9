import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { bufferSource, fileSource } from './byte-source.js';

// fileSource serves large reads from a read-ahead window and small ones directly: any sequence
// of reads, forwards, backwards, across the window's edge and past the end, gives the bytes a
// buffer source gives, and a view stays intact until the next read.
test('fileSource reads what bufferSource reads, for any sequence of offsets and lengths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-bytes-'));
  try {
    const bytes = new Uint8Array(3 * (1 << 20) + 12345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const path = join(dir, 'f.bin');
    writeFileSync(path, bytes);
    const whole = bufferSource(bytes);
    const read = fc.record({
      offset: fc.integer({ min: 0, max: bytes.length + 10 }),
      length: fc.oneof(
        fc.integer({ min: 0, max: 300 }),
        fc.constant(1 << 16),
        fc.integer({ min: 1 << 16, max: (1 << 20) + 5 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(read, { minLength: 1, maxLength: 12 }), (reads) => {
        const src = fileSource(path);
        try {
          for (const { offset, length } of reads) {
            const got = src.read(offset, length);
            assert.deepEqual(Buffer.from(got), Buffer.from(whole.read(offset, length)));
          }
        } finally {
          src.close();
        }
      }),
      { numRuns: 60 },
    );
    // Consecutive EVTX chunks, as the reader asks for them, every one read in full.
    const src = fileSource(path);
    try {
      for (let at = 4096; at < bytes.length; at += 1 << 16) {
        const want = Math.min(1 << 16, bytes.length - at);
        assert.equal(src.read(at, 1 << 16).length, want);
      }
    } finally {
      src.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
