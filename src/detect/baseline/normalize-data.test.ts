import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAutostartData } from './normalize-data.js';
import { globMatch } from './glob.js';
import fc from 'fast-check';

const cases: [string, string][] = [
  // Real Details strings from the shared corpus (labels.json).
  [
    'C:\\Users\\IEUser\\AppData\\Roaming\\svchost.exe',
    'c:\\users\\*\\appdata\\roaming\\svchost.exe',
  ],
  ['"c:\\windows\\tasks\\taskhost.exe"', 'c:\\windows\\tasks\\taskhost.exe'],
  ['c:\\programdata\\StartupNewHomeAddress', 'c:\\programdata\\startupnewhomeaddress'],
  [
    '"C:\\Users\\IEUser\\AppData\\Roaming\\9QxTsAU9w8gyPj4w\\BRE6BgE2JubB.exe",explorer.exe',
    'c:\\users\\*\\appdata\\roaming\\9qxtsau9w8gypj4w\\bre6bge2jubb.exe,explorer.exe',
  ],
  // Env vars and their expansions meet.
  [
    '%LOCALAPPDATA%\\Microsoft\\OneDrive\\OneDrive.exe /background',
    'c:\\users\\*\\appdata\\local\\microsoft\\onedrive\\onedrive.exe /background',
  ],
  [
    '"C:\\Users\\Bob Smith\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe"  /background',
    'c:\\users\\*\\appdata\\local\\microsoft\\onedrive\\onedrive.exe /background',
  ],
  [
    '%ProgramFiles(x86)%\\Dropbox\\Client\\Dropbox.exe',
    'c:\\program files (x86)\\dropbox\\client\\dropbox.exe',
  ],
  [
    '%windir%\\system32\\SecurityHealthSystray.exe',
    'c:\\windows\\system32\\securityhealthsystray.exe',
  ],
  ['%TEMP%\\a.exe', 'c:\\users\\*\\appdata\\local\\temp\\a.exe'],
  ['%UNKNOWNVAR%\\a.exe', '%unknownvar%\\a.exe'],
  // Shared profiles are not folded: Public is a suspicious place, not a user.
  ['C:\\Users\\Public\\Documents\\a.exe', 'c:\\users\\public\\documents\\a.exe'],
  ['C:\\Users\\Default\\a.exe', 'c:\\users\\default\\a.exe'],
  ['C:\\Documents and Settings\\bob\\a.exe', 'c:\\documents and settings\\*\\a.exe'],
  // Versions, GUIDs, SIDs, hex runs, temp names.
  [
    'C:\\Program Files\\Microsoft OneDrive\\21.220.1024.0005\\OneDrive.exe',
    'c:\\program files\\microsoft onedrive\\*\\onedrive.exe',
  ],
  [
    'C:\\Users\\x\\AppData\\Local\\Discord\\app-1.0.9013\\Discord.exe',
    'c:\\users\\*\\appdata\\local\\discord\\app-*\\discord.exe',
  ],
  [
    'C:\\ProgramData\\{AC0D130B-8809-4125-811F-667893B90644}\\setup.exe',
    'c:\\programdata\\*\\setup.exe',
  ],
  ['C:\\x\\S-1-5-21-3583694148-1414552638-2922671848-1000\\y', 'c:\\x\\*\\y'],
  [
    'C:\\Windows\\System32\\DriverStore\\FileRepository\\realtekservice.inf_amd64_4f8ae5e55c4f5acb\\RtkAudUService64.exe -background',
    'c:\\windows\\system32\\driverstore\\filerepository\\realtekservice.inf_amd64_*\\rtkauduservice64.exe -background',
  ],
  [
    'C:\\Users\\x\\AppData\\Local\\Temp\\nsq1A2B.tmp\\a.exe',
    'c:\\users\\*\\appdata\\local\\temp\\*.tmp\\a.exe',
  ],
  ['autocheck autochk *', 'autocheck autochk *'],
];

for (const [input, want] of cases) {
  test(`normalizeAutostartData ${JSON.stringify(input)}`, () => {
    assert.equal(normalizeAutostartData(input), want);
  });
}

test('glob: * is one element or word, ** is anything', () => {
  assert.ok(globMatch('c:\\users\\*\\a.exe', 'c:\\users\\*\\a.exe'));
  assert.ok(globMatch('c:\\users\\*\\a.exe', 'c:\\users\\bob\\a.exe'));
  assert.ok(!globMatch('c:\\users\\*\\a.exe', 'c:\\users\\bob\\evil\\a.exe'));
  assert.ok(globMatch('c:\\x\\**', 'c:\\x\\y\\z w'));
  // A literal `*` in data cannot be stretched over more words.
  assert.ok(globMatch('autocheck autochk *', 'autocheck autochk *'));
  assert.ok(!globMatch('autocheck autochk *', 'autocheck autochk * evilnative'));
  // Regex metacharacters in patterns are literal.
  assert.ok(globMatch('a.exe (x86)', 'a.exe (x86)'));
  assert.ok(!globMatch('a.exe', 'aXexe'));
});

test('normalisation is idempotent on generated path-like strings (fast-check)', () => {
  const parts = fc.constantFrom(
    'C:\\Users\\',
    'bob',
    'Public',
    '\\',
    '%APPDATA%',
    '%temp%',
    '1.2.3',
    '0005',
    'deadbeef01',
    '{AC0D130B-8809-4125-811F-667893B90644}',
    'S-1-5-21-1-2-3-1000',
    ' ',
    '"',
    '.tmp',
    'ns',
    'a',
    '_',
    '-',
    '.',
    '*',
    'x7',
    'program files',
    '%foo%',
    'Documents and Settings\\',
  );
  fc.assert(
    fc.property(
      fc.array(parts, { maxLength: 12 }).map((a) => a.join('')),
      (s) => normalizeAutostartData(normalizeAutostartData(s)) === normalizeAutostartData(s),
    ),
    { numRuns: 3000, seed: 20261128 },
  );
});
