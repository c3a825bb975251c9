import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalRegistryKey,
  canonicalRegistryPath,
  logicalKey,
  registryEventPath,
} from './registry-path.js';
import type { RegistryPath } from './registry-path.js';

type Expect = Partial<Omit<RegistryPath, 'logged'>> & { logical?: string };

// Real TargetObject strings: shared corpus labels.json (run_key_events, other_autostart_registry_events),
// benign/omerbenamram-evtx/sysmon.evtx (2017 Sysmon), mixed/mordor, existing-tools.md §2.1.
const cases: [string, Expect][] = [
  [
    'HKU\\S-1-5-21-3583694148-1414552638-2922671848-1000\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\360v',
    {
      hive: 'HKU',
      scope: 'user',
      userSid: 'S-1-5-21-3583694148-1414552638-2922671848-1000',
      key: 'software\\microsoft\\windows\\currentversion\\run',
      valueName: '360v',
      hiddenValueName: false,
      wow64: false,
      classes: false,
      logical: 'HKCU\\software\\microsoft\\windows\\currentversion\\run',
    },
  ],
  [
    'HKU\\S-1-5-21-3461203602-4096304019-2269080069-1000\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Atomic Red Team',
    { key: 'software\\microsoft\\windows\\currentversion\\run', valueName: 'Atomic Red Team' },
  ],
  // Hidden value: the name began with NUL and Sysmon cut it, so the path ends in `\`.
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\',
    {
      hive: 'HKLM',
      scope: 'machine',
      key: 'software\\microsoft\\windows\\currentversion\\run',
      valueName: '',
      hiddenValueName: true,
      defaultValue: false,
      keyOnly: false,
    },
  ],
  // A producer that keeps the NUL: still hidden, the visible rest is the name.
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\\u0000evil',
    { valueName: 'evil', hiddenValueName: true },
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\0001\\Depend\\1',
    {
      key: 'software\\microsoft\\windows\\currentversion\\runonceex\\0001\\depend',
      valueName: '1',
    },
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\NextRun',
    { key: 'software\\microsoft\\windows\\currentversion\\runonce', valueName: 'NextRun' },
  ],
  // Upper-case SOFTWARE under HKU (Edge, Mordor 2023).
  [
    'HKU\\S-1-5-21-3550837308-1175438220-1610417319-1106\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\MicrosoftEdgeAutoLaunch_0A1B',
    {
      hive: 'HKU',
      key: 'software\\microsoft\\windows\\currentversion\\run',
      valueName: 'MicrosoftEdgeAutoLaunch_0A1B',
    },
  ],
  [
    'HKU\\S-1-5-21-3583694148-1414552638-2922671848-1000\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\\startup',
    {
      key: 'software\\microsoft\\windows\\currentversion\\explorer\\user shell folders',
      valueName: 'startup',
    },
  ],
  [
    'HKU\\S-1-5-21-3583694148-1414552638-2922671848-1000\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Shell',
    { key: 'software\\microsoft\\windows nt\\currentversion\\winlogon', valueName: 'Shell' },
  ],
  // Wow6432Node, both casings.
  [
    'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run\\Adobe ARM',
    {
      key: 'software\\microsoft\\windows\\currentversion\\run',
      valueName: 'Adobe ARM',
      wow64: true,
    },
  ],
  [
    'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\x',
    { key: 'software\\microsoft\\windows\\currentversion\\runonce', wow64: true },
  ],
  // 2017 Sysmon: kernel paths and ControlSet001.
  [
    '\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\PROCMON23\\ImagePath',
    { hive: 'HKLM', key: 'system\\currentcontrolset\\services\\procmon23', valueName: 'ImagePath' },
  ],
  [
    '\\REGISTRY\\MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Opera 49.0.2725.64\\URLUpdateInfo',
    {
      hive: 'HKLM',
      wow64: true,
      key: 'software\\microsoft\\windows\\currentversion\\uninstall\\opera 49.0.2725.64',
    },
  ],
  [
    '\\REGISTRY\\MACHINE\\SOFTWARE\\Classes\\OperaStable\\shell\\open\\command\\(Default)',
    {
      hive: 'HKLM',
      classes: true,
      key: 'software\\classes\\operastable\\shell\\open\\command',
      valueName: '',
      defaultValue: true,
    },
  ],
  [
    '\\REGISTRY\\USER\\.DEFAULT\\Software\\Classes\\OperaStable\\shell\\open\\command\\(Default)',
    { hive: 'HKU\\.DEFAULT', scope: 'user', classes: true, defaultValue: true },
  ],
  [
    '\\REGISTRY\\USER\\S-1-5-21-2595688666-2948619230-3055395256-1001_Classes\\ProcMon.Logfile.1\\shell\\open\\command\\(Default)',
    {
      hive: 'HKU',
      userSid: 'S-1-5-21-2595688666-2948619230-3055395256-1001',
      classes: true,
      key: 'software\\classes\\procmon.logfile.1\\shell\\open\\command',
      defaultValue: true,
    },
  ],
  // Per-user classes hive plus Wow6432Node (Mordor covenant dataset).
  [
    'HKU\\S-1-5-21-1966984447-233561266-573182232-500_Classes\\WOW6432Node\\CLSID\\{018D5C66-4533-4307-9B53-224DE2ED1FE6}\\(Default)',
    {
      classes: true,
      wow64: true,
      key: 'software\\classes\\clsid\\{018d5c66-4533-4307-9b53-224de2ed1fe6}',
      defaultValue: true,
    },
  ],
  [
    'HKU\\.DEFAULT\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    {
      hive: 'HKU\\.DEFAULT',
      scope: 'user',
      key: 'software\\microsoft\\windows\\currentversion\\run',
      logical: 'HKCU\\software\\microsoft\\windows\\currentversion\\run',
    },
  ],
  [
    'HKU\\S-1-5-19\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    { hive: 'HKU', userSid: 'S-1-5-19' },
  ],
  [
    'HKCR\\ms-browser\\shell\\open\\command\\(Default)',
    {
      hive: 'HKCR',
      classes: true,
      key: 'software\\classes\\ms-browser\\shell\\open\\command',
      defaultValue: true,
    },
  ],
  // App hives of UWP apps (Mordor): not a user or machine hive.
  [
    '\\REGISTRY\\A\\{6f793d19-6a94-29ca-0012-dd90b7d5a13f}\\LocalState\\Mode',
    {
      hive: 'APP',
      scope: 'unknown',
      appHive: '{6f793d19-6a94-29ca-0012-dd90b7d5a13f}',
      key: 'localstate',
      valueName: 'Mode',
    },
  ],
  // Other producers (Elastic Defend, ASIM, Security 4657) and command lines.
  [
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater',
    {
      hive: 'HKLM',
      key: 'software\\microsoft\\windows\\currentversion\\run',
      valueName: 'Updater',
    },
  ],
  [
    'HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\u',
    { hive: 'HKU', userSid: 'S-1-5-21-1-2-3-1001' },
  ],
  [
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\u',
    { hive: 'HKCU', scope: 'user', key: 'software\\microsoft\\windows\\currentversion\\run' },
  ],
  [
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Atomic Red Team',
    {
      hive: 'HKCU',
      valueName: 'Atomic Red Team',
      logical: 'HKCU\\software\\microsoft\\windows\\currentversion\\run',
    },
  ],
  [
    'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\ps',
    { hive: 'HKLM', key: 'software\\microsoft\\windows\\currentversion\\run', valueName: 'ps' },
  ],
  // Empire's loader reads `HKLM:SOFTWARE\…\CurrentVersion Debug` (PowerShell drive without `\`).
  [
    'HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Debug',
    { hive: 'HKLM', key: 'software\\microsoft\\windows\\currentversion', valueName: 'Debug' },
  ],
  [
    'Registry::HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    { hive: 'HKCU', key: 'software\\microsoft\\windows\\currentversion\\run' },
  ],
  [
    'MACHINE\\SYSTEM\\ControlSet002\\Control\\Session Manager\\BootExecute',
    {
      hive: 'HKLM',
      key: 'system\\currentcontrolset\\control\\session manager',
      valueName: 'BootExecute',
    },
  ],
  [
    'HKLM\\System\\CurrentControlSet\\Control\\Session Manager\\BootExecute',
    { key: 'system\\currentcontrolset\\control\\session manager', valueName: 'BootExecute' },
  ],
  // A bare root (EID 12 CreateKey of `HKCR` in the Mordor data) has no value name.
  ['HKCR', { hive: 'HKCR', classes: true, key: 'software\\classes', valueName: '', keyOnly: true }],
  // Doubled separators collapse (key names cannot contain `\`).
  [
    'HKLM\\\\SOFTWARE\\\\Microsoft\\Windows\\CurrentVersion\\Run\\a',
    { key: 'software\\microsoft\\windows\\currentversion\\run', valueName: 'a' },
  ],
];

