import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaselineFile } from '../detect/baseline/baseline.js';
import { baselineSigmaFilterDocs, dataSpellings, globToSigma } from './allowlist-sigma.js';

test('globToSigma: wildcards, literal lone stars, escaped backslashes', () => {
  const table: [string, string][] = [
    ['c:\\program files\\acme\\a.exe', 'c:\\program files\\acme\\a.exe'],
    ['c:\\users\\*\\appdata\\local\\a.exe', 'c:\\users\\\\*\\appdata\\local\\a.exe'],
    ['c:\\users\\**', 'c:\\users\\\\*'],
    ['app-*\\x.exe', 'app-*\\x.exe'],
    ['autocheck autochk *', 'autocheck autochk \\*'],
    ['what?.exe', 'what\\?.exe'],
    ['\\\\server\\share\\a.exe', '\\\\\\server\\share\\a.exe'],
  ];
  for (const [glob, sigma] of table) assert.equal(globToSigma(glob), sigma, glob);
});

test('dataSpellings: as normalised, %VAR% prefixes, quoted program', () => {
  assert.deepEqual(dataSpellings('"C:\\Program Files\\Acme\\agent.exe" --tray'), [
    'c:\\program files\\acme\\agent.exe --tray',
    '%programfiles%\\acme\\agent.exe --tray',
    '"c:\\program files\\acme\\agent.exe" --tray',
    '"%programfiles%\\acme\\agent.exe" --tray',
  ]);
  assert.deepEqual(dataSpellings('%windir%\\system32\\x.exe'), [
    'c:\\windows\\system32\\x.exe',
    '%windir%\\system32\\x.exe',
    '%systemroot%\\system32\\x.exe',
    '"c:\\windows\\system32\\x.exe"',
    '"%windir%\\system32\\x.exe"',
    '"%systemroot%\\system32\\x.exe"',
  ]);
});

test('one document per log source; entry fields by location kind', () => {
  const b: BaselineFile = {
    kind: 'runhunt-baseline',
    version: 1,
    name: 'fleet',
    complete: true,
    generatedAt: '2026-11-28T00:00:00Z',
    entries: [
      {
        location: 'run',
        scope: 'machine',
        valueName: 'Acme',
        data: 'C:\\a.exe',
        writers: ['setup.exe'],
        hosts: ['WKS-1'],
      },
      {
        location: 'startup-folder-common',
        valueName: 'x.lnk',
        data: 'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.lnk',
      },
    ],
  };
  const docs = baselineSigmaFilterDocs(b, { rules: ['my-rule'] });
  assert.equal(docs.length, 2);
  interface Doc {
    date?: string;
    logsource: Record<string, string>;
    filter: { rules: string[]; condition: string; selection: Record<string, unknown>[] };
  }
  const [reg, file] = docs as unknown as [Doc, Doc];
  assert.equal(reg.date, '2026-11-28');
  assert.deepEqual(reg.logsource, { product: 'windows', category: 'registry_set' });
  assert.deepEqual(reg.filter.rules, ['my-rule']);
  assert.equal(reg.filter.condition, 'not selection');
  assert.deepEqual(reg.filter.selection[0], {
    'TargetObject|endswith': '\\microsoft\\windows\\currentversion\\run\\Acme',
    'TargetObject|startswith': 'HKLM\\',
    Details: ['c:\\a.exe', '"c:\\a.exe"'],
    'Image|endswith': '\\setup.exe',
    Computer: 'WKS-1',
  });
  assert.equal(file.logsource.category, 'file_event');
  assert.deepEqual(file.filter.selection, [
    { TargetFilename: 'c:\\programdata\\microsoft\\windows\\start menu\\programs\\startup\\x.lnk' },
  ]);
});
