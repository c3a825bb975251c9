import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { detectAutostartCommand, detectAutostartCommands } from './detect-autostart-command.js';

interface Row {
  source: string;
  commandLine: string;
  verdict: string;
  expectedAction: string | null;
}
const table = JSON.parse(
  readFileSync(new URL('./corpus-commands.table.json', import.meta.url), 'utf8'),
) as { processes: Row[] };

test('corpus command lines (labels.json): every malicious one detected, every read null', () => {
  for (const r of table.processes) {
    const got = detectAutostartCommand(r.commandLine);
    assert.equal(got?.action ?? null, r.expectedAction, `${r.source}: ${r.commandLine}`);
    if (r.verdict === 'not-persistence') assert.equal(got, null, r.commandLine);
  }
});

test('the live corpus labels agree (skipped without /work/shared)', (t) => {
  const labels = new URL('../../../../shared/corpus/labels.json', import.meta.url);
  if (!existsSync(labels)) {
    t.skip('shared corpus not found (../shared/corpus/labels.json)');
    return;
  }
  const data = JSON.parse(readFileSync(labels, 'utf8')) as Record<
    string,
    { related_process_events?: { CommandLine: string; verdict: string }[] }
  >;
  let n = 0;
  for (const [file, entry] of Object.entries(data)) {
    for (const e of entry.related_process_events ?? []) {
      n++;
      const got = detectAutostartCommand(e.CommandLine);
      if (e.verdict === 'malicious') assert.ok(got, `${file}: ${e.CommandLine}`);
      if (e.verdict === 'not-persistence') assert.equal(got, null, `${file}: ${e.CommandLine}`);
      if (e.verdict === 'cleanup') assert.match(got?.action ?? '', /delete|remove/, e.CommandLine);
    }
  }
  assert.ok(n >= 30);
});

test('the Atomic reg add through cmd /c: key, value name with spaces, data', () => {
  const c = detectAutostartCommand(table.processes[0]?.commandLine ?? '');
  assert.deepEqual(c, {
    action: 'reg-add',
    tool: 'reg.exe',
    key: 'HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
    valueName: 'Atomic Red Team',
    data: 'C:\\Path\\AtomicRedTeam.exe',
    valueType: 'REG_SZ',
    locationId: 'run',
    statement:
      'REG ADD " "HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /V Atomic" Red "Team /t REG_SZ /F /D C:\\Path\\AtomicRedTeam.exe',
  });
});

// [command line, action, key or target (as written), value name, data]
const WRITES: [string, string, string, string?, string?][] = [
  [
    'reg add HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /f /d "C:\\a b\\x.exe" /v Upd',
    'reg-add',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    'Upd',
    'C:\\a b\\x.exe',
  ],
  [
    'reg.exe ADD "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce" -v x -d calc',
    'reg-add',
    'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
    'x',
    'calc',
  ],
  [
    'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run /ve /d c:\\x.exe /f',
    'reg-add',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run',
    '',
    'c:\\x.exe',
  ],
  [
    'reg add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders" /v Startup /t REG_EXPAND_SZ /d C:\\ProgramData\\s /f',
    'reg-add',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders',
    'Startup',
    'C:\\ProgramData\\s',
  ],
  [
    "powershell -c \"Set-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' -Name Updater -Value 'C:\\Users\\Public\\u.exe'\"",
    'ps-set',
    'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    'Updater',
    'C:\\Users\\Public\\u.exe',
  ],
  [
    'powershell New-ItemProperty -Path HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run -Name x -PropertyType String -Value "c:\\x.exe" -Force',
    'ps-set',
    'HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
    'x',
    'c:\\x.exe',
  ],
  [
    "powershell \"$p='Registry::HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce'; sp $p evil 'cmd /c calc'\"",
    'ps-set',
    'Registry::HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
    'evil',
    'cmd /c calc',
  ],
  [
    "powershell -c \"[Microsoft.Win32.Registry]::SetValue('HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run','n','c:\\x.exe')\"",
    'dotnet-set',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    'n',
    'c:\\x.exe',
  ],
  [
    'wmic /namespace:\\\\root\\default path StdRegProv call SetStringValue hDefKey="&H80000001" sSubKeyName="Software\\Microsoft\\Windows\\CurrentVersion\\Run" sValueName="Upd" sValue="C:\\u.exe"',
    'wmi',
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    'Upd',
    'C:\\u.exe',
  ],
  [
    "powershell Invoke-CimMethod -ClassName StdRegProv -MethodName SetStringValue -Arguments @{hDefKey=[uint32]2147483650; sSubKeyName='SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run'; sValueName='a'; sValue='b.exe'}",
    'wmi',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
    'a',
    'b.exe',
  ],
  [
    'cmd /c copy C:\\Users\\a\\Downloads\\x.exe "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\"',
    'copy-startup',
    '%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.exe',
  ],
  [
    'powershell Copy-Item C:\\t\\a.vbs "$env:APPDATA\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.vbs"',
    'copy-startup',
    '$env:APPDATA\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.vbs',
  ],
  [
    'xcopy /y C:\\t\\b.bat "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\b.bat"',
    'copy-startup',
    'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\b.bat',
  ],
  [
    'cmd /c echo calc > "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\x.bat"',
    'write-startup',
    'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\x.bat',
  ],
  [
    "powershell -c \"$s=(New-Object -ComObject WScript.Shell).CreateShortcut('C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\N.lnk');$s.TargetPath='calc';$s.Save()\"",
    'startup-shortcut',
    'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\N.lnk',
  ],
];

