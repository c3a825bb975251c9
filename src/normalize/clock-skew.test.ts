import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedEvent } from '../model/normalized.js';
import { ClockSkew } from './clock-skew.js';

function ev(file: string, time: string, loggedTime: string, timeFromLog: boolean): NormalizedEvent {
  return {
    type: 'file',
    action: 'create',
    targetFilename: 'x',
    ref: { file, eventRecordId: null, eventId: timeFromLog ? 4688 : 11 },
    time,
    loggedTime,
    timeFromLog,
    host: 'h',
    image: '',
    processGuid: '',
    processId: null,
    user: '',
  };
}

test('Security events move onto the UTC clock that Sysmon events of the same input show', () => {
  // Mordor NXLog: TimeCreated 03:52 "Z" while Sysmon UtcTime says 07:52.
  const skew = new ClockSkew();
  skew.observe(ev('a.json', '2020-10-22T07:52:05.767Z', '2020-10-22T03:52:05.769Z', false));
  skew.observe(ev('a.json', '2020-10-22T07:53:00.000Z', '2020-10-22T03:53:00.010Z', false));
  const sec = ev('a.json', '2020-10-22T03:52:05.773Z', '2020-10-22T03:52:05.773Z', true);
  skew.correct(sec);
  assert.equal(sec.time, '2020-10-22T07:52:05.773Z');
  skew.correct(sec); // idempotent
  assert.equal(sec.time, '2020-10-22T07:52:05.773Z');
});

test('inputs whose clocks agree, and other inputs, are left alone', () => {
  const skew = new ClockSkew();
  skew.observe(ev('a.evtx', '2020-10-22T07:52:05.767Z', '2020-10-22T07:52:05.769Z', false));
  const same = ev('a.evtx', '2020-10-22T07:52:06.000Z', '2020-10-22T07:52:06.000Z', true);
  const other = ev('b.evtx', '2020-10-22T07:52:06.000Z', '2020-10-22T07:52:06.000Z', true);
  skew.correct(same);
  skew.correct(other);
  assert.equal(same.time, '2020-10-22T07:52:06.000Z');
  assert.equal(other.time, '2020-10-22T07:52:06.000Z');
});
