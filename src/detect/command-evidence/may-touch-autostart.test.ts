import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { defaultAsepCatalog } from '../catalog/asep.js';
import { readInputs } from '../../ingest/read-inputs.js';
import { normalizeEvent } from '../../normalize/sysmon.js';
import {
  clearAutostartCommandMemo,
  detectAutostartCommands,
  detectAutostartCommandsFull,
} from './detect-autostart-command.js';
import { mayTouchAutostart, squash } from './may-touch-autostart.js';

const table = JSON.parse(
  readFileSync(new URL('./corpus-commands.table.json', import.meta.url), 'utf8'),
) as { processes: { commandLine: string }[] };

/** The fast path (pre-filter + memo) gives what the full parse gives; both ways round. */
function checkSame(commandLine: string): void {
  const full = detectAutostartCommandsFull(commandLine);
  if (full.length > 0) assert.ok(mayTouchAutostart(commandLine), `filtered out: ${commandLine}`);
  assert.deepEqual(detectAutostartCommands(commandLine), full, commandLine);
  // A second call is answered by the memo.
  assert.deepEqual(detectAutostartCommands(commandLine), full, `memo: ${commandLine}`);
}

// Writes of every reader, the seeds the generators below disguise.
const SEEDS: string[] = [
  ...table.processes.map((r) => r.commandLine),
  'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v Upd /d "C:\\a b\\x.exe" /f',
  'reg.exe ADD "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\RunOnce" -v x -d calc',
  'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\Run /ve /d c:\\x.exe /f',
  'reg add "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders" /v Startup /d C:\\ProgramData\\s /f',
  'reg add "HKLM\\SYSTEM\\ControlSet001\\Control\\Session Manager" /v BootExecute /d "autocheck autochk *" /f',
  'reg add HKCR\\htmlfile\\shell\\open\\command /ve /d "c:\\x.exe %1" /f',
  'reg add "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v Userinit /d "c:\\u.exe," /f',
  'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe" /v Debugger /d cmd.exe /f',
  'reg add HKCU\\Environment /v UserInitMprLogonScript /d c:\\x.bat /f',
  'reg delete HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v a /f',
  "powershell -c \"Set-ItemProperty -Path 'HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' -Name Updater -Value 'C:\\Users\\Public\\u.exe'\"",
  'powershell New-ItemProperty -Path HKLM:SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run -Name x -PropertyType String -Value "c:\\x.exe" -Force',
  "powershell \"$p='Registry::HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce'; sp $p evil 'cmd /c calc'\"",
  "powershell -c \"[Microsoft.Win32.Registry]::SetValue('HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run','n','c:\\x.exe')\"",
  "pwsh -c \"[Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Software\\Microsoft\\Windows\\CurrentVersion\\Run', $true).SetValue('n', 'c:\\x.exe')\"",
  'wmic /namespace:\\\\root\\default path StdRegProv call SetStringValue hDefKey="&H80000001" sSubKeyName="Software\\Microsoft\\Windows\\CurrentVersion\\Run" sValueName="Upd" sValue="C:\\u.exe"',
  "powershell Invoke-CimMethod -ClassName StdRegProv -MethodName SetStringValue -Arguments @{hDefKey=[uint32]2147483650; sSubKeyName='SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run'; sValueName='a'; sValue='b.exe'}",
  "powershell Invoke-WmiMethod -Class StdRegProv -Name SetStringValue -ArgumentList 2147483649, 'Software\\Microsoft\\Windows\\CurrentVersion\\Run', 'c:\\x.exe', 'n'",
  'cmd /c copy C:\\Users\\a\\Downloads\\x.exe "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\"',
  'powershell Copy-Item C:\\t\\a.vbs "$env:APPDATA\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.vbs"',
  'xcopy /y C:\\t\\b.bat "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\b.bat"',
  'cmd /c echo calc > "C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\x.bat"',
  'cmd /c del "%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.bat"',
  'wscript.exe "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\a.vbs"',
  'powershell -c "$s=(New-Object -ComObject WScript.Shell).CreateShortcut(\'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\N.lnk\');$s.Save()"',
  'mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v a /d c:\\x.exe /f"", 0:close")',
];

test('the pre-filter keeps every seed write and drops ordinary command lines', () => {
  for (const s of SEEDS) {
    if (detectAutostartCommandsFull(s).length > 0) assert.ok(mayTouchAutostart(s), s);
  }
  for (const s of [
    'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule',
    '"C:\\Program Files\\Mozilla Firefox\\firefox.exe" -contentproc --channel=1 -isForBrowser',
    'C:\\Windows\\System32\\RuntimeBroker.exe -Embedding',
    'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
    'powershell.exe -ExecutionPolicy Bypass -File C:\\scripts\\inventory.ps1',
    'cmd /c reg add HKCU\\Software\\Vendor\\App /v x /d y /f',
  ]) {
    assert.equal(mayTouchAutostart(s), false, s);
    checkSame(s);
  }
});

test('a write to every persistence location of the catalog passes the pre-filter', () => {
  let writes = 0;
  for (const loc of defaultAsepCatalog().data.locations) {
    for (const key of loc.keys) {
      const k = key.replaceAll('*', 'x1');
      const name = loc.valueNames?.[0] ?? 'Updater';
      for (const hive of ['HKLM', 'HKCU', 'HKEY_USERS\\S-1-5-21-1-2-3-1001']) {
        const v = name === '' ? '/ve' : `/v "${name}"`;
        const line = `reg add "${hive}\\${k}" ${v} /d C:\\Users\\Public\\x.exe /f`;
        if (detectAutostartCommandsFull(line).length > 0) writes++;
        checkSame(line);
        const ps = `powershell -c "Set-ItemProperty -Path '${hive}:\\${k}' -Name '${name}' -Value x.exe"`;
        checkSame(ps);
      }
    }
  }
  assert.ok(writes >= 40, `${writes} catalog writes`);
});

