/**
 * Inflating archive members (src/ingest/archive/inflate.ts). fflate in the reading thread: any
 * data, any chunking, and output chunks kept near 1 MiB. Large zip members are inflated by Node's
 * zlib in a worker thread (src/ingest/archive/
 * inflate-thread.ts); everything else by fflate in the reading thread. The worker path must give
 * the same bytes, report truncation and bombs the same way, survive a reader that stops early or
 * reads two streams at once, and the bundled CLI (which uses it) must give the report the sources
 * (which use fflate) give. The worker is the compiled one: run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { deflateSync, gzipSync } from 'fflate';
import { mordorZips } from '../evtx-files.js';
import { hunt } from '../../src/hunt.js';
import { concatBytes } from '../../src/ingest/chunks.js';
import { BombGuard } from '../../src/ingest/archive/guard.js';
import { inflateChunks, inflateInWorker } from '../../src/ingest/archive/inflate.js';
import { InflateThread } from '../../src/ingest/archive/inflate-thread.js';
import { ARCHIVE_LIMITS, type ArchiveLimits } from '../../src/ingest/archive/limits.js';
import type { InputIssue } from '../../src/model/events.js';

const root = resolve(import.meta.dirname, '..', '..');
const entry = join(root, 'dist', 'ingest', 'archive', 'inflate-worker.js');
const bundle = join(root, 'dist', 'bundle', 'runhunt.mjs');
const built = existsSync(entry) && existsSync(bundle);
const skip = built ? false : 'run `npm run build` first: the worker is the compiled one';

let shared: InflateThread | undefined;
const thread = (): InflateThread => (shared ??= new InflateThread(pathToFileURL(entry)));

function cut(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length] ?? 1;
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

function inflate(
  chunks: Uint8Array[],
  limits: ArchiveLimits = ARCHIVE_LIMITS,
  archiveSize = 0,
): { out: Uint8Array; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const guard = new BombGuard(limits, { bytes: 0, archiveSize });
  const out = concatBytes([...inflateInWorker(thread(), chunks, guard, (i) => issues.push(i))]);
  return { out, issues };
}

/** Runs of one byte and noise: the ratio changes along the stream. */
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

test('worker inflate: any data cut into any chunks comes back exactly', { skip }, () => {
  fc.assert(
    fc.property(
      mixed,
      fc.array(fc.integer({ min: 1, max: 200_000 }), { minLength: 1, maxLength: 6 }),
      (data, sizes) => {
        const { out, issues } = inflate(cut(deflateSync(data), sizes));
        assert.deepEqual(issues, []);
        assert.ok(Buffer.from(out).equals(Buffer.from(data)));
      },
    ),
    { numRuns: 40, seed: 11 },
  );
});

test('worker inflate: a truncated stream keeps what came before and says so', { skip }, () => {
  const data = new Uint8Array(3_000_000).map((_, i) => (i * 7919) % 251);
  const packed = deflateSync(data);
  for (const keep of [0.1, 0.5, 0.99]) {
    const { out, issues } = inflate([packed.subarray(0, Math.floor(packed.length * keep))]);
    assert.deepEqual(
      issues.map((i) => i.code),
      ['archive-damaged'],
    );
    assert.ok(out.length < data.length);
    assert.ok(Buffer.from(out).equals(Buffer.from(data.subarray(0, out.length))), 'a prefix');
  }
});

test('worker inflate: a bomb is stopped by the guard with little held', { skip }, () => {
  const zeros = deflateSync(new Uint8Array(64 << 20), { level: 9 });
  const limits = { ...ARCHIVE_LIMITS, maxMemberBytes: 8 << 20 };
  const { out, issues } = inflate([zeros], limits, zeros.length);
  assert.deepEqual(
    issues.map((i) => i.code),
    ['archive-bomb'],
  );
  assert.ok(out.length <= 8 << 20, `${out.length} bytes yielded`);
});

test('worker inflate: a reader that stops early, or reads two streams at once', { skip }, () => {
  const a = new Uint8Array(5_000_000).map((_, i) => i % 199);
  const b = new Uint8Array(4_000_000).map((_, i) => (i * 31) % 97);
  const guard = (): BombGuard => new BombGuard(ARCHIVE_LIMITS, { bytes: 0, archiveSize: 0 });
  // Stop after the first chunk: the worker drops the rest of that stream.
  for (const _ of inflateInWorker(thread(), cut(deflateSync(a), [4096]), guard(), () => {})) break;
  // Two streams read alternately.
  const ia = inflateInWorker(thread(), cut(deflateSync(a), [70_000]), guard(), () => {});
  const ib = inflateInWorker(thread(), cut(deflateSync(b), [50_000]), guard(), () => {});
  const outA: Uint8Array[] = [];
  const outB: Uint8Array[] = [];
  for (let doneA = false, doneB = false; !doneA || !doneB;) {
    const ra: IteratorResult<Uint8Array> | null = doneA ? null : ia.next();
    if (ra && !ra.done) outA.push(ra.value);
    doneA ||= ra?.done === true;
    const rb: IteratorResult<Uint8Array> | null = doneB ? null : ib.next();
    if (rb && !rb.done) outB.push(rb.value);
    doneB ||= rb?.done === true;
  }
  assert.ok(Buffer.from(concatBytes(outA)).equals(Buffer.from(a)));
  assert.ok(Buffer.from(concatBytes(outB)).equals(Buffer.from(b)));
});

test('from sources, large members are inflated here (fflate) as before', () => {
  // No compiled worker next to the sources: the same call works in this thread.
  const data = new Uint8Array(2_000_000).map((_, i) => i % 13);
  const packed = deflateSync(data);
  const guard = new BombGuard(ARCHIVE_LIMITS, { bytes: 0, archiveSize: 0 });
  const out = concatBytes([...inflateChunks([packed], 'deflate', guard, () => {}, 8 << 20)]);
  assert.ok(Buffer.from(out).equals(Buffer.from(data)));
});

test('the bundled CLI (worker inflate) and the sources (fflate) report a Mordor zip alike', (t) => {
  const zips = mordorZips();
  if (!built) return t.skip(skip as string);
  if (!zips) return t.skip('shared corpus not found');
  // The smallest zip with a member of 1 MiB or more compressed.
  const zip = zips.find((z) => z.includes('covenant_dcom'))!;
  const at = '2024-01-01T00:00:00Z';
  const fromSources = JSON.stringify(hunt([zip], { generatedAt: at }), null, 2);
  let cli: string;
  try {
    cli = execFileSync(process.execPath, [bundle, 'hunt', '--format', 'json', zip], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (err) {
    const e = err as { stdout?: string; status?: number };
    if (e.status !== 1 || !e.stdout) throw err;
    cli = e.stdout;
  }
  const norm = (s: string): string => s.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');
  assert.equal(norm(cli.trim()), norm(fromSources));
});
