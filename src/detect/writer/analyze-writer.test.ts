import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWriter } from './analyze-writer.js';

const ids = (s: { id: string }[]): string[] => s.map((x) => x.id);

// [image, command line, expected ids]. Images of the corpus (labels.json) and of the writer lists
// in existing-tools.md 3.4 / 3.5 (SigmaHQ 7f4c43f9, 9c5037d1; Elastic WMI StdRegProv rule).
const TABLE: [string, string | undefined, string[]][] = [
  ['C:\\Windows\\system32\\reg.exe', undefined, ['writer-reg']],
  ['C:\\Windows\\regedit.exe', undefined, ['writer-reg']],
  ['C:\\Windows\\System32\\cmd.exe', undefined, ['writer-cmd']],
  [
    'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    undefined,
    ['writer-powershell'],
  ],
  ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', undefined, ['writer-powershell']],
  ['C:\\Windows\\System32\\wscript.exe', undefined, ['writer-script-host']],
  ['C:\\Windows\\System32\\mshta.exe', undefined, ['writer-script-host']],
  ['C:\\Python39\\python.exe', undefined, ['writer-python']],
  [
    'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
    undefined,
    ['writer-office'],
  ],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', undefined, ['writer-office']],
  ['C:\\Windows\\system32\\wbem\\wmiprvse.exe', undefined, ['writer-wmi']],
  [
    'C:\\Windows\\system32\\svchost.exe',
    'C:\\Windows\\system32\\svchost.exe -k localService -p -s RemoteRegistry',
    ['writer-remote-registry'],
  ],
  [
    'C:\\Windows\\system32\\svchost.exe',
    'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule',
    [],
  ],
  ['C:\\Windows\\system32\\svchost.exe', undefined, []],
  [
    'C:\\Windows\\system32\\svchost.exe',
    'C:\\Windows\\system32\\svchost.exe -k regsvc',
    ['writer-remote-registry'],
  ],
  ['C:\\Users\\IEUser\\AppData\\Roaming\\NvSmart.exe', undefined, ['writer-user-folder']],
  ['C:\\Users\\IEUser\\Downloads\\a.exe', undefined, ['writer-user-folder']],
  ['C:\\Users\\Public\\tools\\evasion\\a.exe', undefined, ['writer-user-folder']],
  ['C:\\Users\\u\\AppData\\Local\\Temp\\x\\setup.exe', undefined, ['writer-user-folder']],
  ['C:\\ProgramData\\a.exe', undefined, ['writer-user-folder']],
  ['C:\\ProgramData\\Vendor\\Product\\Bin\\agent.exe', undefined, []],
  [
    'C:\\Users\\u\\AppData\\Roaming\\rundll32.exe',
    undefined,
    ['writer-user-folder', 'writer-lolbin'],
  ],
  ['C:\\Windows\\System32\\rundll32.exe', undefined, ['writer-lolbin']],
  ['C:\\Windows\\System32\\regsvr32.exe', undefined, ['writer-lolbin']],
  // Installers and Windows components: no signal.
  ['C:\\Windows\\System32\\msiexec.exe', undefined, []],
  [
    'C:\\Users\\u\\AppData\\Roaming\\msiexec.exe',
    undefined,
    ['writer-user-folder', 'writer-lolbin'],
  ],
  ['C:\\Program Files\\Evil\\notupdater.exe', undefined, []],
  ['C:\\Program Files (x86)\\Vendor\\Updater\\UpdateHelper.exe', undefined, []],
  ['C:\\Users\\u\\AppData\\Local\\Discord\\Update.exe', undefined, []],
  ['C:\\Users\\u\\AppData\\Local\\Temp\\Discord\\Update.exe', undefined, ['writer-user-folder']],
  ['C:\\Users\\u\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveSetup.exe', undefined, []],
  ['C:\\Users\\u\\AppData\\Local\\Microsoft\\OneDrive\\23.1.2\\OneDrive.exe', undefined, []],
  ['C:\\Program Files\\Vendor App\\bin\\setup.exe', undefined, []],
  ['C:\\Windows\\system32\\taskmgr.exe', undefined, []],
  ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', undefined, []],
  ['C:\\Windows\\Installer\\MSI1234.tmp', undefined, []],
  ['', undefined, []],
];

test('writer categories, user folders, LOLBins; installers quiet', () => {
  for (const [image, commandLine, want] of TABLE) {
    const got = ids(
      analyzeWriter({ image, ...(commandLine !== undefined ? { commandLine } : {}) }),
    );
    assert.deepEqual(got, want, image);
  }
});
