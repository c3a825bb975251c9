/**
 * A synthetic chunk exercising every BinXML token and MS-EVEN6 value type, shared by the tests.
 * Record ids: 1 = every scalar type, 2 = arrays, 3 = a plain fragment (no template) with
 * char/entity refs, CDATA and a PI, 4 = UserData in a nested BinXML value, 5 = the record 1
 * template reused with other values (template cache by definition offset).
 */
import { BinXmlWriter, ChunkWriter, T, v, type Value } from './evtx-builder.js';

export const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const SYSMON_GUID = '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}';

/** System section with substitutions 0..10 (see systemValues). */
function system(w: BinXmlWriter): void {
  w.el('System', [], (s) => {
    s.el(
      'Provider',
      [
        ['Name', (a) => a.sub(0, T.STRING, true)],
        ['Guid', (a) => a.sub(1, T.GUID, true)],
      ],
      null,
    );
    s.el('EventID', [['Qualifiers', (a) => a.sub(2, T.UINT16, true)]], (c) => c.sub(3, T.UINT16));
    s.el('Version', [], (c) => c.sub(4, T.UINT8));
    s.el('TimeCreated', [['SystemTime', (a) => a.sub(5, T.FILETIME, true)]], null);
    s.el('EventRecordID', [], (c) => c.sub(6, T.UINT64));
    s.el('Correlation', [['ActivityID', (a) => a.sub(7, T.GUID, true)]], null);
    s.el('Channel', [], (c) => c.sub(8, T.STRING));
    s.el('Computer', [], (c) => c.sub(9, T.STRING));
    s.el('Security', [['UserID', (a) => a.sub(10, T.SID, true)]], null);
  });
}

function systemValues(id: number, eventId: number, qualifiers: Value = v.null()): Value[] {
  return [
    v.str('Test-Provider'),
    v.guid(SYSMON_GUID),
    qualifiers,
    v.int(T.UINT16, eventId, 2),
    v.int(T.UINT8, 2, 1),
    v.filetime('2019-03-19T23:34:25.123Z', 4567),
    v.int(T.UINT64, id, 8),
    v.null(),
    v.str('Test/Operational'),
    v.str('host.example'),
    v.sid('S-1-5-18'),
  ];
}

/** Names and values of record 1's EventData, one per value type, in order. */
export const SCALARS: Array<[string, number, Value, string]> = [
  ['String', T.STRING, v.str('a<b>&"c\'\r\nd\u0001'), 'a<b>&"c\'\r\nd\u0001'],
  ['Empty', T.STRING, v.str(''), ''],
  ['Ansi', T.ANSI, v.ansi('caf\u00e9'), 'caf\u00e9'],
  ['Int8', T.INT8, v.int(T.INT8, -5, 1), '-5'],
  ['UInt8', T.UINT8, v.int(T.UINT8, 250, 1), '250'],
  ['Int16', T.INT16, v.int(T.INT16, -300, 2), '-300'],
  ['UInt16', T.UINT16, v.int(T.UINT16, 65000, 2), '65000'],
  ['Int32', T.INT32, v.int(T.INT32, -70000, 4), '-70000'],
  ['UInt32', T.UINT32, v.int(T.UINT32, 4000000000, 4), '4000000000'],
  ['Int64', T.INT64, v.big(T.INT64, -5000000000000n), '-5000000000000'],
  ['UInt64', T.UINT64, v.big(T.UINT64, 9223372036854775813n), '9223372036854775813'],
  ['Real32', T.REAL32, v.f32(1.5), '1.5'],
  ['Real64', T.REAL64, v.f64(0.1), '0.1'],
  ['Bool', T.BOOL, v.bool(true), 'true'],
  ['BoolFalse', T.BOOL, v.bool(false), 'false'],
  ['Binary', T.BINARY, v.bin([0xde, 0xad, 0x0b]), 'DEAD0B'],
  [
    'Guid',
    T.GUID,
    v.guid('{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}'),
    '{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}',
  ],
  ['SizeT', T.SIZE_T, v.big(T.SIZE_T, 0x1000n), '0x1000'],
  [
    'FileTime',
    T.FILETIME,
    v.filetime('2020-01-02T03:04:05.000Z', 1),
    '2020-01-02T03:04:05.0000001Z',
  ],
  [
    'SystemTime',
    T.SYSTEMTIME,
    v.systemtime(2021, 12, 31, 23, 59, 58, 7),
    '2021-12-31T23:59:58.007Z',
  ],
  [
    'Sid',
    T.SID,
    v.sid('S-1-5-21-1004336348-1177238915-682003330-512'),
    'S-1-5-21-1004336348-1177238915-682003330-512',
  ],
  ['Hex32', T.HEX32, v.hex32(0x3e7), '0x3e7'],
  ['Hex64', T.HEX64, v.hex64(0x8000000000000001n), '0x8000000000000001'],
  ['Handle', T.EVT_HANDLE, v.raw(T.EVT_HANDLE, [0x10, 0, 0, 0]), '0x10'],
  ['EvtXml', T.EVT_XML, v.raw(T.EVT_XML, [...Buffer.from('<x/>', 'utf16le')]), '<x/>'],
  ['Null', T.NULL, v.null(), ''],
];

