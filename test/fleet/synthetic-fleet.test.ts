/**
 * The recorded hunt samples (real EVTX-ATTACK-SAMPLES recordings) replayed as a fleet of hosts,
 * every host also carrying one benign vendor Run entry and one host an extra malicious one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/model/finding.js';
import { huntEvents } from '../../src/hunt.js';
import { stackEvents } from '../../src/fleet/collect.js';
import { sysmonSetValue } from '../../src/fleet/sysmon-event.js';
import { hostName, loadEvents, replayAsHosts } from './replay.js';

const samples = fileURLToPath(new URL('../samples/hunt/', import.meta.url));
const base = loadEvents([samples]);
const HOSTS = 6;
const ODD = hostName(3);

const benign = (host: string, i: number) =>
  sysmonSetValue({
    computer: host,
    targetObject: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\AcmeAgent',
    details: '"C:\\Program Files\\Acme\\agent.exe" --tray',
    image: 'C:\\Program Files\\Acme\\setup.exe',
    time: `2024-05-0${1 + (i % 5)}T09:00:00.000Z`,
    recordId: 900001,
  });
const malicious = (host: string) =>
  sysmonSetValue({
    computer: host,
    targetObject:
      'HKU\\S-1-5-21-1111111111-2222222222-3333333333-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\LibUpdate',
    details: 'C:\\Users\\Public\\Libraries\\libupd.exe',
    image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    time: '2024-05-03T02:13:00.000Z',
    recordId: 900002,
  });
const extra = (host: string, i: number) =>
  host === ODD ? [benign(host, i), malicious(host)] : [benign(host, i)];

const fleet = () => replayAsHosts(base, HOSTS, extra);
const oneHost = () => [
  ...base.map((e) => ({ ...e, computer: ODD })),
  benign(ODD, 3),
  malicious(ODD),
];
const FIXED = { generatedAt: '2024-06-01T00:00:00Z' };

const find = (fs: Finding[], name: string, host = ODD): Finding => {
  const f = fs.find((x) => x.host === host && x.registry?.valueName === name);
  assert.ok(f, `finding ${name} on ${host}`);
  return f;
};
const ids = (f: Finding): string[] => f.indicators.map((i) => i.id);

test('stack: the one-host malicious entry ranks first; everything else is on every host', () => {
  const r = stackEvents(fleet());
  assert.equal(r.hosts, HOSTS);
  const first = r.entries[0];
  assert.equal(first?.valueName, 'LibUpdate');
  assert.deepEqual(first?.hosts, [ODD]);
  assert.equal(first?.key, 'HKCU\\software\\microsoft\\windows\\currentversion\\run');
  assert.equal(first?.data, 'c:\\users\\public\\libraries\\libupd.exe');
  for (const e of r.entries.slice(1)) assert.equal(e.hostCount, HOSTS, `${e.key} ${e.valueName}`);
  const acme = r.entries.find((e) => e.valueName === 'AcmeAgent');
  assert.equal(acme?.firstSeen, '2024-05-01T09:00:00.000Z');
  assert.equal(acme?.lastSeen, '2024-05-05T09:00:00.000Z');
  assert.deepEqual(acme?.examples, ['"C:\\Program Files\\Acme\\agent.exe" --tray']);
});

test('hunt: rare entry scores higher in the fleet than alone; the fleet-wide benign one drops to informational', () => {
  const alone = huntEvents(oneHost(), FIXED).findings;
  const inFleet = huntEvents(fleet(), FIXED).findings;

  const malAlone = find(alone, 'LibUpdate');
  const malFleet = find(inFleet, 'LibUpdate');
  assert.ok(!ids(malAlone).includes('rare-host'));
  assert.ok(ids(malFleet).includes('rare-host'));
  assert.ok(malFleet.score > malAlone.score, `${malFleet.score} > ${malAlone.score}`);

  const acmeAlone = find(alone, 'AcmeAgent');
  assert.notEqual(acmeAlone.severity, 'informational');
  for (let i = 0; i < HOSTS; i++) {
    const acme = find(inFleet, 'AcmeAgent', hostName(i));
    assert.ok(ids(acme).includes('common-fleet'));
    assert.equal(acme.severity, 'informational', `${hostName(i)}: ${acme.score}`);
  }
});

test('hunt: strong malicious entries on every host keep their score (common-fleet withheld)', () => {
  const alone = huntEvents(oneHost(), FIXED).findings;
  const inFleet = huntEvents(fleet(), FIXED).findings;
  // The hidden-value-name taskhost entry, the AppData svchost masquerade and the Startup folder
  // redirected to ProgramData are on all hosts.
  for (const name of ['', '360v', 'startup']) {
    const a = find(alone, name);
    for (let i = 0; i < HOSTS; i++) {
      const f = find(inFleet, name, hostName(i));
      assert.ok(!ids(f).includes('common-fleet'), `${name || '(hidden)'} on ${hostName(i)}`);
      assert.equal(f.score, a.score);
    }
  }
});
