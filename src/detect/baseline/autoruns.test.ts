import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileBaseline, matchBaseline, readBaselineFile } from './baseline.js';
import { decodeText, findAutorunsHeader, parseAutoruns } from './autoruns.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../test/samples/fleet/${name}`, import.meta.url));

test('the header is found after the banner, for CSV and for UTF-16 TSV', () => {
  const csv = decodeText(readFileSync(fixture('autorunsc-clean.csv')));
  assert.deepEqual(findAutorunsHeader(csv), { line: 4, delimiter: ',' });
  const tsv = decodeText(readFileSync(fixture('autorunsc-clean.tsv')));
  assert.deepEqual(findAutorunsHeader(tsv), { line: 0, delimiter: '\t' });
  assert.equal(findAutorunsHeader('kind: runhunt-baseline\nversion: 1\n'), null);
  assert.equal(findAutorunsHeader('Time,Entry,Something else\n'), null);
});

for (const file of ['autorunsc-clean.csv', 'autorunsc-clean.tsv']) {
  test(`${file}: Logon rows on Run keys and Startup folders become entries`, () => {
    const b = readBaselineFile(fixture(file));
    assert.equal(b.name, 'autorunsc-clean');
    assert.equal(b.complete, true);
    assert.ok(b.locations?.includes('run') && b.locations.includes('startup-folder-common'));
    assert.ok(!b.locations?.includes('winlogon-userinit-shell'));
    const rows = b.entries.map((e) => [e.location, e.scope, e.valueName, e.data]);
    assert.deepEqual(rows, [
      ['run', 'machine', 'SecurityHealth', '%windir%\\system32\\SecurityHealthSystray.exe'],
      ['run', 'machine', 'AcmeAgent', '"C:\\Program Files\\Acme\\agent.exe" --tray'],
      ['run', 'machine', 'VendorUpdater', '"C:\\Program Files (x86)\\Vendor\\upd.exe" /background'],
      [
        'run',
        'user',
        'OneDrive',
        '"C:\\Users\\alice\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
      ],
      [
        'startup-folder-common',
        'machine',
        'Acme Tray.lnk',
        'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\Acme Tray.lnk',
      ],
    ]);
    assert.match(b.entries[2]?.notes ?? '', /disabled in Autoruns/);
    assert.match(b.entries[0]?.notes ?? '', /signer: \(Verified\) Microsoft Windows/);
  });
}

test('the import matches what Sysmon logs for the same entries', () => {
  const b = compileBaseline(readBaselineFile(fixture('autorunsc-clean.csv')));
  const cases: [string, string, string, 'machine' | 'user', string][] = [
    // location, value name, data as Sysmon logs it, scope, verdict
    ['run', 'SecurityHealth', '%windir%\\system32\\SecurityHealthSystray.exe', 'machine', 'known'],
    ['run', 'acmeagent', '"C:\\Program Files\\Acme\\agent.exe" --tray', 'machine', 'known'],
    [
      'run',
      'OneDrive',
      '"C:\\Users\\bob\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe" /background',
      'user',
      'known',
    ],
    ['run', 'OneDrive', 'C:\\Users\\bob\\AppData\\Roaming\\OneDrive.exe', 'user', 'changed'],
    ['run', 'Updater', 'C:\\Users\\Public\\u.exe', 'machine', 'new'],
    [
      'winlogon-userinit-shell',
      'Userinit',
      'C:\\Windows\\system32\\userinit.exe,evil.exe',
      'machine',
      'unknown',
    ],
  ];
  for (const [locationId, valueName, data, scope, status] of cases) {
    const v = matchBaseline({ locationId, valueName, data, scope }, [b]);
    assert.equal(v.status, status, `${valueName} = ${data}`);
  }
});

test('rows outside the Logon category or without an entry are skipped', () => {
  const text = [
    'Time,Entry Location,Entry,Enabled,Category,Profile,Description,Signer,Company,Image Path,Version,Launch String',
    ',HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run,,,Logon,System-wide,,,,,,',
    ',HKLM\\System\\CurrentControlSet\\Services,Svc,enabled,Services,System-wide,,,,,,x.exe',
    ',HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run,Keep,enabled,Logon,System-wide,,,,,,k.exe',
  ].join('\n');
  assert.deepEqual(
    parseAutoruns(text, 't').entries.map((e) => e.valueName),
    ['Keep'],
  );
});