/** Arrays of record 2: name, values, the items Windows repeats the element for. */
export const ARRAYS: Array<[string, Value, string[]]> = [
  ['Strings', v.array(T.STRING, [[...Buffer.from('a\0\0b\0', 'utf16le')]]), ['a', '', 'b']],
  ['Ansis', v.array(T.ANSI, [[...Buffer.from('x\0yz\0', 'latin1')]]), ['x', 'yz']],
  [
    'UInt16s',
    v.array(T.UINT16, [
      [1, 0],
      [2, 1],
    ]),
    ['1', '258'],
  ],
  ['Int32s', v.array(T.INT32, [[0xff, 0xff, 0xff, 0xff]]), ['-1']],
  [
    'Hex64s',
    v.array(T.HEX64, [
      [1, 0, 0, 0, 0, 0, 0, 0],
      [0xff, 0, 0, 0, 0, 0, 0, 0],
    ]),
    ['0x1', '0xff'],
  ],
  [
    'Guids',
    v.array(T.GUID, [v.guid('{00000000-0000-0000-0000-000000000001}').bytes]),
    ['{00000000-0000-0000-0000-000000000001}'],
  ],
  [
    'Sids',
    v.array(T.SID, [v.sid('S-1-5-18').bytes, v.sid('S-1-5-32-544').bytes]),
    ['S-1-5-18', 'S-1-5-32-544'],
  ],
  [
    'Bools',
    v.array(T.BOOL, [
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ]),
    ['true', 'false'],
  ],
  ['Empty', v.array(T.UINT32, []), ['']],
];

export function buildSyntheticChunk(): ChunkWriter {
  const c = new ChunkWriter();
  const eventTemplate = (data: Array<[string, number]>) => (w: BinXmlWriter) =>
    w.el('Event', [['xmlns', (a) => a.text(NS)]], (e) => {
      system(e);
      e.el('EventData', [], (d) => {
        data.forEach(([name, type], i) =>
          d.el('Data', [['Name', (a) => a.text(name)]], (x) => x.sub(11 + i, type)),
        );
      });
    });

  const scalarsTpl = eventTemplate(SCALARS.map(([n, t]) => [n, t]));
  c.record(1, '2019-03-19T23:34:25.123Z', (w) =>
    w
      .fragmentHeader()
      .template('{11111111-1111-1111-1111-111111111111}', scalarsTpl, [
        ...systemValues(1, 13, v.int(T.UINT16, 16384, 2)),
        ...SCALARS.map(([, , val]) => val),
      ]),
  );

  c.record(2, '2019-03-19T23:34:26Z', (w) =>
    w
      .fragmentHeader()
      .template(
        '{22222222-2222-2222-2222-222222222222}',
        eventTemplate(ARRAYS.map(([n, val]) => [n, val.type])),
        [...systemValues(2, 12), ...ARRAYS.map(([, val]) => val)],
      ),
  );

  // A plain fragment: elements outside any template carry no dependency id.
  c.record(3, '2019-03-19T23:34:27Z', (w) =>
    w
      .fragmentHeader()
      .el('Event', [['xmlns', (a) => a.text(NS)]], (e) => {
        e.el('System', [], (s) => {
          s.el('Provider', [['Name', (a) => a.text('Plain')]], null);
          s.el('EventID', [], (x) => x.text('7'));
          s.el('EventRecordID', [], (x) => x.text('3'));
          s.el('Channel', [], (x) => x.text('Ch'));
          s.el('Computer', [], (x) => x.text('pc'));
        });
        e.el('EventData', [], (d) => {
          d.el('Data', [['Name', (a) => a.text('Refs')]], (x) =>
            x.text('x').charRef(65).entityRef('amp').text('y'),
          );
          d.el('Data', [['Name', (a) => a.text('CData')]], (x) => x.cdata('<raw>'));
          d.el('Data', [], (x) => x.text('first'));
          d.el('Data', [], (x) => x.text('second'));
          d.pi('target', 'some data');
        });
      })
      .eof(),
  );

  // UserData carried in a BinXML substitution value holding its own template instance. Its
  // offsets are chunk-relative, so it is built for the spot where it will land: a probe write
  // with an empty last value finds that spot, then the name/template maps are rolled back.
  const outerGuid = '{44444444-4444-4444-4444-444444444444}';
  const outer = (t: BinXmlWriter): void => {
    t.el('Event', [['xmlns', (a) => a.text(NS)]], (e) => {
      system(e);
      e.el('UserData', [], (u) => u.sub(11, T.BINXML));
    });
  };
  const names = new Map(c.names);
  const templates = new Map(c.templates);
  const probe = new BinXmlWriter(c, c.pos + 24)
    .fragmentHeader()
    .template(outerGuid, outer, [...systemValues(4, 1102), v.null()]);
  const nested = BinXmlWriter.value(c, probe.pos, (n) =>
    n.fragmentHeader().template(
      '{55555555-5555-5555-5555-555555555555}',
      (t) =>
        t.el('LogFileCleared', [['xmlns', (a) => a.text('http://example/ns')]], (l) => {
          l.el('SubjectUserName', [], (x) => x.sub(0, T.STRING));
          l.el('Nested', [], (x) => x.el('Leaf', [], (y) => y.sub(1, T.UINT32)));
        }),
      [v.str('admin'), v.int(T.UINT32, 42, 4)],
    ),
  );
  c.names.clear();
  c.templates.clear();
  names.forEach((val, k) => c.names.set(k, val));
  templates.forEach((val, k) => c.templates.set(k, val));
  c.record(4, '2019-03-19T23:34:28Z', (w) =>
    w.fragmentHeader().template(outerGuid, outer, [...systemValues(4, 1102), nested]),
  );

  // Record 1's template again: found by its definition offset, not redefined.
  c.record(5, '2019-03-19T23:34:29Z', (w) =>
    w
      .fragmentHeader()
      .template('{11111111-1111-1111-1111-111111111111}', scalarsTpl, [
        ...systemValues(5, 13),
        ...SCALARS.map(([, , val]) => (val.type === T.STRING ? v.str('five') : val)),
      ]),
  );
  return c;
}
