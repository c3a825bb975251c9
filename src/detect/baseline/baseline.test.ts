import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileBaseline, loadBaselineFile, matchBaseline, shippedKnownGood } from './baseline.js';
import type { BaselineFile, ObservedEntry } from './baseline.js';
import { defaultAsepCatalog } from '../catalog/asep.js';
import { DataFileError } from '../../util/data-loader.js';

const kg = shippedKnownGood();

const ONEDRIVE =
  '"C:\\Users\\IEUser\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background';
const ONEDRIVE_IMG = 'C:\\Users\\IEUser\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe';

const cases: [string, ObservedEntry, string, string?][] = [
  [
    'OneDrive as installed',
    {
      locationId: 'run',
      valueName: 'OneDrive',
      data: ONEDRIVE,
      writerImage: ONEDRIVE_IMG,
      scope: 'user',
    },
    'known',
    'known-good:onedrive-per-user',
  ],
  [
    'OneDrive, env-var spelling, no writer known',
    {
      locationId: 'run',
      valueName: 'onedrive',
      data: '%LOCALAPPDATA%\\Microsoft\\OneDrive\\OneDrive.exe /background',
    },
    'known',
  ],
  // The rename trick: a malicious value called "OneDrive" is 'changed', never 'known'.
  [
    'rename trick: malicious data under a known name',
    {
      locationId: 'run',
      valueName: 'OneDrive',
      data: 'C:\\Users\\IEUser\\AppData\\Roaming\\svchost.exe',
      writerImage: 'C:\\Users\\IEUser\\AppData\\Roaming\\NvSmart.exe',
    },
    'changed',
    'known-good:onedrive-per-user',
  ],
  [
    'rename trick: powershell under the OneDrive name',
    { locationId: 'run', valueName: 'OneDrive', data: 'powershell.exe -w hidden -enc SQBFAFgA' },
    'changed',
  ],
  [
    'right data, wrong writer',
    {
      locationId: 'run',
      valueName: 'OneDrive',
      data: ONEDRIVE,
      writerImage: 'C:\\Windows\\System32\\reg.exe',
    },
    'changed',
  ],
  [
    'look-alike path one folder deeper',
    {
      locationId: 'run',
      valueName: 'OneDrive',
      data: '"C:\\Users\\x\\AppData\\Local\\Temp\\Microsoft\\OneDrive\\OneDrive.exe" /background',
    },
    'changed',
  ],
  [
    'known name at another location',
    { locationId: 'run-once', valueName: 'OneDrive', data: ONEDRIVE },
    'unknown',
  ],
  [
    'machine scope for a user-only entry',
    { locationId: 'run', valueName: 'OneDrive', data: ONEDRIVE, scope: 'machine' },
    'unknown',
  ],
  [
    'Edge auto-launch, random suffix and version',
    {
      locationId: 'run',
      valueName: 'MicrosoftEdgeAutoLaunch_0A1B2C3D4E5F60718293A4B5C6D7E8F9',
      data: '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe" --no-startup-window --win-session-start /prefetch:5',
      writerImage: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    },
    'known',
  ],
  [
    'Adobe ARM with a version folder',
    {
      locationId: 'run',
      valueName: 'Adobe ARM',
      data: '"C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe"',
      scope: 'machine',
    },
    'known',
  ],
  [
    'Realtek from the driver store',
    {
      locationId: 'run',
      valueName: 'RtkAudUService',
      data: '"C:\\WINDOWS\\System32\\DriverStore\\FileRepository\\realtekservice.inf_amd64_9a0f1a1a2e4d6b3c\\RtkAudUService64.exe" -background',
    },
    'known',
  ],
  // Winlogon: the default is known, the corpus Shell hijack is 'changed'.
  [
    'Winlogon Shell default',
    { locationId: 'winlogon-userinit-shell', valueName: 'Shell', data: 'explorer.exe' },
    'known',
  ],
  [
    'Winlogon Shell hijack (corpus)',
    {
      locationId: 'winlogon-userinit-shell',
      valueName: 'Shell',
      data: '"C:\\Users\\IEUser\\AppData\\Roaming\\9QxTsAU9w8gyPj4w\\BRE6BgE2JubB.exe",explorer.exe',
      writerImage: 'C:\\Users\\IEUser\\Downloads\\a.exe',
    },
    'changed',
  ],
  [
    'BootExecute default',
    { locationId: 'boot-execute', valueName: 'BootExecute', data: 'autocheck autochk *' },
    'known',
  ],
  [
    'BootExecute with an extra native program',
    {
      locationId: 'boot-execute',
      valueName: 'BootExecute',
      data: 'autocheck autochk * evilnative',
    },
    'changed',
  ],
  [
    'User Shell Folders Startup redirect (corpus)',
    {
      locationId: 'user-startup-folder-redirect',
      valueName: 'startup',
      data: 'c:\\programdata\\StartupNewHomeAddress',
    },
    'changed',
  ],
  [
    'User Shell Folders Startup default',
    {
      locationId: 'user-startup-folder-redirect',
      valueName: 'Startup',
      data: '%USERPROFILE%\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup',
    },
    'known',
  ],
  // A wildcard-named entry never turns other values into 'changed'.
  [
    'unrelated HKLM RunOnce value',
    {
      locationId: 'run-once',
      valueName: 'NextRun',
      data: 'powershell.exe IEX (New-Object Net.WebClient).DownloadString(x)',
      scope: 'machine',
    },
    'unknown',
  ],
  [
    'Windows Update DelNode (wildcard name)',
    {
      locationId: 'run-once',
      valueName: 'Delete Cached Update Binary',
      data: 'C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\advpack.dll,DelNodeRunDLL32 "C:\\Windows\\SoftwareDistribution\\Download\\abc\\x"',
      scope: 'machine',
    },
    'known',
  ],
  // SigmaHQ 20f0ee37 filter facts.
  [
    'ctfmon written by userinit',
    {
      locationId: 'run',
      valueName: 'ctfmon',
      data: 'ctfmon.exe /n',
      writerImage: 'C:\\Windows\\system32\\userinit.exe',
      scope: 'user',
    },
    'known',
  ],
  [
    'ctfmon written by something else',
    {
      locationId: 'run',
      valueName: 'ctfmon',
      data: 'ctfmon.exe /n',
      writerImage: 'C:\\Users\\x\\AppData\\Local\\Temp\\a.exe',
      scope: 'user',
    },
    'changed',
  ],
  [
    'Python burn RunOnce (GUID value name)',
    {
      locationId: 'run-once',
      valueName: '{4ab5c0a1-1111-2222-3333-444455556666}',
      data: '"C:\\Users\\bob\\AppData\\Local\\Package Cache\\{4ab5c0a1-1111-2222-3333-444455556666}\\python-3.11.4-amd64.exe" /burn.runonce',
    },
    'known',
  ],
  [
    'OneDrive cleanup',
    {
      locationId: 'run-once',
      valueName: 'Delete Cached Update Binary',
      data: 'C:\\Windows\\system32\\cmd.exe /q /c del /q "C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\Update\\OneDriveSetup.exe"',
      scope: 'user',
    },
    'known',
  ],
  [
    'OneDrive cleanup with a command appended',
    {
      locationId: 'run-once',
      valueName: 'Delete Cached Update Binary',
      data: 'C:\\Windows\\system32\\cmd.exe /q /c del /q "C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\Update\\OneDriveSetup.exe" & evil.exe',
      scope: 'user',
    },
    'unknown',
  ],
  [
    'corpus: 360v svchost in AppData',
    {
      locationId: 'run',
      valueName: '360v',
      data: 'C:\\Users\\IEUser\\AppData\\Roaming\\svchost.exe',
    },
    'unknown',
  ],
  [
    'corpus: hidden value name',
    { locationId: 'run', valueName: '', data: '"c:\\windows\\tasks\\taskhost.exe"' },
    'unknown',
  ],
];

