import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeStartupFile, startupFileKind } from './analyze-startup-file.js';

const DIR = 'C:\\Users\\u\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\';

test('Startup-folder file kinds (SigmaHQ 28208707 / Elastic extension lists)', () => {
  const table: [string, string][] = [
    ['a.bat', 'script'],
    ['a.cmd', 'script'],
    ['a.vbs', 'script'],
    ['a.vbe', 'script'],
    ['a.js', 'script'],
    ['a.jse', 'script'],
    ['a.wsf', 'script'],
    ['a.ps1', 'script'],
    ['a.hta', 'script'],
    ['a.sct', 'script'],
    ['a.jar', 'script'],
    ['a.lnk', 'lnk'],
    ['a.url', 'lnk'],
    ['a.exe', 'executable'],
    ['a.scr', 'executable'],
    ['a.dll', 'executable'],
    ['a.msi', 'executable'],
    ['desktop.ini', 'other'],
    ['README', 'other'],
    ['a.txt', 'other'],
  ];
  for (const [name, kind] of table) assert.equal(startupFileKind(DIR + name), kind, name);
});

test('signals: kind, double extension, masquerade', () => {
  assert.deepEqual(analyzeStartupFile(DIR + 'x.VBS'), [
    { id: 'startup-folder-script', detail: DIR + 'x.VBS' },
  ]);
  assert.deepEqual(
    analyzeStartupFile(DIR + 'report.pdf.lnk').map((s) => s.id),
    ['startup-folder-lnk', 'double-extension'],
  );
  assert.deepEqual(
    analyzeStartupFile(DIR + 'svchost.exe').map((s) => s.id),
    ['startup-folder-executable', 'system-binary-masquerade'],
  );
  assert.deepEqual(analyzeStartupFile(DIR + 'desktop.ini'), []);
});
