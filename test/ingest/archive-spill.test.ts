// EVTX members of archives are read through a temporary file, never held whole in memory
// (issue 9). These tests hold the archive path to the bare file's events and issues, and check
// that no temporary file outlives its member: after a complete read, an abandoned read, an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync, zipSync, type Zippable } from 'fflate';
import type { InputIssue, InputSummary, RawEvent } from '../../src/model/events.js';
import { openArchive } from '../../src/ingest/archive/open.js';
import { ARCHIVE_LIMITS } from '../../src/ingest/archive/limits.js';
import { concatBytes } from '../../src/ingest/chunks.js';
import { readInputs } from '../../src/ingest/read-inputs.js';
import { hasShared, repoRoot, sharedRoot } from './helpers.js';

const SAMPLES = ['sysmon-one-chunk.evtx', 'system-one-chunk.evtx'].map((n) =>
  join(repoRoot, 'test/samples/evtx', n),
);

// Every temporary file runhunt makes goes under os.tmpdir(), which follows TMPDIR: pointing it
// at a private folder lets the tests see anything left behind.
const work = mkdtempSync(join(tmpdir(), 'archive-spill-work-'));
const spillRoot = mkdtempSync(join(tmpdir(), 'archive-spill-test-'));
process.env['TMPDIR'] = spillRoot;
test.after(() => {
  rmSync(spillRoot, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function leftovers(): string[] {
  return readdirSync(spillRoot);
}

interface Read {
  events: Omit<RawEvent, 'source'>[];
  inputs: Map<string, InputSummary>;
}

function read(path: string): Read {
  const inputs = new Map<string, InputSummary>();
  const events = [...readInputs([path], { onInput: (s) => inputs.set(s.path, s) })].map(
    ({ source: _source, ...rest }) => rest,
  );
  return { events, inputs };
}

function tarEntry(name: string, body: Uint8Array): Uint8Array {
  const enc = new TextEncoder();
  const h = new Uint8Array(512);
  h.set(enc.encode(name), 0);
  h.set(enc.encode(body.length.toString(8).padStart(11, '0') + '\0'), 124);
  h.set(enc.encode('        '), 148);
  h[156] = '0'.charCodeAt(0);
  h.set(enc.encode('ustar\0'), 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  return concatBytes([h, body, new Uint8Array((512 - (body.length % 512)) % 512)]);
}

function tar(files: [string, Uint8Array][]): Uint8Array {
  return concatBytes([...files.map(([n, b]) => tarEntry(n, b)), new Uint8Array(1024)]);
}

test('a zipped, gzipped, tarred or nested EVTX gives the same events and issues as the bare file', () => {
  for (const sample of SAMPLES) {
    const bytes = readFileSync(sample);
    const bare = read(sample);
    assert.ok(bare.events.length > 0);
    const bareIssues = [...bare.inputs.values()].flatMap((s) => s.issues);
    const forms: [string, Uint8Array, string][] = [
      ['deflated.zip', zipSync({ 'log.evtx': bytes }), 'deflated.zip!log.evtx'],
      ['stored.zip', zipSync({ 'log.evtx': [bytes, { level: 0 }] }), 'stored.zip!log.evtx'],
      ['log.evtx.gz', gzipSync(bytes), 'log.evtx.gz!log.evtx'],
      ['logs.tar', tar([['a/log.evtx', bytes]]), 'logs.tar!a/log.evtx'],
      ['logs.tgz', gzipSync(tar([['a/log.evtx', bytes]])), 'logs.tgz!a/log.evtx'],
      [
        'outer.zip',
        zipSync({ 'inner.zip': zipSync({ 'log.evtx': bytes }) }),
        'outer.zip!inner.zip!log.evtx',
      ],
    ];
    for (const [name, archive, member] of forms) {
      const path = join(work, name);
      writeFileSync(path, archive);
      const got = read(path);
      assert.deepEqual(got.events, bare.events, `${name} of ${sample}`);
      const summary = got.inputs.get(`${path.slice(0, -name.length)}${member}`);
      assert.equal(summary?.format, 'evtx', `${name}: ${[...got.inputs.keys()].join()}`);
      assert.equal(summary?.events, bare.events.length);
      assert.equal(summary?.bytes, bytes.length);
      assert.deepEqual(summary?.issues, bareIssues, name);
      assert.deepEqual(leftovers(), [], `temporary files left after ${name}`);
    }
  }
});

test('corpus: every EVTX of the corpus, zipped together, reads as the bare files do', (t) => {
  if (!hasShared) {
    t.skip('../shared/corpus not present: corpus EVTX files not zipped and compared');
    return;
  }
  const corpus = join(sharedRoot, 'corpus');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.evtx')) files.push(p);
    }
  };
  walk(corpus);
  assert.ok(files.length > 10, `${files.length} corpus EVTX files`);
  const members: Zippable = {};
  for (const f of files) members[relative(corpus, f)] = [readFileSync(f), { level: 1 }];
  const zip = join(work, 'corpus.zip');
  writeFileSync(zip, zipSync(members));
  const zipped = read(zip);
  let at = 0;
  for (const f of files) {
    const bare = read(f);
    const summary = zipped.inputs.get(`${zip}!${relative(corpus, f)}`);
    assert.equal(summary?.events, bare.events.length, f);
    assert.deepEqual(summary?.issues, bare.inputs.get(f)?.issues, f);
    assert.deepEqual(zipped.events.slice(at, at + bare.events.length), bare.events, f);
    at += bare.events.length;
  }
  assert.equal(at, zipped.events.length);
  assert.deepEqual(leftovers(), []);
});

test('corpus: a zipped JSON export streams from the inflater (no temporary copy) and matches', (t) => {
  if (!hasShared) {
    t.skip('../shared/corpus not present: zipped Mordor JSON not compared');
    return;
  }
  const zipPath = join(
    sharedRoot,
    'corpus/attack/mordor/empire_persistence_registry_modification_run_keys_elevated_user.zip',
  );
  const issues: InputIssue[] = [];
  const bytes = readFileSync(zipPath);
  const stream = { chunks: [bytes], size: bytes.length };
  const names: string[] = [];
  for (const m of openArchive('zip', zipPath, stream, ARCHIVE_LIMITS, (i) => issues.push(i))) {
    names.push(m.name);
    assert.equal(m.stream.src, undefined, 'text members are not copied');
    writeFileSync(join(work, 'extracted.json'), concatBytes([...m.stream.chunks]));
  }
  assert.deepEqual(issues, []);
  assert.equal(names.length, 1, names.join());
  const fromZip = read(zipPath);
  const bare = read(join(work, 'extracted.json'));
  assert.ok(bare.events.length > 100, `${bare.events.length} events`);
  assert.deepEqual(fromZip.events, bare.events);
});

/** An EVTX file header (from a real sample) followed by zeros: what a bomb of an EVTX looks like. */
function evtxBomb(zeros: number): Uint8Array {
  const head = readFileSync(SAMPLES[0] ?? '').subarray(0, 4096);
  return zipSync({ 'bomb.evtx': concatBytes([head, new Uint8Array(zeros)]) }, { level: 9 });
}

test('an EVTX bomb is cut at the limit with a clear issue, on disk, and the copy removed', () => {
  const zip = evtxBomb(32 << 20);
  // The first inflate push alone makes ~4 MiB of zeros: the grace must be above that for any
  // output to come out before the limit trips (the real grace is 256 MiB).
  const limits = { ...ARCHIVE_LIMITS, ratioGraceBytes: 8 << 20 };
  const dir = mkdtempSync(join(spillRoot, 'bomb-'));
  const archiveIssues: InputIssue[] = [];
  const seen: [number, string[]][] = [];
  const stream = { chunks: [zip], size: zip.length };
  for (const m of openArchive('zip', 'b.zip', stream, limits, (i) => archiveIssues.push(i), dir)) {
    assert.ok(m.stream.src, 'the EVTX member is addressable');
    seen.push([m.stream.src.size, m.issues.map((i) => `${i.code}: ${i.message}`)]);
  }
  assert.equal(seen.length, 1);
  const [size, issues] = seen[0] ?? [0, []];
  // The push that crosses the grace is dropped whole; each push makes ~1 MiB (the first ~4 MiB).
  assert.ok(size > 4 << 20 && size <= 8 << 20, `stopped at the 8 MiB grace (${size})`);
  assert.equal(issues.length, 1);
  assert.match(
    issues[0] ?? '',
    /^archive-bomb: decompression stopped: member expands more than 400x .*likely a decompression bomb$/,
  );
  assert.deepEqual(archiveIssues, []);
  assert.deepEqual(readdirSync(dir), []);
});

test('the temporary copy is removed when the reader stops early or throws inside a member', () => {
  const bytes = readFileSync(SAMPLES[0] ?? '');
  const zip = zipSync({ 'a.evtx': bytes, 'b.evtx': bytes });
  const dir = mkdtempSync(join(spillRoot, 'abandon-'));
  const open = () =>
    openArchive('zip', 'x.zip', { chunks: [zip], size: zip.length }, ARCHIVE_LIMITS, () => {}, dir);

  for (const m of open()) {
    assert.equal(m.stream.src?.size, bytes.length);
    break; // a consumer that stops early: the generator's finally releases the copy
  }
  assert.deepEqual(readdirSync(dir), []);

  assert.throws(() => {
    for (const m of open()) {
      m.stream.src?.read(0, 10);
      throw new Error('reader failed inside the member');
    }
  }, /reader failed/);
  assert.deepEqual(readdirSync(dir), []);

  // Through readInputs: a consumer that stops after the first event.
  const path = join(work, 'two.zip');
  writeFileSync(path, zip);
  for (const e of readInputs([path])) {
    assert.ok(e.source.endsWith('!a.evtx'));
    break;
  }
  assert.deepEqual(
    leftovers().filter((n) => n.startsWith('runhunt-')),
    [],
  );
});

test('without a usable temporary folder the member is read from memory, and that is said', () => {
  const bytes = readFileSync(SAMPLES[0] ?? '');
  const zip = zipSync({ 'a.evtx': bytes });
  const missing = join(spillRoot, 'does-not-exist');
  const seen: [boolean, number, string[]][] = [];
  const stream = { chunks: [zip], size: zip.length };
  for (const m of openArchive('zip', 'x.zip', stream, ARCHIVE_LIMITS, () => {}, missing)) {
    const length = concatBytes([...m.stream.chunks]).length;
    seen.push([m.stream.src !== undefined, length, m.issues.map((i) => i.code)]);
  }
  assert.deepEqual(seen, [[false, bytes.length, ['archive-spill-failed']]]);
});