test('writes in every form', () => {
  for (const [cl, action, where, name, data] of WRITES) {
    const c = detectAutostartCommand(cl);
    assert.equal(c?.action, action, cl);
    assert.equal(c?.key ?? c?.targetFile, where, cl);
    if (name !== undefined) assert.equal(c?.valueName, name, cl);
    if (data !== undefined) assert.equal(c?.data, data, cl);
  }
});

test('encoded PowerShell that writes a Run key is decoded first', () => {
  const enc = Buffer.from(
    'Set-ItemProperty HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run -Name a -Value b',
    'utf16le',
  ).toString('base64');
  const c = detectAutostartCommand(`powershell -nop -w hidden -enc ${enc}`);
  assert.equal(c?.action, 'ps-set');
  assert.equal(c?.valueName, 'a');
});

const NULLS: string[] = [
  'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  'reg export HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run x.reg',
  'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /f',
  'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU /v a /d x /f',
  'reg add HKCU\\Software\\Vendor\\App /v Run /d x /f',
  'powershell Get-ItemProperty HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  'powershell -c "Get-ChildItem \'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\'"',
  'cmd /c dir "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup"',
  '"C:\\Users\\u\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\app.exe"',
  'notepad.exe C:\\x.txt',
  '',
];

test('reads, key-only writes and other keys return null', () => {
  for (const cl of NULLS) assert.equal(detectAutostartCommand(cl), null, cl);
});

test('removals are reported as removals', () => {
  assert.equal(
    detectAutostartCommand(
      'powershell Remove-ItemProperty -Path HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run -Name a',
    )?.action,
    'ps-remove',
  );
  assert.equal(
    detectAutostartCommand(
      'cmd /c del "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.bat"',
    )?.action,
    'startup-delete',
  );
});

test('several writes in one line are all returned', () => {
  const all = detectAutostartCommands(
    'cmd /c reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v a /d x & reg add HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce /v b /d y',
  );
  assert.deepEqual(
    all.map((c) => `${c.action}:${c.valueName ?? ''}`),
    ['reg-add:a', 'reg-add:b'],
  );
});

test('property: any command line is handled without throwing', () => {
  const words = fc.constantFrom(
    'reg ',
    'add ',
    'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    ' /v ',
    ' /d ',
    '"',
    'powershell ',
    'sp ',
    '-Name ',
    "'",
    'StdRegProv ',
    'copy ',
    '\\Start Menu\\Programs\\Startup\\',
    ' & ',
    ';',
    ' > ',
  );
  fc.assert(
    fc.property(fc.array(words, { maxLength: 30 }), fc.string({ maxLength: 40 }), (parts, tail) => {
      detectAutostartCommands(parts.join('') + tail);
    }),
    { numRuns: 800 },
  );
});

test('signals of a detected write: the write itself plus what the data runs', async () => {
  const { autostartCommandSignals } = await import('./command-signals.js');
  const sigma = table.processes.find((r) => r.commandLine.includes('softoz'));
  const c = detectAutostartCommand(sigma?.commandLine ?? '');
  assert.ok(c);
  assert.deepEqual(
    autostartCommandSignals(c).map((s) => s.id),
    ['command-line-autostart-write', 'path-appdata', 'system-binary-masquerade'],
  );
  const del = detectAutostartCommand(
    'reg delete HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v a /f',
  );
  assert.ok(del);
  assert.deepEqual(autostartCommandSignals(del), []);
});
