import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, zipSync } from 'fflate';
import type { InputIssue } from '../../model/events.js';
import { bufferSource } from '../byte-source.js';
import { concatBytes } from '../chunks.js';
import { gzipMembers, innerName } from './gzip.js';
import { ARCHIVE_LIMITS } from './limits.js';
import { tarMembers } from './tar.js';
import { zipMembers } from './zip.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function drain(chunks: Iterable<Uint8Array>): string {
  return dec.decode(concatBytes([...chunks]));
}

test('zip: stored and deflated members stream out by name; directories skipped', () => {
  const zip = zipSync({
    'a.json': [enc.encode('{"x":1}'), { level: 0 }],
    'dir/b.xml': enc.encode('<Event/>'.repeat(100)),
    'dir/': new Uint8Array(0),
  });
  const issues: InputIssue[] = [];
  const got = [...zipMembers(bufferSource(zip), ARCHIVE_LIMITS, (i) => issues.push(i))].map((m) => [
    m.name,
    drain(m.stream.chunks).length,
  ]);
  assert.deepEqual(got, [
    ['a.json', 7],
    ['dir/b.xml', 800],
  ]);
  assert.deepEqual(issues, []);
});

test('zip: a decompression bomb is stopped with a clear issue', () => {
  const zip = zipSync({ 'bomb.json': new Uint8Array(4 << 20) }); // 4 MiB of zeros, ~1000x
  const limits = { ...ARCHIVE_LIMITS, ratioGraceBytes: 1 << 20 };
  const [m] = [...zipMembers(bufferSource(zip), limits, () => {})];
  assert.ok(m);
  const out = drain(m.stream.chunks);
  assert.ok(out.length < 4 << 20, 'output cut off');
  assert.equal(m.issues[0]?.code, 'archive-bomb');
  assert.match(m.issues[0]?.message ?? '', /expands more than 400x/);

  const small = { ...ARCHIVE_LIMITS, maxMemberBytes: 1000 };
  const [n] = [
    ...zipMembers(bufferSource(zipSync({ x: enc.encode('y'.repeat(5000)) })), small, () => {}),
  ];
  assert.ok(n);
  drain(n.stream.chunks);
  assert.match(n.issues[0]?.message ?? '', /more than 1000 bytes/);
});

test('gzip: one member named after the file; concatenated gzip members join', () => {
  const gz = concatBytes([gzipSync(enc.encode('one\n')), gzipSync(enc.encode('two\n'))]);
  const [m] = [...gzipMembers([gz], 'logs/app.json.gz', ARCHIVE_LIMITS, gz.length)];
  assert.equal(m?.name, 'app.json');
  assert.equal(drain(m?.stream.chunks ?? []), 'one\ntwo\n');
  assert.equal(innerName('x.tgz'), 'x.tar');
});

function tarEntry(name: string, body: string, type = '0'): Uint8Array {
  const h = new Uint8Array(512);
  h.set(enc.encode(name), 0);
  h.set(enc.encode(body.length.toString(8).padStart(11, '0') + '\0'), 124);
  h.set(enc.encode('        '), 148);
  h[156] = type.charCodeAt(0);
  h.set(enc.encode('ustar\0'), 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  const data = enc.encode(body);
  return concatBytes([h, data, new Uint8Array((512 - (data.length % 512)) % 512)]);
}

test('tar: regular files in order, pax long names, unread bodies skipped, truncation reported', () => {
  const tar = concatBytes([
    tarEntry('pax', '30 path=long/name/events.json\n', 'x'),
    tarEntry('short', '{"a":1}'),
    tarEntry('d/', '', '5'),
    tarEntry('b.xml', '<Event/>'.repeat(100)),
    new Uint8Array(1024),
  ]);
  const issues: InputIssue[] = [];
  const names: string[] = [];
  for (const m of tarMembers([tar.slice(0, 700), tar.slice(700)], (i) => issues.push(i)))
    names.push(m.name);
  assert.deepEqual(names, ['long/name/events.json', 'b.xml']);
  assert.deepEqual(issues, []);

  const cut = tar.slice(0, 1024 + 1024 + 512 + 512 + 300); // pax, short, dir, b.xml header, 300 bytes
  // Each member is read before the next is asked for (the tar stream only goes forward).
  const members: [string, number, string[]][] = [];
  const later: InputIssue[] = [];
  for (const m of tarMembers([cut], (i) => later.push(i))) {
    const length = drain(m.stream.chunks).length;
    members.push([m.name, length, m.issues.map((i) => i.code)]);
  }
  assert.deepEqual(members, [
    ['long/name/events.json', 7, []],
    ['b.xml', 300, ['archive-damaged']],
  ]);
});

test('zip: overlapping entries (one stream listed many times) trip the archive-wide limit', () => {
  // Build a zip whose central directory lists the same stored member 64 times.
  const body = new Uint8Array(1 << 20).fill(0x41);
  const one = zipSync({ 'a.json': [body, { level: 0 }] });
  const view = new DataView(one.buffer, one.byteOffset, one.byteLength);
  const eocd = one.length - 22;
  const cdOffset = view.getUint32(eocd + 16, true);
  const cdEntry = one.subarray(cdOffset, eocd);
  const copies = 64;
  const out = new Uint8Array(cdOffset + cdEntry.length * copies + 22);
  out.set(one.subarray(0, cdOffset));
  for (let i = 0; i < copies; i++) out.set(cdEntry, cdOffset + i * cdEntry.length);
  out.set(one.subarray(eocd), cdOffset + cdEntry.length * copies);
  const ov = new DataView(out.buffer);
  const end = cdOffset + cdEntry.length * copies;
  ov.setUint16(end + 8, copies, true);
  ov.setUint16(end + 10, copies, true);
  ov.setUint32(end + 12, cdEntry.length * copies, true);
  const limits = { ...ARCHIVE_LIMITS, maxRatio: 10, ratioGraceBytes: 1 << 20 };
  const codes: string[] = [];
  let bytes = 0;
  for (const m of zipMembers(bufferSource(out), limits, () => {})) {
    for (const c of m.stream.chunks) bytes += c.length;
    codes.push(...m.issues.map((i) => i.code));
  }
  assert.ok(codes.includes('archive-bomb'), codes.join());
  assert.ok(bytes <= 11 * out.length, `stopped near the limit (${bytes} bytes from ${out.length})`);
});