for (const [name, entry, status, match] of cases) {
  test(`known-good: ${name} → ${status}`, () => {
    const v = matchBaseline(entry, [kg]);
    assert.equal(v.status, status);
    if (match !== undefined) assert.equal(v.match, match);
    if (status === 'known' || status === 'changed') assert.ok(v.match);
  });
}

const learned: BaselineFile = {
  kind: 'runhunt-baseline',
  version: 1,
  name: 'fleet',
  complete: true,
  locations: ['run', 'run-once'],
  hosts: ['WKS-01', 'wks-02'],
  entries: [
    {
      id: 'acme',
      location: 'run',
      valueName: 'AcmeAgent',
      data: 'C:\\Program Files\\Acme\\agent.exe --tray',
      writers: ['C:\\Program Files\\Acme\\**'],
    },
    { location: 'run', valueName: 'Pinned', data: 'C:\\Tools\\p.exe', hosts: ['wks-01'] },
  ],
};
const fleet = compileBaseline(learned);

test('complete baseline: covered entries it lacks are new, uncovered ones unknown', () => {
  assert.equal(
    matchBaseline({ locationId: 'run', valueName: 'Evil', data: 'x.exe', host: 'wks-01' }, [fleet])
      .status,
    'new',
  );
  assert.equal(
    matchBaseline({ locationId: 'run', valueName: 'Evil', data: 'x.exe' }, [fleet]).status,
    'new',
  );
  // A location outside its `locations`, a host outside its `hosts`: the baseline cannot say.
  assert.equal(
    matchBaseline(
      { locationId: 'winlogon-userinit-shell', valueName: 'Shell', data: 'x', host: 'wks-01' },
      [fleet],
    ).status,
    'unknown',
  );
  assert.equal(
    matchBaseline({ locationId: 'run', valueName: 'Evil', data: 'x.exe', host: 'SRV-9' }, [fleet])
      .status,
    'unknown',
  );
});

