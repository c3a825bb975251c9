import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BinXmlWriter } from './evtx-builder.js';
import { ChunkWriter, evtxFile, T, v } from './evtx-builder.js';
import { readEvents } from './helpers.js';

const CHUNK = 65536;
const HEADER = 4096;

function simpleTemplate(w: BinXmlWriter): void {
  w.el('Event', [], (e) => {
    e.el('System', [], (s) => {
      s.el('EventID', [], (x) => x.sub(0, T.UINT16));
      s.el('EventRecordID', [], (x) => x.sub(1, T.UINT64));
    });
    e.el('EventData', [], (d) =>
      d.el('Data', [['Name', (a) => a.text('V')]], (x) => x.sub(2, T.STRING)),
    );
  });
}

/** A chunk of `count` records with ids from `first`, all from one template. */
function simpleChunk(
  first: number,
  count: number,
  tweak?: (w: BinXmlWriter, id: number) => void,
): ChunkWriter {
  const c = new ChunkWriter();
  for (let id = first; id < first + count; id++) {
    c.record(id, '2020-01-01T00:00:00Z', (w) => {
      w.fragmentHeader().template('{AAAAAAAA-0000-0000-0000-000000000001}', simpleTemplate, [
        v.int(T.UINT16, 13, 2),
        v.int(T.UINT64, id, 8),
        v.str(`value ${id}`),
      ]);
      tweak?.(w, id);
    });
  }
  return c;
}

const ids = (bytes: Uint8Array): number[] => readEvents(bytes).items.map((e) => e.recordId ?? -1);
const codes = (bytes: Uint8Array): string[] => readEvents(bytes).issues.map((i) => i.code);
const range = (a: number, n: number): number[] => [...Array(n)].map((_, i) => a + i);
const threeChunks = (): Uint8Array[] => [
  simpleChunk(1, 10).finish(),
  simpleChunk(11, 10).finish(),
  simpleChunk(21, 10).finish(),
];

test('dirty header with a chunk count lower than the chunks present: all chunks read', () => {
  const f = evtxFile(threeChunks(), { chunkCount: 1, flags: 1 });
  assert.deepEqual(ids(f), range(1, 30));
  assert.deepEqual(codes(f), []);
});

test('bad chunk magic inside the header count: issue, its records still read', () => {
  const f = evtxFile(threeChunks());
  f[HEADER + CHUNK] = 0x58;
  const { items, issues } = readEvents(f);
  assert.deepEqual(
    items.map((e) => e.recordId),
    range(1, 30),
  );
  assert.deepEqual(
    issues.map((i) => [i.code, i.offset, i.skippedBytes]),
    [
      ['bad-chunk-magic', HEADER + CHUNK, undefined],
      ['chunk-header-crc-mismatch', HEADER + CHUNK + 124, undefined],
    ],
  );
});

test('bad chunk magic and no whole record left: chunk skipped with its range', () => {
  const f = evtxFile(threeChunks());
  f.fill(0x58, HEADER + CHUNK, HEADER + 2 * CHUNK);
  const { items, issues } = readEvents(f);
  assert.deepEqual(
    items.map((e) => e.recordId),
    [...range(1, 10), ...range(21, 10)],
  );
  assert.deepEqual(issues, [
    {
      code: 'bad-chunk-magic',
      offset: HEADER + CHUNK,
      message: 'chunk does not start with "ElfChnk\\0"; skipped',
      skippedBytes: CHUNK,
    },
  ]);
});

test('unused space: zero chunks and slack past the header count are not damage', () => {
  const garbage = new Uint8Array(CHUNK).fill(0x41);
  const f = evtxFile([simpleChunk(1, 3).finish(), new Uint8Array(CHUNK), garbage], {
    chunkCount: 2,
  });
  assert.deepEqual(ids(f), [1, 2, 3]);
  assert.deepEqual(codes(f), []);
});

test('CRC mismatches are reported and the records still read', () => {
  const f = evtxFile(threeChunks());
  f[100] = f[100]! ^ 1; // file header (covered by its CRC, unused field)
  f[HEADER + 60] = f[HEADER + 60]! ^ 1; // chunk 0 header, unused field
  const valueAt = Buffer.from(f).indexOf(Buffer.from('value 25', 'utf16le'));
  f[valueAt] = 'V'.charCodeAt(0);
  const { items, issues } = readEvents(f);
  assert.equal(items.length, 30);
  assert.equal(items[24]!.data['V'], 'Value 25');
  assert.deepEqual(
    issues.map((i) => [i.code, i.offset]),
    [
      ['file-header-crc-mismatch', 124],
      ['chunk-header-crc-mismatch', HEADER + 124],
      ['records-crc-mismatch', HEADER + 2 * CHUNK + 52],
    ],
  );
});

test('bad record size: resync at the next record signature, skipped bytes accounted', () => {
  const c = simpleChunk(1, 5);
  const f = evtxFile([c.finish()]);
  const second = Buffer.from(f).indexOf(Buffer.from([0x2a, 0x2a, 0, 0]), HEADER + 512 + 8);
  const third = Buffer.from(f).indexOf(Buffer.from([0x2a, 0x2a, 0, 0]), second + 8);
  f[second + 4] = 0xff;
  f[second + 5] = 0xff;
  const { items, issues } = readEvents(f);
  assert.deepEqual(
    items.map((e) => e.recordId),
    [1, 3, 4, 5],
  );
  const bad = issues.find((i) => i.code === 'bad-record-size')!;
  assert.equal(bad.offset, second + 4);
  assert.equal(bad.skippedBytes, third - second);
});