test('squash drops blanks, quotes, carets, backticks and backslashes, and lower-cases', () => {
  assert.equal(squash('R^e"g" A`dD \\"Cur\\rent\tVersion'), 'regaddcurrentversion');
});

// Disguises the readers undo: cmd carets, quotes that argv parsing removes, PowerShell
// backticks, `""` pairs, blanks, case. Applied at random places of a seed.
const disguise = fc.constantFrom('^', '"', '""', "'", '`', ' ', '\t', '\\', '\\"', '^"', '  ');

const disguised = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), disguise), { maxLength: 4 }),
    fc.boolean(),
  )
  .map(([seed, edits, upper]) => {
    let s = upper ? seed.toUpperCase() : seed;
    for (const [at, text] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + text + s.slice(i);
    }
    return s;
  });

const ENCODED_SWITCHES = ['-e', '-en', '-enc', '-EncodedCommand', '/ec', '\u2013e', '--enc', '-ec'];

/** A seed run through a PowerShell host as an encoded payload or a FromBase64String literal. */
const encoded = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.constantFrom(...ENCODED_SWITCHES),
    fc.constantFrom(
      'powershell',
      'pwsh.exe',
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    ),
    fc.constantFrom('plain', 'quoted', 'cmd', 'frombase64'),
  )
  .map(([seed, sw, host, how]) => {
    const b64 = Buffer.from(seed, 'utf16le').toString('base64');
    switch (how) {
      case 'quoted':
        return `${host} -nop -w hidden ${sw} "${b64}"`;
      case 'cmd':
        return `cmd /c "${host} ${sw} ${b64}"`;
      case 'frombase64':
        return `${host} -c "iex ([Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('${b64}')))"`;
      default:
        return `${host} ${sw} ${b64}`;
    }
  });

/** Free text built from the words the readers look for. */
const soup = fc
  .array(
    fc.constantFrom(
      'reg ',
      'add ',
      'delete ',
      'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon',
      '\\RunOnce',
      ' /v ',
      ' /ve ',
      ' /d ',
      'Userinit ',
      '"',
      "'",
      '^',
      'powershell ',
      'sp ',
      '-Name ',
      '-Value ',
      '-e ',
      'StdRegProv ',
      'SetStringValue ',
      'copy ',
      '%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\',
      'x.exe ',
      ' & ',
      ';',
      ' > ',
      'cmd /c ',
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

test('property: disguised writes give the same result through the fast path', () => {
  clearAutostartCommandMemo();
  let found = 0;
  fc.assert(
    fc.property(disguised, (s) => {
      if (detectAutostartCommandsFull(s).length > 0) found++;
      checkSame(s);
    }),
    { numRuns: 600 },
  );
  // The generator must keep many lines the readers still recognise, or the test proves nothing.
  assert.ok(found > 60, `only ${found} of 600 disguised lines were writes`);
});

test('property: encoded payloads are parsed, never filtered out', () => {
  clearAutostartCommandMemo();
  let found = 0;
  fc.assert(
    fc.property(encoded, (s) => {
      if (detectAutostartCommandsFull(s).length > 0) found++;
      checkSame(s);
    }),
    { numRuns: 300 },
  );
  assert.ok(found > 100, `only ${found} of 300 encoded lines were writes`);
});

test('property: word soup and arbitrary text give the same result', () => {
  clearAutostartCommandMemo();
  fc.assert(
    fc.property(soup, fc.string({ maxLength: 30 }), (s, tail) => checkSame(s + tail)),
    { numRuns: 800 },
  );
});

test('callers get fresh objects: changing a result does not change the remembered one', () => {
  clearAutostartCommandMemo();
  const line = SEEDS.find((s) => detectAutostartCommandsFull(s).length > 0) ?? '';
  const first = detectAutostartCommands(line);
  assert.ok(first.length > 0);
  const c = first[0];
  assert.ok(c);
  c.key = 'changed';
  first.push({ ...c });
  const again = detectAutostartCommands(line);
  assert.deepEqual(again, detectAutostartCommandsFull(line));
  const c2 = again[0];
  assert.ok(c2);
  c2.valueName = 'changed too';
  assert.deepEqual(detectAutostartCommands(line), detectAutostartCommandsFull(line));
});

test('every process command line of the corpus gives the same result (skipped without /work/shared)', (t) => {
  const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
  if (!existsSync(corpus)) {
    t.skip('shared corpus not found (../shared/corpus)');
    return;
  }
  clearAutostartCommandMemo();
  const lines = new Set<string>();
  // Process creations only (Sysmon 1, Security 4688): EVTX readers skip the rest unread.
  for (const e of readInputs([corpus], { want: (_p, id) => id === 1 || id === 4688 })) {
    const n = normalizeEvent(e);
    if (n?.type === 'process') {
      lines.add(n.commandLine);
      if (n.parentCommandLine) lines.add(n.parentCommandLine);
    }
  }
  let writes = 0;
  for (const line of lines) {
    if (detectAutostartCommandsFull(line).length > 0) writes++;
    checkSame(line);
  }
  assert.ok(lines.size > 1000, `${lines.size} command lines`);
  assert.ok(writes >= 20, `${writes} writes`);
});
