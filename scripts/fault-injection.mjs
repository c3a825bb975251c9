#!/usr/bin/env node
// Fault-injection table (docs/robustness.md): damages corpus EVTX files in fixed ways and counts
// the events recovered by runhunt (readEvtxEvents), python-evtx (/usr/bin/python3, module Evtx)
// and libevtx (`evtxexport -f xml`), plus `evtx_dump` when installed. Prints a Markdown table.
// Usage: node scripts/fault-injection.mjs [file.evtx ...]   (default: corpus files below)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { register } from 'tsx/esm/api';

register();
const { readEvtxEvents } = await import('../src/ingest/evtx/index.ts');
const { bufferSource } = await import('../src/ingest/byte-source.ts');

const corpus = resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
const DEFAULT = [
  'benign/omerbenamram-evtx/system.evtx',
  'benign/omerbenamram-evtx/security.evtx',
  'benign/deepbluecli/many-events-application.evtx',
  'attack/deepbluecli/sliver-sysmon.evtx',
].map((f) => join(corpus, f));
const files = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT;
if (!files.every(existsSync)) {
  console.error('fault-injection: corpus files missing (../shared/corpus)');
  process.exit(2);
}

const CHUNK = 65536;
const chunkAt = (i) => 4096 + i * CHUNK;
const u32 = (b, at, x) => new DataView(b.buffer).setUint32(at, x >>> 0, true);
const reseal = (b, base) =>
  u32(
    b,
    base + 124,
    crc32(b.subarray(base + 128, base + 512), crc32(b.subarray(base, base + 120))),
  );
/** Offsets of the records in chunk `base` (walked by size). */
function records(b, base) {
  const v = new DataView(b.buffer);
  const out = [];
  for (let off = 512; off + 28 <= CHUNK && base + off + 8 <= b.length;) {
    if (v.getUint32(base + off, true) !== 0x2a2a) break;
    const size = v.getUint32(base + off + 4, true);
    if (size < 28) break;
    out.push(base + off);
    off += size;
  }
  return out;
}

const CASES = [
  ['intact', (b) => b],
  ['truncate at 50%', (b) => b.subarray(0, Math.floor(b.length / 2))],
  ['truncate mid-chunk 1 (+30000)', (b) => b.subarray(0, chunkAt(1) + 30000)],
  ['file header magic zeroed', (b) => (b.fill(0, 0, 8), b)],
  ['file header CRC flipped', (b) => ((b[124] ^= 0xff), b)],
  ['chunk 1 zeroed', (b) => (b.fill(0, chunkAt(1), chunkAt(2)), b)],
  ['chunk 1 magic damaged', (b) => ((b[chunkAt(1)] = 0x58), b)],
  ['chunk 1 header zeroed (512 bytes)', (b) => (b.fill(0, chunkAt(1), chunkAt(1) + 512), b)],
  ['chunk 0 header CRC flipped', (b) => ((b[chunkAt(0) + 124] ^= 0xff), b)],
  ['chunk 0 records CRC flipped', (b) => ((b[chunkAt(0) + 52] ^= 0xff), b)],
  [
    'chunk 0 free space offset = 0x400 (CRC resealed)',
    (b) => (u32(b, chunkAt(0) + 48, 0x400), reseal(b, chunkAt(0)), b),
  ],
  [
    'chunk 0 last record id = 0 (CRC resealed)',
    (b) => (u32(b, chunkAt(0) + 32, 0), reseal(b, chunkAt(0)), b),
  ],
  [
    'chunk 0 template corrupted (first record, 16 bytes)',
    (b) => {
      const r = records(b, chunkAt(0))[0];
      if (r !== undefined) b.fill(0xff, r + 60, r + 76);
      return b;
    },
  ],
  [
    'chunk 0 template pointer to itself (record 2)',
    (b) => {
      const r = records(b, chunkAt(0))[1];
      if (r !== undefined && b[r + 28] === 0x0c) u32(b, r + 34, r + 28 - chunkAt(0));
      return b;
    },
  ],
  [
    'chunk 0 record 3 size = 0xffffffff',
    (b) => {
      const r = records(b, chunkAt(0))[2];
      if (r !== undefined) u32(b, r + 4, 0xffffffff);
      return b;
    },
  ],
  [
    'every 1000th byte flipped',
    (b) => {
      for (let i = 4096; i < b.length; i += 1000) b[i] ^= 0x55;
      return b;
    },
  ],
];

function runhunt(bytes) {
  let n = 0;
  for (const _ of readEvtxEvents(bufferSource(bytes), { source: 'x', onIssue: () => {} })) n++;
  return n;
}

const PY = `
import sys
import Evtx.Evtx as evtx
n = 0
try:
    with evtx.Evtx(sys.argv[1]) as log:
        for chunk in log.chunks():
            try:
                for rec in chunk.records():
                    try:
                        # an empty rendering is not a recovered event
                        if '<Event' in rec.xml(): n += 1
                    except Exception:
                        pass
            except Exception:
                pass
except Exception:
    pass
print(n)
`;
function count(cmd, args, parse) {
  const r = spawnSync(cmd, args, { encoding: 'latin1', timeout: 300_000, maxBuffer: 1 << 30 });
  if (r.error?.code === 'ETIMEDOUT' || r.signal) return 'timeout';
  if (r.error) return 'n/a';
  return parse(r.stdout ?? '');
}
const pyevtx = (p) => count('/usr/bin/python3', ['-c', PY, p], (s) => Number(s.trim()) || 0);
const evtxexport = (p) =>
  count('evtxexport', ['-f', 'xml', p], (s) => (s.match(/<Event xmlns=/g) ?? []).length);
const hasDump = spawnSync('evtx_dump', ['--version']).error === undefined;
const evtxDump = (p) =>
  count(
    'evtx_dump',
    ['-o', 'jsonl', p],
    (s) => s.split('\n').filter((l) => l.startsWith('{')).length,
  );

const dir = mkdtempSync(join(tmpdir(), 'runhunt-faults-'));
const rows = [];
let worse = 0;
try {
  for (const file of files) {
    const original = new Uint8Array(readFileSync(file));
    for (const [name, damage] of CASES) {
      const bytes = damage(Uint8Array.from(original));
      const p = join(dir, 'case.evtx');
      writeFileSync(p, bytes);
      const r = runhunt(bytes);
      const py = pyevtx(p);
      const lib = evtxexport(p);
      const dump = hasDump ? evtxDump(p) : null;
      const best = Math.max(...[py, lib, dump].filter((x) => typeof x === 'number'));
      const ok = r >= best;
      if (!ok) worse++;
      rows.push(
        `| ${basename(file)} | ${name} | ${r} | ${py} | ${lib} |${hasDump ? ` ${dump} |` : ''} ${ok ? 'yes' : '**no**'} |`,
      );
      process.stderr.write(
        `${basename(file)}: ${name}: runhunt ${r}, python-evtx ${py}, evtxexport ${lib}\n`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `| file | damage | runhunt | python-evtx | evtxexport |${hasDump ? ' evtx_dump |' : ''} runhunt ≥ best |`,
);
console.log(`|---|---|---|---|---|${hasDump ? '---|' : ''}---|`);
for (const r of rows) console.log(r);
process.exit(worse > 0 ? 1 : 0);
