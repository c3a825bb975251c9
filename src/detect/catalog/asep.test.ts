import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalRegistryKey, canonicalRegistryPath } from '../../normalize/registry-path.js';
import { defaultAsepCatalog, driveRelative, matchAsep, matchStartupFolder } from './asep.js';
import { loadDataFile, packageRoot } from '../../util/data-loader.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const U = 'HKU\\S-1-5-21-3583694148-1414552638-2922671848-1000';

// [TargetObject, expected location id | null, expected kind]. The first block is real strings from
// the shared corpus (labels.json); the rest covers every catalog location (existing-tools.md §2.2/§2.3).
const valueCases: [string, string | null, 'persistence' | 'context' | null][] = [
  [`${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\360v`, 'run', 'persistence'],
  ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\', 'run', 'persistence'],
  ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater', 'run', 'persistence'],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\NextRun',
    'run-once',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\0001\\Depend\\1',
    'run-once-ex-depend',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\\startup`,
    'user-startup-folder-redirect',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\\Common Startup',
    'common-startup-folder-redirect',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Shell`,
    'winlogon-userinit-shell',
    'persistence',
  ],
  // Every other location.
  [
    'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run\\Adobe ARM',
    'run',
    'persistence',
  ],
  [
    `${U}\\Software\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce\\x`,
    'run-once',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\0001\\Line1',
    'run-once-ex',
    'persistence',
  ],
  [
    'HKEY_USERS\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\0002\\x',
    'run-once-ex',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunServices\\svc',
    'run-services',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\RunServicesOnce\\svc`,
    'run-services-once',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run\\gp',
    'policies-explorer-run',
    'persistence',
  ],
  [
    `${U}\\Software\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run\\1`,
    'policies-explorer-run',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Terminal Server\\Install\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\ts',
    'terminal-server-install-run',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows\\Load`,
    'windows-load-run',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows\\Run`,
    'windows-load-run',
    'persistence',
  ],
  [
    'HKLM\\System\\CurrentControlSet\\Control\\Session Manager\\BootExecute',
    'boot-execute',
    'persistence',
  ],
  [
    '\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Control\\Session Manager\\BootExecute',
    'boot-execute',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\ControlSet002\\Control\\Session Manager\\SetupExecute',
    'boot-execute',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders\\Startup`,
    'user-startup-folder-redirect',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders\\Common Startup',
    'common-startup-folder-redirect',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Userinit',
    'winlogon-userinit-shell',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Taskman',
    'winlogon-other',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Notify\\logon\\DllName',
    'winlogon-notify',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\AlternateShells\\AvailableShells\\90000',
    'winlogon-alternate-shell',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Shell`,
    'policies-system-shell',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Active Setup\\Installed Components\\{C9E9A340-D1F1-11D0-821E-444553540600}\\StubPath',
    'active-setup-stubpath',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Active Setup\\Installed Components\\{x}\\StubPath',
    'active-setup-stubpath',
    'persistence',
  ],
  [`${U}\\Environment\\UserInitMprLogonScript`, 'userinit-mpr-logon-script', 'persistence'],
  [
    'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\System\\Scripts\\Startup\\0\\0\\Script',
    'policy-scripts',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Group Policy\\Scripts\\Logon\\0\\0\\Script`,
    'policy-scripts',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Command Processor\\AutoRun',
    'command-processor-autorun',
    'persistence',
  ],
  [
    `${U}\\Software\\Microsoft\\Command Processor\\AutoRun`,
    'command-processor-autorun',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\ShellServiceObjectDelayLoad\\WebCheck',
    'shell-service-object-delay-load',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\SharedTaskScheduler\\{x}',
    'explorer-shell-hooks',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Windows\\AppInit_DLLs',
    'appinit-dlls',
    'persistence',
  ],
  [
    'HKLM\\System\\CurrentControlSet\\Control\\Session Manager\\AppCertDlls\\evil',
    'appcert-dlls',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe\\Debugger',
    'ifeo-debugger',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SilentProcessExit\\notepad.exe\\MonitorProcess',
    'silent-process-exit-monitor',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Accessibility\\ATs\\evil\\StartExe',
    'accessibility-at-startexe',
    'persistence',
  ],
  [`${U}\\Control Panel\\Desktop\\SCRNSAVE.EXE`, 'screensaver', 'persistence'],
  [
    'HKLM\\System\\CurrentControlSet\\Control\\BootVerificationProgram\\ImagePath',
    'boot-verification-program',
    'persistence',
  ],
  ['HKLM\\SYSTEM\\Setup\\CmdLine', 'setup-cmdline', 'persistence'],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SafeBoot\\AlternateShell',
    'safeboot-alternate-shell',
    'persistence',
  ],
  [
    'HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\Wds\\rdpwd\\StartupPrograms',
    'rdp-startup-programs',
    'persistence',
  ],
  [
    'HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp\\InitialProgram',
    'rdp-startup-programs',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Authentication Packages',
    'lsa-authentication-packages',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Security Packages',
    'lsa-security-packages',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\OSConfig\\Security Packages',
    'lsa-security-packages',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Notification Packages',
    'lsa-notification-packages',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\evil\\Driver',
    'print-monitors',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Environments\\Windows x64\\Print Processors\\evil\\Driver',
    'print-processors',
    'persistence',
  ],
  [
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\NetworkProvider\\Order\\ProviderOrder',
    'network-provider-order',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\GPExtensions\\{827D319E-6EAC-11D2-A4EA-00C04F79F83A}\\DllName',
    'winlogon-gp-extensions',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows NT\\CurrentVersion\\Drivers32\\msacm.evil',
    'drivers32',
    'persistence',
  ],
  [
    'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows CE Services\\AutoStartOnConnect\\x',
    'windows-ce-autostart',
    'persistence',
  ],
  ['HKCR\\htmlfile\\shell\\open\\command\\(Default)', 'htmlfile-open-command', 'persistence'],
  [
    `${U}_Classes\\htmlfile\\shell\\open\\command\\(Default)`,
    'htmlfile-open-command',
    'persistence',
  ],
  ['HKCR\\htmlfile\\shell\\open\\command\\DelegateExecute', null, null],
  // Virtualised copies of autostart keys (Office ClickToRun, Avira's shadow keys) are not the real ones.
  [
    'HKLM\\SOFTWARE\\Microsoft\\Office\\ClickToRun\\REGISTRY\\MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    null,
    null,
  ],
  [
    'HKLM\\SOFTWARE\\WOW6432Node\\Avira\\Antivirus\\Overwrite_Keys\\HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\shell\\UseAsDefault',
    null,
    null,
  ],
  // Context only: StartupApproved and RunMRU are never persistence.
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run\\SecurityHealth',
    'startup-approved',
    'context',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run32\\x`,
    'startup-approved',
    'context',
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\StartupFolder\\evil.lnk`,
    'startup-approved',
    'context',
  ],
  [`${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\a`, 'run-mru', 'context'],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\MRUList`,
    'run-mru',
    'context',
  ],
  // Near misses: not autostart locations.
  ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Sub\\value', null, null],
  ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\Flags', null, null],
  ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Debug', null, null],
  [
    `${U}\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\ExcludeProfileDirs`,
    null,
    null,
  ],
  ['HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Windows\\Load', null, null], // Load is per-user only
  [`${U}\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows\\AppInit_DLLs`, null, null], // AppInit is HKLM only
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\\Startup',
    null,
    null,
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\\Personal`,
    null,
    null,
  ],
  [
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe\\GlobalFlag',
    null,
    null,
  ],
  [
    `${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\UserAssist\\{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}\\Count\\ZFRqtr`,
    null,
    null,
  ],
  // An app container's virtualised store nests a whole HKLM path: still not a Run key (anchored match).
  [
    'HKU\\S-1-5-21-1966984447-233561266-573182232-500_Classes\\Local Settings\\Software\\Microsoft\\Windows\\CurrentVersion\\AppContainer\\Storage\\microsoft.windows.cortana_cw5n1h2txyewy\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    null,
    null,
  ],
  [
    '\\REGISTRY\\A\\{6f793d19-6a94-29ca-0012-dd90b7d5a13f}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x',
    null,
    null,
  ],
];

