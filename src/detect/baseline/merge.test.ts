import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaselineFile } from './baseline.js';
import { compileBaseline, matchBaseline } from './baseline.js';
import { mergeBaselines } from './merge.js';

const file = (over: Partial<BaselineFile>): BaselineFile => ({
  kind: 'runhunt-baseline',
  version: 1,
  name: 'x',
  complete: true,
  entries: [],
  ...over,
});

const siteA = file({
  name: 'site-a',
  hosts: ['WKS-01'],
  locations: ['run'],
  entries: [
    {
      location: 'run',
      valueName: 'Acme',
      data: 'C:\\Program Files\\Acme\\a.exe',
      count: 3,
      hosts: ['WKS-01'],
    },
    {
      location: 'run',
      valueName: 'Tool',
      data: 'C:\\Users\\bob\\AppData\\Local\\Tool\\t.exe',
      count: 1,
    },
  ],
});
const siteB = file({
  name: 'site-b',
  hosts: ['wks-01', 'WKS-02'],
  locations: ['run', 'run-once'],
  entries: [
    {
      location: 'run',
      valueName: 'ACME',
      data: '"c:\\program files\\acme\\a.exe"',
      count: 2,
      hosts: ['WKS-02'],
    },
    {
      location: 'run',
      valueName: 'tool',
      data: 'C:\\Users\\eve\\AppData\\Local\\Tool\\t.exe',
      count: 4,
      writers: ['t.exe'],
    },
  ],
});

test('entries equal after normalisation merge; counts add; hosts and coverage widen', () => {
  const m = mergeBaselines([siteA, siteB], { name: 'fleet' });
  assert.equal(m.entries.length, 2);
  const acme = m.entries.find((e) => e.valueName === 'Acme');
  assert.deepEqual([acme?.count, acme?.hosts], [5, ['WKS-01', 'WKS-02']]);
  const tool = m.entries.find((e) => e.valueName.toLowerCase() === 'tool');
  // One copy names no writer (any writer): the merge must not narrow it.
  assert.deepEqual([tool?.count, tool?.writers], [5, undefined]);
  assert.deepEqual(m.hosts, ['WKS-01', 'WKS-02']);
  assert.deepEqual(m.locations, ['run', 'run-once']);
  assert.equal(m.complete, true);
});

test('what an input knows stays known after the merge', () => {
  const m = compileBaseline(mergeBaselines([siteA, siteB], { name: 'fleet' }));
  const v = matchBaseline(
    {
      locationId: 'run',
      valueName: 'acme',
      data: 'C:\\Program Files\\Acme\\a.exe',
      host: 'wks-02',
    },
    [m],
  );
  assert.equal(v.status, 'known');
  const n = matchBaseline(
    { locationId: 'run', valueName: 'Other', data: 'C:\\x.exe', host: 'wks-02' },
    [m],
  );
  assert.equal(n.status, 'new');
});

test('an incomplete or all-covering input makes the merge so', () => {
  const m = mergeBaselines([siteA, file({ name: 'catalog', complete: false })], { name: 'm' });
  assert.equal(m.complete, false);
  assert.equal(m.locations, undefined);
  assert.equal(m.hosts, undefined);
});
