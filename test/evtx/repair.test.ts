/**
 * Damage the reader reads through (src/ingest/evtx/binxml/repair.ts): a damaged name becomes a
 * visible placeholder, a damaged end-of-stream token or attribute list size costs nothing, a
 * record whose signature alone is hit is read. Every such record is yielded *with* an issue.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SaxesParser } from 'saxes';
import { bufferSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, readEvtxXml } from '../../src/ingest/evtx/index.js';
import type { InputIssue } from '../../src/model/events.js';
import { BinXmlWriter, ChunkWriter, evtxFile, T, utf16, v } from './evtx-builder.js';
import { readEvents, readXml } from './helpers.js';

const HEADER = 4096;
const CHUNK = 65536;
const GUID = '{CCCCCCCC-0000-0000-0000-000000000001}';
const PLACEHOLDER = /_damaged_name_at_0x[0-9a-f]+/g;

/** Windows' System/EventData shape with element and attribute names chosen by the test. */
function template(names: { provider?: string; dataAttr?: string } = {}) {
  return (w: BinXmlWriter): void => {
    w.el('Event', [], (e) => {
      e.el('System', [], (s) => {
        s.el(names.provider ?? 'Provider', [['Name', (a) => a.text('P')]], null);
        s.el('EventID', [], (x) => x.sub(0, T.UINT16));
        s.el('EventRecordID', [], (x) => x.sub(1, T.UINT64));
      });
      e.el('EventData', [], (d) =>
        d.el('Data', [[names.dataAttr ?? 'Name', (a) => a.text('V')]], (x) => x.sub(2, T.STRING)),
      );
    });
  };
}

function chunk(first: number, count: number, body = template()): ChunkWriter {
  const c = new ChunkWriter();
  for (let id = first; id < first + count; id++) {
    c.record(id, '2020-01-01T00:00:00Z', (w) =>
      w
        .fragmentHeader()
        .template(GUID, body, [v.int(T.UINT16, 13, 2), v.int(T.UINT64, id, 8), v.str(`v${id}`)])
        .eof(),
    );
  }
  return c;
}

/** Offsets (file-relative) of the record headers of a one-chunk file built by `chunk`. */
function recordOffsets(f: Uint8Array, chunkIndex = 0): number[] {
  const view = new DataView(f.buffer, f.byteOffset);
  const out: number[] = [];
  const base = HEADER + chunkIndex * CHUNK;
  for (let at = base + 512; view.getUint32(at, true) === 0x2a2a; at += view.getUint32(at + 4, true))
    out.push(at);
  return out;
}

/** Issues other than the records CRC, which any edit of a record's bytes trips as well. */
const damage = (issues: InputIssue[]): InputIssue[] =>
  issues.filter((i) => i.code !== 'records-crc-mismatch');

function wellFormed(xml: string): string[] {
  const errors: string[] = [];
  const p = new SaxesParser();
  p.on('error', (e) => errors.push(e.message));
  p.write(xml).close();
  return errors;
}

test('damaged element name: every record of its template read, placeholder, one issue each', () => {
  const f = evtxFile([chunk(1, 3, template({ provider: 'Prov;der' })).finish()]);
  const nameAt = Buffer.from(f).indexOf(Buffer.from(utf16('Prov;der'))) - 8;
  const offsets = recordOffsets(f);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => [e.recordId, e.eventId, e.data['V']]),
    [
      [1, 13, 'v1'],
      [2, 13, 'v2'],
      [3, 13, 'v3'],
    ],
  );
  assert.deepEqual(
    r.issues.map((i) => [i.code, i.offset, i.skippedBytes]),
    offsets.map((o) => ['damaged-name', o, undefined]),
  );
  assert.match(r.issues[1]!.message, new RegExp(`_damaged_name_at_0x${nameAt.toString(16)}`));
  const x = readXml(f);
  assert.equal(x.items.length, 3);
  for (const line of x.items) {
    assert.deepEqual(line.match(PLACEHOLDER), [`_damaged_name_at_0x${nameAt.toString(16)}`]);
    assert.deepEqual(wellFormed(line), []);
  }
});