for (const [input, want] of cases) {
  test(`canonicalRegistryPath ${JSON.stringify(input)}`, () => {
    const got = canonicalRegistryPath(input);
    assert.equal(got.logged, input);
    const { logical, ...fields } = want;
    for (const [k, v] of Object.entries(fields)) {
      assert.deepEqual(got[k as keyof RegistryPath], v, `field ${k}`);
    }
    if (logical !== undefined) assert.equal(logicalKey(got), logical);
  });
}

test('case of the key never matters, case of the value name is kept', () => {
  const a = canonicalRegistryPath('HKLM\\SOFTWARE\\MICROSOFT\\WINDOWS\\CURRENTVERSION\\RUN\\MyApp');
  const b = canonicalRegistryPath('hklm\\software\\microsoft\\windows\\currentversion\\run\\MyApp');
  assert.equal(a.key, b.key);
  assert.equal(a.valueName, 'MyApp');
});

test('canonicalRegistryKey treats the whole path as a key (EID 12 CreateKey)', () => {
  const k = canonicalRegistryKey(
    'HKU\\S-1-5-21-3550837308-1175438220-1610417319-1106\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  );
  assert.equal(k.key, 'software\\microsoft\\windows\\currentversion\\run');
  assert.equal(k.valueName, '');
  assert.equal(k.keyOnly, true);
  assert.equal(k.hiddenValueName, false);
  const s = canonicalRegistryKey(
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run32',
  );
  assert.equal(
    s.key,
    'software\\microsoft\\windows\\currentversion\\explorer\\startupapproved\\run32',
  );
  assert.equal(canonicalRegistryKey('HKLM').key, '');
  const classes = canonicalRegistryKey('HKU\\S-1-5-21-1-2-3-1001_Classes');
  assert.equal(classes.key, 'software\\classes');
  assert.equal(classes.userSid, 'S-1-5-21-1-2-3-1001');
  assert.equal(
    canonicalRegistryKey('\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001').key,
    'system\\currentcontrolset',
  );
});

test('ControlSet folding applies only directly under HKLM\\SYSTEM', () => {
  assert.equal(
    canonicalRegistryPath('HKLM\\SOFTWARE\\Vendor\\ControlSet001\\v').key,
    'software\\vendor\\controlset001',
  );
});

test('registryEventPath reads values and keys by event type, EID 12 without a type as a key', () => {
  const run = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run';
  assert.equal(registryEventPath(12, '', run).keyOnly, true);
  assert.equal(
    registryEventPath(12, '', run).key,
    'software\\microsoft\\windows\\currentversion\\explorer\\startupapproved\\run',
  );
  assert.equal(registryEventPath(12, 'CreateKey', run).keyOnly, true);
  assert.equal(registryEventPath(14, 'RenameKey', run).keyOnly, true);
  const v = registryEventPath(12, 'DeleteValue', `${run}\\x`);
  assert.equal(v.keyOnly, false);
  assert.equal(v.valueName, 'x');
  assert.equal(registryEventPath(13, '', `${run}\\x`).valueName, 'x');
  assert.equal(
    registryEventPath(13, 'SetValue', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\')
      .hiddenValueName,
    true,
  );
});
