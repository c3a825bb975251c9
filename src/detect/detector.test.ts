import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NormalizedEvent, ProcessEvent, RegistryEvent } from '../model/normalized.js';
import { createDetector } from './detector.js';

const base = {
  ref: { file: 'x.evtx', eventRecordId: 1, eventId: 13 },
  time: '2019-07-19T14:44:53.261Z',
  loggedTime: '2019-07-19T14:44:53.261Z',
  timeFromLog: false,
  host: 'MSEDGEWIN10',
  image: 'C:\\Windows\\system32\\reg.exe',
  processGuid: '{747f3d96-d765-5d31-0000-001086b92800}',
  processId: 2068,
  user: '',
};

function reg(
  eventType: RegistryEvent['eventType'],
  targetObject: string,
  details = '',
  newName = '',
): RegistryEvent {
  return { ...base, type: 'registry', eventType, targetObject, details, newName, ruleName: '' };
}

function proc(commandLine: string): ProcessEvent {
  return {
    ...base,
    ref: { ...base.ref, eventId: 1 },
    type: 'process',
    commandLine,
    parentImage: 'C:\\Windows\\System32\\cmd.exe',
    parentProcessGuid: '',
    parentCommandLine: '',
    integrityLevel: 'High',
    hashes: '',
  };
}

const HKU =
  'HKU\\S-1-5-21-3461203602-4096304019-2269080069-1000\\Software\\Microsoft\\Windows\\CurrentVersion';

test('autostart writes start candidates; context keys and reads do not', () => {
  const d = createDetector();
  const cases: [string, NormalizedEvent, string | null][] = [
    [
      'Run SetValue',
      reg('SetValue', `${HKU}\\Run\\Atomic Red Team`, 'C:\\Path\\AtomicRedTeam.exe'),
      'run',
    ],
    [
      'hidden NUL name',
      reg(
        'SetValue',
        'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\',
        '"c:\\windows\\tasks\\taskhost.exe"',
      ),
      'run',
    ],
    [
      'RunOnceEx Depend',
      reg(
        'SetValue',
        'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnceEx\\0001\\Depend\\1',
        'C:\\Path\\AtomicRedTeam.dll',
      ),
      'run-once-ex-depend',
    ],
    [
      'Run DeleteValue (linked later, not a finding)',
      reg('DeleteValue', `${HKU}\\Run\\Atomic Red Team`),
      null,
    ],
    ['Run CreateKey (no value)', reg('CreateKey', `${HKU}\\Run`), null],
    [
      'StartupApproved (context only)',
      reg('SetValue', `${HKU}\\Explorer\\StartupApproved\\Run\\OneDrive`, 'Binary Data'),
      null,
    ],
    ['RunMRU (not persistence)', reg('SetValue', `${HKU}\\Explorer\\RunMRU\\a`, 'cmd\\1'), null],
    ['key renamed onto Run', reg('RenameKey', `${HKU}\\Run2`, '', `${HKU}\\Run`), 'run'],
    [
      'reg add Run',
      proc(
        'REG ADD "HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run" /V "softoz" /t REG_SZ /F /D "C:\\Users\\admin\\AppData\\Roaming\\sihostt.exe"',
      ),
      'run',
    ],
    [
      'reg query Run',
      proc('reg  query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'),
      null,
    ],
    [
      'reg delete Run',
      proc('REG DELETE HKCU\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run /V x /f'),
      null,
    ],
  ];
  for (const [name, e, want] of cases) {
    const c = d.candidate(e);
    assert.equal(c?.location.id ?? null, want, name);
  }
});

test('a hidden value name and what the value runs become signals', () => {
  const c = createDetector().candidate(
    reg(
      'SetValue',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\',
      '"c:\\windows\\tasks\\taskhost.exe"',
    ),
  );
  assert.ok(c);
  const ids = c.signals.map((s) => s.id);
  assert.ok(ids.includes('asep-write'));
  assert.ok(ids.includes('hidden-value-name'));
  assert.ok(ids.includes('system-binary-masquerade'), ids.join(','));
  assert.deepEqual(c.payloadPaths, ['c:\\windows\\tasks\\taskhost.exe']);
});

test('finish: a known-good entry is marked known and pulled down; a renamed impostor is changed', () => {
  const d = createDetector();
  const good = d.candidate(
    reg(
      'SetValue',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SecurityHealth',
      '%windir%\\system32\\SecurityHealthSystray.exe',
    ),
  );
  assert.ok(good);
  d.finish(good);
  assert.equal(good.baseline.status, 'known');
  assert.ok(good.signals.some((s) => s.id === 'baseline-known'));
  const bad = d.candidate(
    reg(
      'SetValue',
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\SecurityHealth',
      'C:\\Users\\Public\\SecurityHealthSystray.exe',
    ),
  );
  assert.ok(bad);
  d.finish(bad);
  assert.equal(bad.baseline.status, 'changed');
});