test('damaged attribute name: the Data value is kept under the placeholder-named attribute', () => {
  const f = evtxFile([chunk(1, 2, template({ dataAttr: 'Na\nme' })).finish()]);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.data['Data']),
    ['v1', 'v2'],
  );
  assert.deepEqual(
    r.issues.map((i) => i.code),
    ['damaged-name', 'damaged-name'],
  );
  for (const line of readXml(f).items) {
    assert.match(line, /<Data _damaged_name_at_0x[0-9a-f]+='V'>v\d<\/Data>/);
    assert.deepEqual(wellFormed(line), []);
  }
});

test('names that are not XML names are damage: ;, space, leading digit, lone surrogate', () => {
  for (const bad of ['Pro;vider', 'Pro vider', '1Provider', 'Pro\ud800vider', 'Pro<vider']) {
    const r = readXml(evtxFile([chunk(1, 1, template({ provider: bad })).finish()]));
    assert.equal(r.items.length, 1, JSON.stringify(bad));
    assert.deepEqual(wellFormed(r.items[0]!), [], JSON.stringify(bad));
    assert.deepEqual(
      r.issues.map((i) => i.code),
      ['damaged-name'],
      JSON.stringify(bad),
    );
  }
  // ... and names that are: no issue.
  for (const good of ['auto-ns2', 'a.b', 'xmlns:x', 'Tâche', '名前']) {
    const r = readXml(evtxFile([chunk(1, 1, template({ provider: good })).finish()]));
    assert.deepEqual(r.issues, [], good);
  }
});

test('a repaired template stays in its chunk: intact chunks of the same GUID get no issues', () => {
  const f = evtxFile([
    chunk(1, 2).finish(),
    chunk(3, 2, template({ provider: 'Prov;der' })).finish(),
    chunk(5, 2).finish(),
  ]);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.recordId),
    [1, 2, 3, 4, 5, 6],
  );
  assert.deepEqual(
    r.issues.map((i) => i.offset),
    recordOffsets(f, 1),
  );
  const x = readXml(f).items;
  assert.deepEqual(
    x.map((l) => PLACEHOLDER.test(l) && ((PLACEHOLDER.lastIndex = 0), true)),
    [false, false, true, true, false, false],
  );
});

test('a stray token after the content: the record is read, the damage reported', () => {
  const c = new ChunkWriter();
  for (let id = 1; id <= 3; id++) {
    c.record(id, '2020-01-01T00:00:00Z', (w) => {
      w.fragmentHeader().template(GUID, template(), [
        v.int(T.UINT16, 13, 2),
        v.int(T.UINT64, id, 8),
        v.str(`v${id}`),
      ]);
      w.u8(id === 2 ? 0x1f : 0x00);
    });
  }
  const f = evtxFile([c.finish()]);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.data['V']),
    ['v1', 'v2', 'v3'],
  );
  assert.deepEqual(
    r.issues.map((i) => [i.code, i.offset]),
    [['damaged-binxml', recordOffsets(f)[1]]],
  );
  assert.match(r.issues[0]!.message, /token 0x1f after the content/);
});

test('an impossible attribute list size: attributes read by their tokens, reported', () => {
  const f = evtxFile([chunk(1, 2).finish()]);
  // The Data element's attribute list size follows its inline name: count 4, "Data", NUL.
  const sizeAt = Buffer.from(f).indexOf(Buffer.from([4, 0, ...utf16('Data'), 0, 0])) + 12;
  new DataView(f.buffer, f.byteOffset).setUint32(sizeAt, 0x00ffffff, true);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.data['V']),
    ['v1', 'v2'],
  );
  assert.deepEqual(
    damage(r.issues).map((i) => i.code),
    ['damaged-binxml', 'damaged-binxml'],
  );
  assert.match(damage(r.issues)[0]!.message, /attribute list size 16777215/);
});

test('a record whose signature alone is damaged is read, with an issue and nothing skipped', () => {
  const f = evtxFile([chunk(1, 4).finish()]);
  const second = recordOffsets(f)[1]!;
  f[second] = 0x2b;
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.recordId),
    [1, 2, 3, 4],
  );
  assert.deepEqual(
    damage(r.issues).map((i) => [i.code, i.offset, i.skippedBytes]),
    [['bad-record-signature', second, undefined]],
  );
});

