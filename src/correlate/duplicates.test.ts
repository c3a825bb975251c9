import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcessEvent, RegistryEvent } from '../model/normalized.js';
import { DuplicateFilter } from './duplicates.js';

function write(over: Partial<RegistryEvent> = {}): RegistryEvent {
  return {
    type: 'registry',
    ref: { file: 'a.evtx', eventRecordId: 7, eventId: 13 },
    time: '2024-01-01T10:00:00.123Z',
    loggedTime: '2024-01-01T10:00:00.123Z',
    timeFromLog: false,
    host: 'WS1',
    image: 'C:\\Windows\\System32\\reg.exe',
    processGuid: '{11111111-2222-3333-4444-555555555555}',
    processId: 42,
    user: 'WS1\\alice',
    eventType: 'SetValue',
    targetObject: 'HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    details: 'C:\\Users\\alice\\AppData\\x.exe',
    newName: '',
    ruleName: '',
    ...over,
  };
}

test('a field-for-field copy from the same input is a duplicate, and is counted', () => {
  const f = new DuplicateFilter();
  assert.equal(f.isDuplicate(write()), false);
  assert.equal(f.isDuplicate(write()), true);
  assert.equal(f.isDuplicate({ ...write(), ref: { ...write().ref } }), true);
  assert.equal(f.duplicates, 2);
});

// Each row changes one thing of the first event: none of these is a copy of it.
const distinct: [string, Partial<RegistryEvent>][] = [
  ['another input', { ref: { file: 'b.evtx', eventRecordId: 7, eventId: 13 } }],
  ['another record id', { ref: { file: 'a.evtx', eventRecordId: 8, eventId: 13 } }],
  ['another event id', { ref: { file: 'a.evtx', eventRecordId: 7, eventId: 12 } }],
  ['another time', { time: '2024-01-01T10:00:00.124Z' }],
  ['same id and time, other data', { details: 'C:\\Windows\\notepad.exe' }],
  ['same id and time, other host', { host: 'WS2' }],
];

for (const [name, over] of distinct) {
  test(`not a duplicate: ${name}`, () => {
    const f = new DuplicateFilter();
    f.isDuplicate(write());
    assert.equal(f.isDuplicate(write(over)), false);
    assert.equal(f.duplicates, 0);
  });
}

test('events of another type with the same ids are not duplicates', () => {
  const f = new DuplicateFilter();
  f.isDuplicate(write());
  const p = { ...write(), type: 'process' } as unknown as ProcessEvent;
  assert.equal(f.isDuplicate(p), false);
});

test('memory is bounded by the window: the oldest events are forgotten first', () => {
  const f = new DuplicateFilter(10);
  for (let i = 0; i < 11; i++)
    f.isDuplicate(write({ ref: { file: 'a', eventRecordId: i, eventId: 13 } }));
  // The 11th event pushed out the oldest tenth (one event): record 0 is no longer known.
  assert.equal(f.isDuplicate(write({ ref: { file: 'a', eventRecordId: 0, eventId: 13 } })), false);
  assert.equal(f.isDuplicate(write({ ref: { file: 'a', eventRecordId: 5, eventId: 13 } })), true);
});

test('an event with an extra field is not a copy of one without it', () => {
  const f = new DuplicateFilter();
  f.isDuplicate(write());
  const extra = { ...write(), note: 'x' } as unknown as RegistryEvent;
  assert.equal(f.isDuplicate(extra), false);
});

test('two distinct events sharing a record id are both remembered: a copy of either is a duplicate', () => {
  const f = new DuplicateFilter();
  const later = { time: '2024-01-01T11:00:00.000Z' };
  assert.equal(f.isDuplicate(write()), false);
  assert.equal(f.isDuplicate(write(later)), false);
  assert.equal(f.isDuplicate(write(later)), true);
  assert.equal(f.isDuplicate(write()), true);
  assert.equal(f.duplicates, 2);
});

test('without record ids, event id and time with every field decide', () => {
  const f = new DuplicateFilter();
  const noId = (over: Partial<RegistryEvent> = {}): RegistryEvent =>
    write({ ref: { file: 'a.json', eventRecordId: null, eventId: 13 }, ...over });
  assert.equal(f.isDuplicate(noId()), false);
  assert.equal(f.isDuplicate(noId()), true);
  assert.equal(f.isDuplicate(noId({ details: 'other' })), false);
  assert.equal(f.isDuplicate(noId({ time: '2024-01-02T00:00:00.000Z' })), false);
  assert.equal(f.duplicates, 1);
});

test('forgetting spans inputs, oldest input first', () => {
  const f = new DuplicateFilter(10);
  for (let i = 0; i < 6; i++)
    f.isDuplicate(write({ ref: { file: 'a', eventRecordId: i, eventId: 13 } }));
  for (let i = 0; i < 5; i++)
    f.isDuplicate(write({ ref: { file: 'b', eventRecordId: i, eventId: 13 } }));
  // The 11th event pushed out the oldest one, record 0 of the first input.
  assert.equal(f.isDuplicate(write({ ref: { file: 'a', eventRecordId: 1, eventId: 13 } })), true);
  assert.equal(f.isDuplicate(write({ ref: { file: 'b', eventRecordId: 0, eventId: 13 } })), true);
  assert.equal(f.isDuplicate(write({ ref: { file: 'a', eventRecordId: 0, eventId: 13 } })), false);
});
