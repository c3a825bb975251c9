import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadFieldMap } from './field-map.js';
import { LayoutMapper, type MapResult } from './layout.js';

const mapper = new LayoutMapper(loadFieldMap());

function mapped(
  record: unknown,
): { layout: string; eventId: number; rest: Record<string, unknown> } | MapResult {
  const r = mapper.mapRecord(record, 'x');
  if (r.kind !== 'event') return r;
  const { source: _s, eventId, data, ...rest } = r.event;
  return { layout: r.layout, eventId, rest: { ...rest, data: { ...data } } };
}

test('layouts: one record of each shape maps to RawEvent fields with Sysmon names', () => {
  const cases: [string, unknown, unknown][] = [
    [
      'Winlogbeat 7 (numeric event_id, lower-case GUID)',
      {
        '@timestamp': '2019-03-19T23:34:25.123Z',
        winlog: {
          event_id: 13,
          channel: 'microsoft-windows-sysmon/operational',
          record_id: 7,
          computer_name: 'H',
          provider_name: 'Microsoft-Windows-Sysmon',
          event_data: {
            ProcessGuid: '{aa7dbf6c-0000-0000-0000-000000000001}',
            TargetObject: 'HKLM\\X',
          },
        },
      },
      {
        layout: 'winlogbeat-ecs',
        eventId: 13,
        rest: {
          recordId: 7,
          timeCreated: '2019-03-19T23:34:25.123Z',
          provider: 'Microsoft-Windows-Sysmon',
          channel: 'Microsoft-Windows-Sysmon/Operational',
          computer: 'H',
          data: { ProcessGuid: '{AA7DBF6C-0000-0000-0000-000000000001}', TargetObject: 'HKLM\\X' },
        },
      },
    ],
    [
      'Splunk JSON export with extracted fields, wrapped in result',
      {
        preview: false,
        result: {
          _time: '2020-07-22T00:19:05.000-04:00',
          EventCode: '13',
          RecordNumber: '5',
          ComputerName: 'H',
          LogName: 'Microsoft-Windows-Sysmon/Operational',
          SourceName: 'Microsoft-Windows-Sysmon',
          EventType: 'SetValue',
          TargetObject: 'HKLM\\Run\\x',
          sourcetype: 'WinEventLog',
          _cd: '1:2',
          date_hour: '4',
          punct: '--',
        },
      },
      {
        layout: 'splunk-fields',
        eventId: 13,
        rest: {
          recordId: 5,
          timeCreated: '2020-07-22T04:19:05.000Z',
          provider: 'Microsoft-Windows-Sysmon',
          channel: 'Microsoft-Windows-Sysmon/Operational',
          computer: 'H',
          data: { EventType: 'SetValue', TargetObject: 'HKLM\\Run\\x' },
        },
      },
    ],
    [
      'Defender DeviceRegistryEvents on a user hive',
      {
        Timestamp: '2024-05-01T10:00:00.1234567Z',
        DeviceName: 'pc1.corp',
        ActionType: 'RegistryValueSet',
        RegistryKey:
          'HKEY_CURRENT_USER\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
        RegistryValueName: 'upd',
        RegistryValueData: 'C:\\u.exe',
        InitiatingProcessFolderPath: 'c:\\windows\\system32\\reg.exe',
        InitiatingProcessFileName: 'reg.exe',
        InitiatingProcessId: 42,
        InitiatingProcessAccountDomain: 'corp',
        InitiatingProcessAccountName: 'bob',
        ReportId: 99,
      },
      {
        layout: 'defender-registry',
        eventId: 13,
        rest: {
          recordId: 99,
          timeCreated: '2024-05-01T10:00:00.1234567Z',
          provider: 'Microsoft-Windows-Sysmon',
          channel: 'Microsoft-Windows-Sysmon/Operational',
          computer: 'pc1.corp',
          data: {
            EventType: 'SetValue',
            UtcTime: '2024-05-01 10:00:00.123',
            TargetObject: 'HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd',
            Details: 'C:\\u.exe',
            Image: 'c:\\windows\\system32\\reg.exe',
            ProcessId: '42',
            User: 'corp\\bob',
          },
        },
      },
    ],
    [
      'xmltodict with a single Data element and Qualifiers on EventID',
      {
        Event: {
          System: {
            Provider: { '@Name': 'Microsoft-Windows-Security-Auditing' },
            EventID: { '@Qualifiers': '', '#text': '4657' },
            Channel: 'Security',
            Computer: 'DC',
            TimeCreated: { '@SystemTime': '2021-01-01T00:00:00.000000000Z' },
          },
          EventData: { Data: { '@Name': 'ObjectName', '#text': '\\REGISTRY\\MACHINE\\X' } },
        },
      },
      {
        layout: 'event-tree',
        eventId: 4657,
        rest: {
          recordId: null,
          timeCreated: '2021-01-01T00:00:00.0000000Z',
          provider: 'Microsoft-Windows-Security-Auditing',
          channel: 'Security',
          computer: 'DC',
          data: { ObjectName: '\\REGISTRY\\MACHINE\\X' },
        },
      },
    ],
    [
      'evtx_dump UserData leaves',
      {
        Event: {
          System: {
            Provider: { '#attributes': { Name: 'Microsoft-Windows-Eventlog' } },
            EventID: 1102,
            Channel: 'Security',
            Computer: 'DC',
            TimeCreated: { '#attributes': { SystemTime: '2021-01-01T00:00:00Z' } },
          },
          UserData: {
            LogFileCleared: {
              '#attributes': { xmlns: 'x' },
              SubjectUserName: 'admin',
              SubjectLogonId: '0x3e7',
            },
          },
        },
      },
      {
        layout: 'event-tree',
        eventId: 1102,
        rest: {
          recordId: null,
          timeCreated: '2021-01-01T00:00:00Z',
          provider: 'Microsoft-Windows-Eventlog',
          channel: 'Security',
          computer: 'DC',
          data: { SubjectUserName: 'admin', SubjectLogonId: '0x3e7' },
        },
      },
    ],
  ];
  for (const [what, record, want] of cases) assert.deepEqual(mapped(record), want, what);
});

