import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toUtcIso } from './time.js';

test('toUtcIso: every export time form ends as UTC ISO 8601 with Z', () => {
  const cases: [string | number, string | null][] = [
    ['2019-03-19T23:34:25.1234567Z', '2019-03-19T23:34:25.1234567Z'],
    ['2017-05-29T19:01:14.914537800Z', '2017-05-29T19:01:14.9145378Z'], // Windows 9 digits -> FILETIME 7
    ['2020-07-22 04:18:55.218', '2020-07-22T04:18:55.218Z'], // Sysmon UtcTime
    ['2020-07-04 14:18:58.2687126', '2020-07-04T14:18:58.2687126Z'], // EvtxECmd
    ['2020-07-22T04:18:47.980+00:00', '2020-07-22T04:18:47.980Z'], // Splunk _time
    ['2020-07-22T00:18:47.980-04:00', '2020-07-22T04:18:47.980Z'],
    ['2020-07-22T06:18:47+0200', '2020-07-22T04:18:47Z'],
    ['2020-12-31T23:30:00-01:00', '2021-01-01T00:30:00Z'],
    ['2020-07-22 04:18:47 UTC', '2020-07-22T04:18:47Z'],
    [1595391527980, '2020-07-22T04:18:47.980Z'], // epoch ms
    ['1595391527980', '2020-07-22T04:18:47.980Z'],
    [1595391527, '2020-07-22T04:18:47.000Z'], // epoch seconds
    ['yesterday', null],
    ['2020-13-45T99:00:00Z', null],
    ['', null],
  ];
  for (const [input, want] of cases) assert.equal(toUtcIso(input), want, String(input));
});
