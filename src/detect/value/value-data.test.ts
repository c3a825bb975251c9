import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueData } from './value-data.js';
import { commandData } from '../command-evidence/command-data.js';
import { indicatorDef } from '../catalog/indicators.js';

test('data files load, validate against their schemas and compile', () => {
  const d = valueData();
  assert.ok(d.pathClasses.length >= 10);
  assert.ok(d.lolbins.has('mshta.exe'));
  assert.ok(d.interpreters.has('powershell.exe'));
  assert.ok(commandData().reg.write.includes('add'));
});

test('every indicator id the data files emit is defined in data/indicators.yaml', () => {
  const d = valueData();
  const used = new Set<string>([
    ...d.pathClasses.map((c) => c.indicator),
    ...[...d.lolbins.values()].map((l) => l.indicator),
    ...d.writers.categories.map((c) => c.indicator),
    // Ids the code emits by name (analyze-value, analyze-writer, analyze-startup-file).
    'script-interpreter',
    'script-file',
    'mshta-url',
    'mshta-inline-script',
    'regsvr32-scrobj',
    'rundll32-unusual-entry',
    'encoded-powershell',
    'powershell-hidden',
    'powershell-download',
    'registry-indirection',
    'url-in-value',
    'double-extension',
    'system-binary-masquerade',
    'writer-remote-registry',
    'writer-user-folder',
    'writer-lolbin',
    'startup-folder-script',
    'startup-folder-lnk',
    'startup-folder-executable',
    'command-line-autostart-write',
  ]);
  for (const id of used)
    assert.ok(indicatorDef(id), `indicator ${id} missing from data/indicators.yaml`);
});

test('writers.yaml userFolderClasses name existing path classes', () => {
  const d = valueData();
  const ids = new Set(d.pathClasses.map((c) => c.id));
  for (const c of d.writers.userFolderClasses) assert.ok(ids.has(c), c);
});

test('LOLBin techniques are ATT&CK ids and names are unique lower-case', () => {
  for (const [name, l] of valueData().lolbins) {
    assert.equal(name, name.toLowerCase());
    for (const t of l.techniques) assert.match(t, /^T\d{4}(\.\d{3})?$/);
  }
});