test('a value its type cannot describe: that value empty, the rest of the record read', () => {
  const cases: Array<[string, ReturnType<typeof v.raw>, RegExp]> = [
    ['unknown type', v.raw(0x30, [1, 2]), /unknown value type 0x30/],
    ['UInt64 in 2 bytes', v.raw(T.UINT64, [1, 2]), /type 0x0a needs more than 2 bytes/],
    ['GUID in 15 bytes', v.raw(T.GUID, Array<number>(15).fill(7)), /needs more than 15 bytes/],
    [
      'SID longer than its value',
      v.raw(T.SID, [1, 5, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0]),
      /SID does not fit its 12 bytes/,
    ],
  ];
  for (const [what, bad, why] of cases) {
    const c = new ChunkWriter();
    for (let id = 1; id <= 2; id++) {
      c.record(id, '2020-01-01T00:00:00Z', (w) =>
        w
          .fragmentHeader()
          .template(GUID, template(), [
            v.int(T.UINT16, 13, 2),
            v.int(T.UINT64, id, 8),
            id === 1 ? bad : v.str('v2'),
          ])
          .eof(),
      );
    }
    const f = evtxFile([c.finish()]);
    const r = readEvents(f);
    assert.deepEqual(
      r.items.map((e) => [e.recordId, e.eventId, e.data['V']]),
      [
        [1, 13, ''],
        [2, 13, 'v2'],
      ],
      what,
    );
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.offset]),
      [['damaged-value', recordOffsets(f)[0]]],
      what,
    );
    assert.match(r.issues[0]!.message, why, what);
    assert.match(r.issues[0]!.message, /value 2: .*rendered empty/, what);
    const x = readXml(f);
    assert.equal(x.items.length, 2, what);
    assert.match(x.items[0]!, /<Data Name='V'><\/Data>/, what);
  }
});

test('damage inside a BinXML value (decoded as it renders): one issue per repair', () => {
  // Built as test/evtx/synthetic-chunk.ts builds its BinXML value: offsets are chunk-relative,
  // so a probe finds where the value lands, then the builder's maps are rolled back.
  const c = new ChunkWriter();
  const outerGuid = '{EEEEEEEE-0000-0000-0000-000000000001}';
  const outer = (t: BinXmlWriter): void => {
    t.el('Event', [], (e) => {
      e.el('System', [], (s) => {
        s.el('Provider', [['Name', (a) => a.text('P')]], null);
        s.el('EventID', [], (x) => x.sub(0, T.UINT16));
      });
      e.el('UserData', [], (u) => u.sub(1, T.BINXML));
    });
  };
  const names = new Map(c.names);
  const templates = new Map(c.templates);
  const probe = new BinXmlWriter(c, c.pos + 24)
    .fragmentHeader()
    .template(outerGuid, outer, [v.int(T.UINT16, 4, 2), v.null()]);
  const nested = BinXmlWriter.value(c, probe.pos, (n) =>
    n.fragmentHeader().template(
      '{EEEEEEEE-0000-0000-0000-000000000002}',
      (t) =>
        t.el('Cleared', [], (l) => {
          l.el('Us;er', [], (x) => x.sub(0, T.STRING));
          l.el('Count', [], (x) => x.sub(1, T.UINT32));
        }),
      [v.str('admin'), v.raw(0x30, [1, 2, 3, 4])],
    ),
  );
  c.names.clear();
  c.templates.clear();
  names.forEach((val, k) => c.names.set(k, val));
  templates.forEach((val, k) => c.templates.set(k, val));
  c.record(1, '2020-01-01T00:00:00Z', (w) =>
    w.fragmentHeader().template(outerGuid, outer, [v.int(T.UINT16, 4, 2), nested]),
  );
  const f = evtxFile([c.finish()]);
  const r = readEvents(f);
  assert.equal(r.items.length, 1);
  const [name] = Object.keys(r.items[0]!.data).filter((k) => k.startsWith('_damaged'));
  assert.deepEqual({ ...r.items[0]!.data }, { [name!]: 'admin', Count: '' });
  const x = readXml(f);
  for (const issues of [r.issues, x.issues]) {
    assert.deepEqual(
      damage(issues)
        .map((i) => i.code)
        .sort(),
      ['damaged-name', 'damaged-value'],
    );
  }
  assert.deepEqual(wellFormed(x.items[0]!), []);
  assert.match(
    x.items[0]!,
    /<Cleared><_damaged_name_at_0x[0-9a-f]+>admin<\/_damaged_name_at_0x[0-9a-f]+><Count><\/Count><\/Cleared>/,
  );
});

