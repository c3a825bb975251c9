import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileBaseline, matchBaseline } from './baseline.js';
import type { ObservedEntry } from './baseline.js';
import { diffBaselines, learnBaseline } from './learn.js';
import { normalizeAutostartData } from './normalize-data.js';
import { parseDataText } from '../../util/data-loader.js';

// Two hosts, the same OneDrive entry under two user names, one extra tool on one host.
const seen: ObservedEntry[] = [
  {
    locationId: 'run',
    scope: 'user',
    valueName: 'OneDrive',
    data: '"C:\\Users\\alice\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
    writerImage: 'C:\\Users\\alice\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe',
    host: 'WKS-01',
  },
  {
    locationId: 'run',
    scope: 'user',
    valueName: 'OneDrive',
    data: '"C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
    writerImage: 'C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe',
    host: 'WKS-02',
  },
  {
    locationId: 'run',
    scope: 'machine',
    valueName: 'AcmeAgent',
    data: 'C:\\Program Files\\Acme\\2.4.1\\agent.exe',
    writerImage: 'C:\\Windows\\System32\\msiexec.exe',
    host: 'WKS-02',
  },
];

test('learnBaseline folds users and versions into one entry each and validates as a baseline file', () => {
  const file = learnBaseline(seen, {
    name: 'fleet',
    generatedAt: '2026-11-28T00:00:00Z',
    withWriters: true,
  });
  assert.equal(file.entries.length, 2);
  assert.deepEqual(file.hosts, ['wks-01', 'wks-02']);
  const od = file.entries.find((e) => e.valueName === 'OneDrive');
  assert.equal(od?.count, 2);
  assert.equal(
    od?.data,
    'c:\\users\\*\\appdata\\local\\microsoft\\onedrive\\onedrive.exe /background',
  );
  assert.deepEqual(od?.writers, ['onedrive.exe']);
  // The written file is a valid --baseline FILE.
  const again = parseDataText<typeof file>(
    JSON.stringify(file),
    'baseline.schema.json',
    'learned.json',
  );
  const b = compileBaseline(again);
  assert.equal(matchBaseline({ ...seen[0]!, host: 'wks-02' }, [b]).status, 'known');
  assert.equal(
    matchBaseline(
      {
        locationId: 'run',
        valueName: 'AcmeAgent',
        data: 'C:\\Program Files\\Acme\\2.5.0\\agent.exe',
        writerImage: 'msiexec.exe',
        scope: 'machine',
        host: 'WKS-01',
      },
      [b],
    ).status,
    'known',
  );
  assert.equal(
    matchBaseline(
      { locationId: 'run', valueName: 'Updater', data: 'powershell -enc x', host: 'WKS-01' },
      [b],
    ).status,
    'new',
  );
  assert.equal(
    matchBaseline(
      {
        locationId: 'run',
        valueName: 'OneDrive',
        data: 'C:\\Users\\Public\\od.exe',
        host: 'WKS-01',
      },
      [b],
    ).status,
    'changed',
  );
});

test('learnBaseline without writers leaves writer checks off', () => {
  const file = learnBaseline(seen, { name: 'fleet' });
  assert.ok(file.entries.every((e) => e.writers === undefined));
  assert.equal(file.generatedAt, undefined);
});

test('diffBaselines reports added, removed and changed entries', () => {
  const a = learnBaseline(seen, { name: 'a' });
  const b = learnBaseline(
    [
      seen[0]!,
      {
        locationId: 'run',
        scope: 'machine',
        valueName: 'AcmeAgent',
        data: 'C:\\ProgramData\\acme.exe',
        host: 'WKS-02',
      },
      { locationId: 'run-once', scope: 'machine', valueName: 'x', data: 'x.exe', host: 'WKS-02' },
    ],
    { name: 'b' },
  );
  const d = diffBaselines(a, b);
  assert.deepEqual(
    d.added.map((e) => e.valueName),
    ['x'],
  );
  assert.deepEqual(d.removed, []);
  assert.equal(d.changed.length, 1);
  assert.equal(d.changed[0]?.before.valueName, 'AcmeAgent');
  assert.equal(d.changed[0]?.after.data, 'c:\\programdata\\acme.exe');
  const back = diffBaselines(b, a);
  assert.deepEqual(
    back.removed.map((e) => e.valueName),
    ['x'],
  );
  assert.deepEqual(diffBaselines(a, a), { added: [], removed: [], changed: [] });
});

test('normalisation is idempotent (learned data stays stable when matched again)', () => {
  for (const s of [
    ...seen.map((o) => o.data),
    '"C:\\Users\\IEUser\\AppData\\Roaming\\9QxTsAU9w8gyPj4w\\BRE6BgE2JubB.exe",explorer.exe',
    '%ProgramFiles(x86)%\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe',
    'C:\\Windows\\System32\\DriverStore\\FileRepository\\realtekservice.inf_amd64_4f8ae5e55c4f5acb\\RtkAudUService64.exe -background',
    'autocheck autochk *',
    'C:\\Users\\x\\AppData\\Local\\Temp\\nsq1A2B.tmp\\a.exe',
  ]) {
    const once = normalizeAutostartData(s);
    assert.equal(normalizeAutostartData(once), once, s);
  }
});