for (const [target, id, kind] of valueCases) {
  test(`matchAsep ${target} → ${id ?? 'none'}`, () => {
    const m = matchAsep(canonicalRegistryPath(target));
    assert.equal(m?.locationId ?? null, id);
    if (m) assert.equal(m.kind, kind);
  });
}

test('Run values are entries; Winlogon Shell is one named setting', () => {
  const run = matchAsep(
    canonicalRegistryPath(`${U}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\360v`),
  );
  assert.equal(run?.valueIsEntry, true);
  assert.equal(run?.scope, 'user');
  assert.deepEqual(run?.techniques, ['T1547.001']);
  const shell = matchAsep(
    canonicalRegistryPath(`${U}\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Shell`),
  );
  assert.equal(shell?.valueIsEntry, false);
  assert.equal(shell?.dataKind, 'command-list');
  assert.deepEqual(shell?.techniques, ['T1547.004']);
});

test('a hidden (NUL) name never satisfies a named-value location', () => {
  assert.equal(
    matchAsep(
      canonicalRegistryPath('HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\'),
    ),
    null,
  );
});

test('key-only paths (EID 12 CreateKey) match as context', () => {
  const edge = matchAsep(
    canonicalRegistryKey(
      'HKU\\S-1-5-21-3550837308-1175438220-1610417319-1106\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
    ),
  );
  assert.equal(edge?.locationId, 'run');
  assert.equal(edge?.kind, 'context');
  const approved = matchAsep(
    canonicalRegistryKey(
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run32',
    ),
  );
  assert.equal(approved?.locationId, 'startup-approved');
  assert.equal(approved?.kind, 'context');
  // Parents of named-value locations are not containers of entries.
  for (const key of [
    'HKU\\S-1-5-21-1966984447-233561266-573182232-500\\Control Panel\\Desktop',
    'HKLM\\System\\CurrentControlSet\\Control\\Session Manager',
    'HKLM\\SYSTEM\\Setup',
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe',
  ]) {
    assert.equal(matchAsep(canonicalRegistryKey(key)), null, key);
  }
  const ex = matchAsep(
    canonicalRegistryKey(
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\0001\\Depend',
    ),
  );
  assert.equal(ex?.locationId, 'run-once-ex-depend');
});

test('no context location is ever reported as persistence, whatever the value', () => {
  const catalog = defaultAsepCatalog();
  for (const loc of catalog.data.locations.filter((l) => l.kind === 'context')) {
    for (const key of loc.keys) {
      for (const hive of ['HKLM', U]) {
        const m = matchAsep(
          canonicalRegistryPath(`${hive}\\${key.replaceAll('*', 'x')}\\anything`),
        );
        if (m) assert.equal(m.kind, 'context', `${hive}\\${key}`);
      }
    }
  }
});

test('catalog keys are canonical, ids unique, every location reachable, techniques known', () => {
  const catalog = defaultAsepCatalog();
  const techniques = new Set(
    loadDataFile<{ techniques: { id: string }[] }>(
      'techniques.yaml',
      'techniques.schema.json',
    ).techniques.map((t) => t.id),
  );
  const ids = new Set<string>();
  const covered = new Set(valueCases.map(([, id]) => id));
  for (const loc of catalog.data.locations) {
    assert.ok(!ids.has(loc.id), `duplicate id ${loc.id}`);
    ids.add(loc.id);
    assert.ok(covered.has(loc.id), `no test case for ${loc.id}`);
    for (const t of loc.techniques)
      assert.ok(techniques.has(t), `${loc.id}: unknown technique ${t}`);
    for (const key of loc.keys)
      assert.equal(canonicalRegistryKey(`HKLM\\${key}`).key, key, `${loc.id}: not canonical`);
  }
  for (const f of catalog.data.startupFolders) {
    for (const t of f.techniques) assert.ok(techniques.has(t), `${f.id}: unknown technique ${t}`);
  }
});

// Startup folder: real TargetFilename strings from labels.json, then other spellings.
const fileCases: [
  string,
  string | null,
  Partial<{
    scope: string;
    profile: string;
    extension: string;
    direct: boolean;
    kind: string;
    fileName: string;
  }>,
][] = [
  [
    'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\Notepad.lnk',
    'startup-folder-common',
    {
      scope: 'machine',
      extension: '.lnk',
      direct: true,
      kind: 'persistence',
      fileName: 'Notepad.lnk',
    },
  ],
  [
    'C:\\Users\\administrator\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\cmd.exe',
    'startup-folder-user',
    { scope: 'user', profile: 'administrator', extension: '.exe' },
  ],
  [
    'C:\\Users\\IEUser\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\onedrive.exe',
    'startup-folder-user',
    { profile: 'IEUser' },
  ],
  [
    'C:\\Users\\wardog\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\T1218.005.hta',
    'startup-folder-user',
    { extension: '.hta', fileName: 'T1218.005.hta' },
  ],
  [
    'c:\\users\\bob\\appdata\\roaming\\microsoft\\windows\\start menu\\programs\\startup\\desktop.ini',
    'startup-folder-user',
    { kind: 'context' },
  ],
  [
    'C:\\Users\\bob\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\sub\\x.exe',
    'startup-folder-user',
    { direct: false, kind: 'context' },
  ],
  [
    '\\Device\\HarddiskVolume2\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.vbs',
    'startup-folder-common',
    { extension: '.vbs' },
  ],
  [
    '\\??\\D:\\Users\\x\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.bat',
    'startup-folder-user',
    {},
  ],
  [
    '\\\\fileserver\\C$\\Users\\x\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.exe',
    'startup-folder-user',
    {},
  ],
  [
    'C:/Users/x/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/a.js',
    'startup-folder-user',
    { extension: '.js' },
  ],
  [
    '%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\evil.lnk',
    'startup-folder-user',
    { profile: '*' },
  ],
  [
    '%ProgramData%\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\evil.cmd',
    'startup-folder-common',
    { scope: 'machine' },
  ],
  [
    'C:\\Documents and Settings\\All Users\\Start Menu\\Programs\\Startup\\x.exe',
    'startup-folder-common-legacy',
    { scope: 'machine' },
  ],
  [
    'C:\\Documents and Settings\\bob\\Start Menu\\Programs\\Startup\\x.exe',
    'startup-folder-user-legacy',
    { scope: 'user', profile: 'bob' },
  ],
  [
    'C:\\Windows\\System32\\config\\systemprofile\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.exe',
    'startup-folder-system-profile',
    {},
  ],
  // Near misses.
  ['C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Startup', null, {}],
  [
    'C:\\Users\\x\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Accessories\\x.lnk',
    null,
    {},
  ],
  ['C:\\Temp\\Start Menu\\Programs\\Startup\\x.exe', null, {}],
  ['relative\\Startup\\x.exe', null, {}],
];

for (const [path, id, want] of fileCases) {
  test(`matchStartupFolder ${path} → ${id ?? 'none'}`, () => {
    const m = matchStartupFolder(path);
    assert.equal(m?.locationId ?? null, id);
    if (m) for (const [k, v] of Object.entries(want)) assert.equal(m[k as keyof typeof m], v, k);
  });
}

test('driveRelative strips every drive spelling', () => {
  assert.equal(driveRelative('"C:\\a\\b"'), 'a\\b');
  assert.equal(driveRelative('\\\\?\\C:\\a'), 'a');
  assert.equal(driveRelative('a\\b'), null);
});

test('docs/data-files.md has a row for every location and Startup folder', () => {
  const doc = readFileSync(join(packageRoot(), 'docs', 'data-files.md'), 'utf8');
  const catalog = defaultAsepCatalog();
  for (const l of catalog.data.locations) {
    assert.match(
      doc,
      new RegExp(`^\\| \`${l.id}\` \\| ${l.tier} \\| ${l.kind} \\| ${l.scope} \\|`, 'm'),
      l.id,
    );
  }
  for (const f of catalog.data.startupFolders) {
    assert.match(doc, new RegExp(`^\\| \`${f.id}\` \\| ${f.scope} \\|`, 'm'), f.id);
  }
});
