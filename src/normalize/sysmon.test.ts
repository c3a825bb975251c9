import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyData, type RawEvent } from '../model/events.js';
import { normalizeEvent, normalizeGuid, parseId, sysmonTime } from './sysmon.js';

function raw(
  eventId: number,
  data: Record<string, string>,
  over: Partial<RawEvent> = {},
): RawEvent {
  return {
    source: 'x.evtx',
    recordId: 7,
    timeCreated: '2019-07-19T14:44:53.2925Z',
    eventId,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer: 'MSEDGEWIN10',
    data: Object.assign(emptyData(), data),
    ...over,
  };
}

test('EID 13 becomes a registry SetValue with UtcTime as its time', () => {
  // Strings from corpus PanacheSysmon_vs_AtomicRedTeam01.evtx record 3595.
  const e = normalizeEvent(
    raw(13, {
      EventType: 'SetValue',
      UtcTime: '2019-07-19 14:44:53.261',
      ProcessGuid: '{747f3d96-d765-5d31-0000-001086b92800}',
      ProcessId: '2068',
      Image: 'C:\\Windows\\system32\\reg.exe',
      TargetObject:
        'HKU\\S-1-5-21-3461203602-4096304019-2269080069-1000\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Atomic Red Team',
      Details: 'C:\\Path\\AtomicRedTeam.exe',
    }),
  );
  assert.ok(e && e.type === 'registry');
  assert.equal(e.eventType, 'SetValue');
  assert.equal(e.time, '2019-07-19T14:44:53.261Z');
  assert.equal(e.processId, 2068);
  assert.equal(e.details, 'C:\\Path\\AtomicRedTeam.exe');
  assert.deepEqual(e.ref, { file: 'x.evtx', eventRecordId: 7, eventId: 13 });
});

test('EID 13 whose EventType NXLog overwrote is still a SetValue; EID 12 stays unknown', () => {
  const e13 = normalizeEvent(raw(13, { EventType: 'INFO', TargetObject: 'HKLM\\x' }));
  const e12 = normalizeEvent(raw(12, { EventType: 'INFO', TargetObject: 'HKLM\\x' }));
  assert.ok(e13?.type === 'registry' && e12?.type === 'registry');
  assert.equal(e13.eventType, 'SetValue');
  assert.equal(e12.eventType, '');
});

test('old Sysmon without RuleName or User normalises without those fields', () => {
  const e = normalizeEvent(
    raw(13, { TargetObject: '\\REGISTRY\\MACHINE\\SOFTWARE\\x', Details: 'DWORD (0x00000001)' }),
  );
  assert.ok(e?.type === 'registry');
  assert.equal(e.ruleName, '');
  assert.equal(e.user, '');
});

test('Security 4688 and 4657 map onto process and registry events', () => {
  const p = normalizeEvent(
    raw(
      4688,
      {
        NewProcessName: 'C:\\Windows\\System32\\mshta.exe',
        NewProcessId: '0x1a2c',
        CommandLine: '"C:\\windows\\system32\\mshta.exe" "C:\\x.hta"',
        ParentProcessName: 'C:\\Windows\\explorer.exe',
        SubjectUserName: 'wardog',
        SubjectDomainName: 'THESHIRE',
      },
      { provider: 'Microsoft-Windows-Security-Auditing', channel: 'Security' },
    ),
  );
  assert.ok(p?.type === 'process');
  assert.equal(p.processId, 0x1a2c);
  assert.equal(p.user, 'THESHIRE\\wardog');
  const r = normalizeEvent(
    raw(
      4657,
      {
        ObjectName: '\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
        ObjectValueName: 'evil',
        NewValue: 'C:\\Users\\Public\\e.exe',
        OperationType: '%%1905',
        ProcessName: 'C:\\Windows\\System32\\reg.exe',
      },
      { provider: 'Microsoft-Windows-Security-Auditing', channel: 'Security' },
    ),
  );
  assert.ok(r?.type === 'registry');
  assert.equal(
    r.targetObject,
    '\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\evil',
  );
  assert.equal(r.eventType, 'SetValue');
});

test('events the hunt does not read normalise to null', () => {
  assert.equal(normalizeEvent(raw(3, {})), null);
  assert.equal(
    normalizeEvent(raw(4624, {}, { provider: 'Microsoft-Windows-Security-Auditing' })),
    null,
  );
});

test('helpers fold GUIDs, ids and Sysmon times', () => {
  assert.equal(
    normalizeGuid('747F3D96-D765-5D31-0000-001086B92800'),
    '{747f3d96-d765-5d31-0000-001086b92800}',
  );
  assert.equal(normalizeGuid(''), '');
  assert.equal(parseId('0x10'), 16);
  assert.equal(parseId('2068'), 2068);
  assert.equal(parseId('n/a'), null);
  assert.equal(sysmonTime('2019-07-19 14:44:53.261'), '2019-07-19T14:44:53.261Z');
  assert.equal(sysmonTime('garbage'), '');
});
