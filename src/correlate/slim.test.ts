import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcessEvent } from '../model/normalized.js';
import { Slimmer } from './slim.js';

function proc(i: number): ProcessEvent {
  return {
    type: 'process',
    ref: { file: 'a.evtx', eventRecordId: i, eventId: 1 },
    time: `2024-01-01T10:00:0${i}.000Z`,
    loggedTime: `2024-01-01T10:00:0${i}.000Z`,
    timeFromLog: false,
    host: ['WS', '1'].join(''),
    image: ['C:\\Windows\\System32\\', 'svchost.exe'].join(''),
    processGuid: `{00000000-0000-0000-0000-00000000000${i}}`,
    processId: 100 + i,
    user: 'NT AUTHORITY\\SYSTEM',
    commandLine: ['svchost.exe -k ', 'netsvcs'].join(''),
    parentImage: 'C:\\Windows\\System32\\services.exe',
    parentProcessGuid: '{00000000-0000-0000-0000-000000000000}',
    parentCommandLine: 'services.exe',
    integrityLevel: 'System',
    hashes: 'SHA1=0123456789ABCDEF0123456789ABCDEF01234567,MD5=0123456789ABCDEF0123456789ABCDEF',
  };
}

test('kept events lose only the fields no one reads; every other value is unchanged', () => {
  const e = new Slimmer().slim(proc(1));
  const { hashes, parentCommandLine, ...rest } = proc(1);
  assert.equal(hashes.length > 0 && parentCommandLine.length > 0, true);
  assert.deepEqual(e, { ...rest, hashes: '', parentCommandLine: '' });
});

test('each distinct string is stored once, however many events carry it', () => {
  const s = new Slimmer();
  for (let i = 0; i < 1000; i++) s.slim(proc(i % 10));
  // host, user, image, command line, parent image, integrity level: six values for 1000 events.
  assert.equal(s.size, 6);
});

test('the table is bounded: past its limit it starts afresh', () => {
  const s = new Slimmer();
  for (let i = 0; i < 70_000; i++) s.slim({ ...proc(1), commandLine: `cmd ${i}` });
  assert.ok(s.size < 65_536, String(s.size));
});
