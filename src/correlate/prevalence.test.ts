import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Candidate } from '../model/candidate.js';
import { createDetector } from '../detect/detector.js';
import { sysmonSetValue } from '../fleet/sysmon-event.js';
import { normalizeEvent } from '../normalize/sysmon.js';
import { applyPrevalence, keepsScore } from './prevalence.js';

const RUN = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run';
const detector = createDetector();

function candidate(computer: string, value: string, details: string, image?: string): Candidate {
  const e = normalizeEvent(
    sysmonSetValue({
      computer,
      targetObject: `${RUN}\\${value}`,
      details,
      ...(image ? { image } : {}),
    }),
  );
  const c = e && detector.candidate(e);
  assert.ok(c, `${value} is an autostart write`);
  return c;
}

const ids = (c: Candidate): string[] => c.signals.map((s) => s.id);
const hosts = ['WKS-01', 'WKS-02', 'WKS-03', 'WKS-04', 'WKS-05'];

test('rare-host on the entry only one host has; common-fleet on the one most hosts have', () => {
  const common = hosts.map((h) =>
    candidate(h, 'AcmeAgent', `"C:\\Program Files\\Acme\\agent.exe" --tray`),
  );
  const rare = candidate('WKS-03', 'Updater', 'C:\\Program Files\\Other\\upd.exe');
  const s = applyPrevalence([...common, rare]);
  assert.deepEqual(s, { hosts: 5, rare: 1, common: 5, withheld: 0 });
  assert.ok(ids(rare).includes('rare-host'));
  for (const c of common) assert.ok(ids(c).includes('common-fleet'));
  assert.equal(common[0]?.signals.at(-1)?.detail, '5 of 5 hosts');
});

test('the same entry under other user names and versions is one entry', () => {
  const cs = hosts.map((h, i) =>
    candidate(h, 'Tool', `C:\\Users\\user${i}\\AppData\\Local\\Tool\\app-1.${i}.3\\tool.exe`),
  );
  applyPrevalence(cs);
  for (const c of cs) assert.ok(!ids(c).includes('rare-host'));
});

test('fewer hosts than minHosts: no prevalence at all', () => {
  const cs = ['A', 'B'].map((h) => candidate(h, 'X', 'C:\\Program Files\\X\\x.exe'));
  cs.push(candidate('A', 'Y', 'C:\\Program Files\\Y\\y.exe'));
  assert.deepEqual(applyPrevalence(cs), { hosts: 2, rare: 0, common: 0, withheld: 0 });
  for (const c of cs) assert.ok(!ids(c).some((i) => i === 'rare-host' || i === 'common-fleet'));
});

test('strong malicious evidence keeps its score on every host', () => {
  const table: [string, string, boolean][] = [
    // value, data, keeps its score
    ['Plain', 'C:\\Program Files\\Acme\\agent.exe', false],
    ['Temp', 'mshta.exe C:\\Users\\bob\\AppData\\Local\\Temp\\a.hta', true],
    ['Public', 'C:\\Users\\Public\\svc.exe', true],
    ['Enc', 'powershell.exe -enc SQBFAFgA', true],
    ['Roaming', 'C:\\Users\\bob\\AppData\\Roaming\\Acme\\acme.exe', false],
  ];
  for (const [value, data, keeps] of table) {
    const cs = hosts.map((h) => candidate(h, value, data));
    const s = applyPrevalence(cs);
    assert.equal(s.withheld > 0, keeps, `${value}: ${data}`);
    for (const c of cs) assert.equal(ids(c).includes('common-fleet'), !keeps, value);
  }
});

test('a redirected Startup folder on every host keeps its score (its indicator comes at finish)', () => {
  const e = normalizeEvent(
    sysmonSetValue({
      computer: 'A',
      targetObject:
        'HKU\\S-1-5-21-1-2-3-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders\\Startup',
      details: 'C:\\ProgramData\\x',
    }),
  );
  const c = e && detector.candidate(e);
  assert.ok(c);
  assert.equal(keepsScore(c), true);
});

test('a strong writer signal also keeps the score (judged from the writer before finish)', () => {
  const c = candidate(
    'A',
    'W',
    'C:\\Program Files\\Acme\\agent.exe',
    'C:\\Windows\\System32\\wscript.exe',
  );
  assert.equal(keepsScore(c), true);
  const d = candidate(
    'A',
    'W',
    'C:\\Program Files\\Acme\\agent.exe',
    'C:\\Program Files\\Acme\\setup.exe',
  );
  assert.equal(keepsScore(d), false);
});