test('an inline name of impossible length still costs the record (its extent is unknown)', () => {
  const f = evtxFile([chunk(1, 1).finish(), chunk(2, 1).finish()]);
  const at = Buffer.from(f).indexOf(Buffer.from(utf16('Provider'))) - 2; // the name's length
  new DataView(f.buffer, f.byteOffset).setUint16(at, 0xfff0, true);
  const r = readEvents(f);
  assert.deepEqual(
    r.items.map((e) => e.recordId),
    [2],
  );
  assert.deepEqual(
    damage(r.issues).map((i) => [i.code, (i.skippedBytes ?? 0) > 0]),
    [['bad-name', true]],
  );
});

// Real logs with every Nth byte flipped, as the fault table does (scripts/fault-injection.mjs):
// at least the records python-evtx 0.7 renders (`pyevtx`, counted as the table counts them) and
// the count this reader reached when the repairs came in (`atLeast`), every placeholder with its
// record's issue, every line well-formed. The corpus row is the one the table had runhunt below
// python-evtx on (1378 vs 1543).
const corpus = new URL('../../../shared/corpus/', import.meta.url);
const samples = new URL('../samples/evtx/', import.meta.url);
const FLIPS: Array<{ file: URL; step: number; pyevtx: number; atLeast: number }> = [
  { file: new URL('sysmon-one-chunk.evtx', samples), step: 700, pyevtx: 10, atLeast: 34 },
  { file: new URL('sysmon-one-chunk.evtx', samples), step: 300, pyevtx: 31, atLeast: 37 },
  { file: new URL('system-one-chunk.evtx', samples), step: 1000, pyevtx: 32, atLeast: 99 },
  { file: new URL('system-one-chunk.evtx', samples), step: 700, pyevtx: 0, atLeast: 91 },
  {
    file: new URL('benign/deepbluecli/many-events-application.evtx', corpus),
    step: 1000,
    pyevtx: 1543,
    atLeast: 1833,
  },
];

for (const { file, step, pyevtx, atLeast } of FLIPS) {
  const name = file.pathname.split('/').pop()!;
  test(`${name} with every ${step}th byte flipped: ≥ ${atLeast} events, repairs reported`, (t) => {
    if (!existsSync(file)) return t.skip(`${file.pathname} not present (../shared/corpus)`);
    const bytes = new Uint8Array(readFileSync(file));
    for (let i = HEADER; i < bytes.length; i += step) bytes[i]! ^= 0x55;
    const issues: InputIssue[] = [];
    const ctx = { source: name, onIssue: (i: InputIssue) => issues.push(i) };
    const events = [...readEvtxEvents(bufferSource(bytes), ctx)];
    assert.ok(events.length >= atLeast && events.length >= pyevtx, `${events.length} events`);
    assert.ok(issues.some((i) => i.code === 'damaged-name'));

    issues.length = 0;
    let lines = 0;
    for (const line of readEvtxXml(bufferSource(bytes), ctx)) {
      lines++;
      // Issues reported since the previous line include this record's repairs.
      const reported = issues.splice(0).filter((i) => i.code === 'damaged-name');
      for (const name of line.match(PLACEHOLDER) ?? []) {
        assert.ok(
          reported.some((i) => i.message.includes(name)),
          `${name} in a line without its issue`,
        );
      }
      assert.deepEqual(
        wellFormed(line.replace(/&#([0-8]|1[0-9]|2[0-9]|3[01]);/g, '?')),
        [],
        line.slice(0, 200),
      );
    }
    assert.ok(lines >= pyevtx);
  });
}