test('complete baseline: writer given as a path pattern; per-host entries', () => {
  const acme = {
    locationId: 'run',
    valueName: 'acmeagent',
    data: '"C:\\Program Files\\Acme\\agent.exe" --tray',
  };
  assert.deepEqual(
    matchBaseline({ ...acme, writerImage: 'C:\\Program Files\\Acme\\bin\\setup.exe' }, [fleet]),
    { status: 'known', match: 'fleet:acme' },
  );
  assert.deepEqual(
    matchBaseline({ ...acme, writerImage: 'C:\\Users\\x\\Downloads\\setup.exe' }, [fleet]),
    { status: 'changed', match: 'fleet:acme' },
  );
  assert.equal(
    matchBaseline(
      { locationId: 'run', valueName: 'Pinned', data: 'C:\\Tools\\p.exe', host: 'WKS-01' },
      [fleet],
    ).status,
    'known',
  );
  assert.equal(
    matchBaseline(
      { locationId: 'run', valueName: 'Pinned', data: 'C:\\Tools\\p.exe', host: 'wks-02' },
      [fleet],
    ).status,
    'new',
  );
});

test('several baselines: known anywhere wins over changed elsewhere; no baselines → unknown', () => {
  const e = { locationId: 'run', valueName: 'OneDrive', data: 'C:\\Corp\\od.exe' };
  const corp = compileBaseline({
    ...learned,
    name: 'corp',
    entries: [{ id: 'od', location: 'run', valueName: 'OneDrive', data: 'C:\\Corp\\od.exe' }],
  });
  assert.deepEqual(matchBaseline(e, [kg, corp]), { status: 'known', match: 'corp:od' });
  assert.equal(matchBaseline(e, [kg]).status, 'changed');
  assert.equal(matchBaseline(e, []).status, 'unknown');
});

test('known-good locations exist in the ASEP catalog', () => {
  const ids = new Set(defaultAsepCatalog().data.locations.map((l) => l.id));
  for (const d of defaultAsepCatalog().data.startupFolders) ids.add(d.id);
  for (const loc of kg.byLocation.keys()) assert.ok(ids.has(loc), loc);
});

test('loadBaselineFile reads YAML and JSON and rejects a broken file with file + path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-baseline-'));
  const json = join(dir, 'b.json');
  writeFileSync(json, JSON.stringify(learned));
  assert.equal(loadBaselineFile(json).name, 'fleet');
  const yml = join(dir, 'b.yaml');
  writeFileSync(
    yml,
    'kind: runhunt-baseline\nversion: 1\nname: y\ncomplete: true\nentries:\n  - location: run\n    valueName: A\n    data: a.exe\n',
  );
  assert.equal(loadBaselineFile(yml).complete, true);
  const bad = join(dir, 'bad.yaml');
  writeFileSync(
    bad,
    'kind: runhunt-baseline\nversion: 1\nname: y\ncomplete: true\nentries:\n  - location: Run Key\n    valueName: A\n    data: a.exe\n',
  );
  assert.throws(
    () => loadBaselineFile(bad),
    (e: unknown) =>
      e instanceof DataFileError &&
      e.file === bad &&
      e.jsonPath === '$.entries[0].location' &&
      e.line === 6,
  );
});
