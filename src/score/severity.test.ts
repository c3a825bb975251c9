import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSeverity, severityOf } from './severity.js';

test('scores band into severities at 20/40/60/80', () => {
  const cases: [number, string][] = [
    [0, 'informational'],
    [19, 'informational'],
    [20, 'low'],
    [39, 'low'],
    [40, 'medium'],
    [60, 'high'],
    [79, 'high'],
    [80, 'critical'],
    [100, 'critical'],
  ];
  for (const [score, sev] of cases) assert.equal(severityOf(score), sev, String(score));
});

test('parseSeverity accepts names in any case and info; rejects others', () => {
  assert.equal(parseSeverity('HIGH'), 'high');
  assert.equal(parseSeverity('info'), 'informational');
  assert.equal(parseSeverity('severe'), null);
});