test('layouts: records that cannot be placed say why', () => {
  assert.deepEqual(
    mapped({
      Timestamp: 't',
      DeviceName: 'd',
      ActionType: 'RegistryKeyOpened',
      RegistryKey: 'HKEY_LOCAL_MACHINE\\X',
    }),
    {
      kind: 'skip',
      code: 'unmapped-action',
      detail: 'ActionType "RegistryKeyOpened"',
    },
  );
  assert.deepEqual(mapped([1, 2]), {
    kind: 'skip',
    code: 'unknown-layout',
    detail: 'a JSON array, not an object',
  });
  const r = mapped({ a: 1, b: { c: 2 } });
  assert.equal((r as MapResult).kind, 'skip');
  assert.match((r as { detail: string }).detail, /fields seen: a, b/);
});

test('layouts: an Elasticsearch search response is a container of records', () => {
  const doc = {
    took: 3,
    hits: {
      total: { value: 2 },
      hits: [
        { _index: 'winlogbeat', _source: { winlog: { event_id: '1', channel: 'Security' } } },
        { _source: { winlog: { event_id: '2' } } },
      ],
    },
  };
  const recs = mapper.records(doc);
  assert.equal(recs.length, 2);
  assert.deepEqual(
    recs.map((r) => {
      const m = mapper.mapRecord(r, 'x');
      return m.kind === 'event' ? m.event.eventId : m.kind;
    }),
    [1, 2],
  );
  const event = { EventID: 1, SourceName: 'x', Hostname: 'h', records: [1] };
  assert.deepEqual(mapper.records(event), [event], 'an event with a records field stays one event');
});

test('layouts: Defender rows of one process share a derived ProcessGuid across tables', () => {
  const device = { DeviceId: 'a1b2', DeviceName: 'pc1', ReportId: 1 };
  const proc = mapper.mapRecord(
    {
      ...device,
      Timestamp: '2024-05-01T10:00:00Z',
      ActionType: 'ProcessCreated',
      FolderPath: 'C:\\w\\reg.exe',
      FileName: 'reg.exe',
      ProcessCommandLine: 'reg add',
      ProcessId: 42,
      ProcessCreationTime: '2024-05-01T10:00:00.0000000Z',
      InitiatingProcessId: 7,
      InitiatingProcessCreationTime: '2024-05-01T09:00:00Z',
    },
    'x',
  );
  const reg = mapper.mapRecord(
    {
      ...device,
      Timestamp: '2024-05-01T10:00:01Z',
      ActionType: 'RegistryValueSet',
      RegistryKey: 'HKEY_LOCAL_MACHINE\\S',
      RegistryValueName: 'v',
      InitiatingProcessId: '42',
      InitiatingProcessCreationTime: '2024-05-01 10:00:00',
    },
    'x',
  );
  assert.equal(proc.kind, 'event');
  assert.equal(reg.kind, 'event');
  if (proc.kind !== 'event' || reg.kind !== 'event') return;
  assert.match(
    proc.event.data['ProcessGuid'] ?? '',
    /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/,
  );
  assert.equal(reg.event.data['ProcessGuid'], proc.event.data['ProcessGuid']);
  assert.notEqual(proc.event.data['ParentProcessGuid'], proc.event.data['ProcessGuid']);
});

test('layouts: unnamed and repeated data elements are keyed Data, Data1, ... like the EVTX reader', () => {
  const tree = (eventData: unknown): unknown => ({
    Event: { System: { Provider: { '@Name': 'P' }, EventID: '1' }, EventData: eventData },
  });
  const cases: [unknown, Record<string, string>][] = [
    [{ Data: { '#text': ['a', 'b'] } }, { Data: 'a', Data1: 'b' }], // evtx_dump
    [{ Data: ['a', 'b'] }, { Data: 'a', Data1: 'b' }], // xmltodict, unnamed
    [
      {
        Data: [
          { '@Name': 'X', '#text': '1' },
          { '@Name': 'X', '#text': '2' },
        ],
      },
      { X: '1', X1: '2' },
    ],
    [
      { Data: 'only', Binary: '00FF' },
      { Data: 'only', Binary: '00FF' },
    ],
  ];
  for (const [eventData, want] of cases) {
    const r = mapper.mapRecord(tree(eventData), 'x');
    assert.equal(r.kind, 'event');
    if (r.kind === 'event') assert.deepEqual({ ...r.event.data }, want, JSON.stringify(eventData));
  }
});