test('bad record signature and size: issue, resync, nothing lost after it', () => {
  const f = evtxFile([simpleChunk(1, 5).finish()]);
  const second = Buffer.from(f).indexOf(Buffer.from([0x2a, 0x2a, 0, 0]), HEADER + 512 + 8);
  f[second] = 0;
  f[second + 4]! ^= 0x10; // the size no longer matches its trailing copy: nothing to trust
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.recordId),
    [1, 3, 4, 5],
  );
  assert.ok(
    r.issues.some(
      (i) => i.code === 'bad-record-signature' && i.offset === second && (i.skippedBytes ?? 0) > 0,
    ),
  );
});

test('truncated file: records wholly present are read, the cut is reported', () => {
  const full = evtxFile([simpleChunk(1, 10).finish(), simpleChunk(11, 10).finish()]);
  const cutAt = HEADER + CHUNK + 512 + 500;
  const r = readEvents(full.subarray(0, cutAt));
  assert.ok(r.items.length >= 11 && r.items.length < 20, `read ${r.items.length}`);
  assert.deepEqual(
    r.items.slice(0, 11).map((e) => e.recordId),
    range(1, 11),
  );
  assert.ok(r.issues.some((i) => i.code === 'truncated-chunk' && i.offset === HEADER + CHUNK));
  const tiny = readEvents(full.subarray(0, 100));
  assert.deepEqual(tiny.items, []);
  assert.equal(tiny.issues[0]?.code, 'truncated');
});

test('unknown token: the record is skipped with an issue, the next one reads', () => {
  // A stray token before any content: nothing of the record can be walked. (After the content
  // it only costs the end-of-stream token, and a value of an unknown type only that value:
  // test/evtx/repair.test.ts.)
  const tokens = new ChunkWriter();
  for (let id = 1; id <= 3; id++) {
    tokens.record(id, '2020-01-01T00:00:00Z', (w) => {
      w.fragmentHeader();
      if (id === 2) w.u8(0x1f);
      w.template('{AAAAAAAA-0000-0000-0000-000000000001}', simpleTemplate, [
        v.int(T.UINT16, 13, 2),
        v.int(T.UINT64, id, 8),
        v.str(`value ${id}`),
      ]);
    });
  }
  const r = readEvents(evtxFile([tokens.finish()]));
  assert.deepEqual(
    r.items.map((e) => e.recordId),
    [1, 3],
  );
  assert.equal(r.issues.length, 1);
  assert.ok(
    ['invalid-token', 'truncated', 'bad-name'].includes(r.issues[0]!.code),
    r.issues[0]!.code,
  );
  assert.ok((r.issues[0]!.skippedBytes ?? 0) > 0);
});

test('forwarded-event layout: a plain record without dependency ids still reads', () => {
  const c = new ChunkWriter();
  c.record(
    9,
    '2020-01-01T00:00:00Z',
    (w) =>
      w
        .fragmentHeader()
        .el('Event', [], (e) => {
          e.el('System', [], (s) => s.el('EventID', [], (x) => x.text('4688')));
          e.el('EventData', [], (d) =>
            d.el('Data', [['Name', (a) => a.text('N')]], (x) => x.text('v')),
          );
        })
        .eof(),
    false,
  );
  const r = readEvents(evtxFile([c.finish()]));
  assert.deepEqual(r.issues, []);
  assert.equal(r.items[0]!.eventId, 4688);
  assert.equal(r.items[0]!.data['N'], 'v');
});

test('limits: nesting deeper than 64 and a template that instantiates itself are issues', () => {
  const deep = new ChunkWriter();
  const nest = (w: BinXmlWriter, n: number): void => {
    w.el('E', [], n > 0 ? (x) => nest(x, n - 1) : null);
  };
  deep.record(1, '2020-01-01T00:00:00Z', (w) => nest(w.fragmentHeader(), 80));
  const r = readEvents(evtxFile([deep.finish()]));
  assert.deepEqual(r.items, []);
  assert.deepEqual(
    r.issues.map((i) => i.code),
    ['limit-exceeded'],
  );

  const loop = new ChunkWriter();
  const guid = '{BBBBBBBB-0000-0000-0000-000000000001}';
  const body = (w: BinXmlWriter): void => {
    w.el('Event', [], (e) => e.template(guid, body, []));
  };
  loop.record(1, '2020-01-01T00:00:00Z', (w) => w.fragmentHeader().template(guid, body, []));
  const l = readEvents(evtxFile([loop.finish()]));
  assert.deepEqual(l.items, []);
  assert.equal(l.issues.length, 1);
  assert.match(l.issues[0]!.message, /instantiates itself/);
});

test('zeroed records before the free space offset are reported with their length', () => {
  const c = simpleChunk(1, 5);
  const f = evtxFile([c.finish()]);
  const end = HEADER + c.pos;
  let at = HEADER + 512; // start of record 3: two record sizes in
  for (let i = 0; i < 2; i++) at += new DataView(f.buffer, f.byteOffset).getUint32(at + 4, true);
  f.fill(0, at, end);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.recordId),
    [1, 2],
  );
  const z = r.issues.find((i) => i.code === 'zeroed-records')!;
  assert.equal(z.offset, at);
  assert.equal(z.skippedBytes, end - at);
});
