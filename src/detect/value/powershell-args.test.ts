import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchPowerShellSwitch, parsePowerShellArgs } from './powershell-args.js';

// Prefix rules of the PowerShell console host (data/interpreters.yaml): every spelling below is
// accepted by powershell.exe; SigmaHQ proc_creation_win_powershell_encode lists -e -en -enc
// -enco -ec (existing-tools.md 3.3).
const SWITCHES: [string, string | undefined][] = [
  ['-e', 'encodedcommand'],
  ['-en', 'encodedcommand'],
  ['-enc', 'encodedcommand'],
  ['-enco', 'encodedcommand'],
  ['-EncodedCommand', 'encodedcommand'],
  ['-ENCODEDC', 'encodedcommand'],
  ['-ec', 'ec'],
  ['/e', 'encodedcommand'],
  ['/EnC', 'encodedcommand'],
  ['\u2013e', 'encodedcommand'],
  ['\u2014enc', 'encodedcommand'],
  ['\u2015ec', 'ec'],
  ['--enc', 'encodedcommand'],
  ['-encodeda', 'encodedarguments'],
  ['-ea', 'ea'],
  ['-ex', 'executionpolicy'],
  ['-ep', 'ep'],
  ['-w', 'windowstyle'],
  ['-Win', 'windowstyle'],
  ['-nop', 'noprofile'],
  ['-no', undefined],
  ['-c', 'command'],
  ['-co', 'command'],
  ['-f', 'file'],
  ['-s', 'servermode'],
  ['-encx', undefined],
  ['e', undefined],
  ['-', undefined],
];

test('switch prefixes', () => {
  for (const [arg, want] of SWITCHES) assert.equal(matchPowerShellSwitch(arg)?.name, want, arg);
});

test('command text, encoded command, window style, file', () => {
  const a = parsePowerShellArgs(['-nop', '-w', 'hidden', '-enc', 'SQBFAFgA'], 'powershell.exe');
  assert.equal(a.encoded, 'SQBFAFgA');
  assert.equal(a.hidden, true);
  assert.deepEqual(a.switches, ['noprofile', 'windowstyle', 'encodedcommand']);
  const b = parsePowerShellArgs(['-WindowStyle', '1', '-c', 'Get-Date;', 'calc'], 'powershell.exe');
  assert.equal(b.hidden, true);
  assert.equal(b.command, 'Get-Date; calc');
  assert.equal(parsePowerShellArgs(['IEX', '(x)'], 'powershell.exe').command, 'IEX (x)');
  assert.equal(parsePowerShellArgs(['C:\\a.ps1', 'x'], 'pwsh.exe').file, 'C:\\a.ps1');
  assert.equal(
    parsePowerShellArgs(['-File', 'C:\\b.ps1', '-enc', 'x'], 'powershell.exe').file,
    'C:\\b.ps1',
  );
  assert.equal(
    parsePowerShellArgs(['-ep', 'Bypass', '-w', 'normal'], 'powershell.exe').hidden,
    false,
  );
});
