import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  baseName,
  canonicalPath,
  expandEnvironment,
  extensionOf,
  hasDirectory,
} from './canonical-path.js';

// [as written, canonical form] (environment and short names from data/path-classes.yaml).
const CASES: [string, string][] = [
  ['"C:\\Users\\Bob\\AppData\\Roaming\\x.exe"', 'c:\\users\\bob\\appdata\\roaming\\x.exe'],
  ['%APPDATA%\\Microsoft\\x.exe', 'c:\\users\\%username%\\appdata\\roaming\\microsoft\\x.exe'],
  ['%HOMEDRIVE%%HOMEPATH%\\a.bat', 'c:\\users\\%username%\\a.bat'],
  ['$env:TEMP\\a.ps1', 'c:\\users\\%username%\\appdata\\local\\temp\\a.ps1'],
  ['${env:ProgramData}\\a.dll', 'c:\\programdata\\a.dll'],
  ['%NOT_A_VAR%\\a.exe', '%not_a_var%\\a.exe'],
  ['C:/Windows//System32/../SysWOW64/./x.exe', 'c:\\windows\\syswow64\\x.exe'],
  ['C:\\..\\..\\x.exe', 'c:\\x.exe'],
  ['C:\\PROGRA~1\\App\\app.exe', 'c:\\program files\\app\\app.exe'],
  ['\\\\?\\C:\\Windows\\x.exe', 'c:\\windows\\x.exe'],
  ['\\??\\C:\\Windows\\x.exe', 'c:\\windows\\x.exe'],
  ['\\\\?\\UNC\\host\\share\\x.exe', '\\\\host\\share\\x.exe'],
  ['\\\\host\\share\\..\\..\\x.exe', '\\\\host\\share\\x.exe'],
  ['file:///C:/Users/x.hta', 'c:\\users\\x.hta'],
  ['file://host/share/x.hta', '\\\\host\\share\\x.hta'],
  ['HTTPS://Example.com/A.ps1', 'https://example.com/a.ps1'],
  ['', ''],
];

test('canonical forms', () => {
  for (const [written, canonical] of CASES) {
    assert.equal(canonicalPath(written), canonical, written);
  }
});

test('expandEnvironment leaves text without % or $ as it is, and expands known variables', () => {
  assert.equal(expandEnvironment('C:\\Windows\\x.exe'), 'C:\\Windows\\x.exe');
  assert.equal(expandEnvironment('%windir%\\x'), 'C:\\Windows\\x');
  assert.equal(expandEnvironment('$env:windir\\x'), 'C:\\Windows\\x');
  fc.assert(
    fc.property(
      fc.string({ maxLength: 40 }).filter((s) => !s.includes('%') && !s.includes('$')),
      (s) => expandEnvironment(s) === s,
    ),
    { numRuns: 300 },
  );
});

test('baseName, extensionOf, hasDirectory', () => {
  assert.equal(baseName('C:\\A\\B.EXE" '), 'b.exe');
  assert.equal(baseName('a/b/c.js'), 'c.js');
  assert.equal(extensionOf('C:\\x\\.hidden'), '');
  assert.equal(extensionOf('C:\\x\\a.tar.GZ'), '.gz');
  assert.equal(hasDirectory('x.exe'), false);
  assert.equal(hasDirectory('C:x.exe'), true);
  assert.equal(hasDirectory('.\\x.exe'), true);
});

test('property: canonicalPath never throws and its output is lower-case', () => {
  const part = fc.constantFrom(
    'C:',
    '\\',
    '/',
    '..',
    '.',
    '%APPDATA%',
    '$env:TEMP',
    'PROGRA~1',
    'a',
    '"',
    ' ',
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
      const c = canonicalPath(parts.join(''));
      assert.equal(c, c.toLowerCase());
    }),
    { numRuns: 500 },
  );
});
