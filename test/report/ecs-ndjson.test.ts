/* eslint-disable no-control-regex -- these tests look for control characters */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Report } from '../../src/model/finding.js';
import { renderNdjson } from '../../src/report/ndjson.js';
import { hostileReport, TERMINAL_ATTACK } from './hostile.js';

const atomic = JSON.parse(
  readFileSync(new URL('../golden/hunt/atomic-red-team-t1547-001.json', import.meta.url), 'utf8'),
) as Report;

type Doc = Record<string, Record<string, unknown>>;

test('NDJSON: one finding per line, each the report finding as it is', () => {
  const lines = renderNdjson(atomic).split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, atomic.findings.length);
  lines.forEach((l, i) => assert.deepEqual(JSON.parse(l), atomic.findings[i]));
});

test('NDJSON --ecs: ECS alert documents with registry, file, process and threat fields', () => {
  const docs = renderNdjson(atomic, { ecs: true })
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Doc);
  assert.equal(docs.length, atomic.findings.length);
  const run = docs.find((d) => d.runhunt?.finding_id === 'F0001');
  assert.ok(run, 'run found');
  assert.equal(run['@timestamp'] as unknown, '2019-07-19T14:44:53.261Z');
  assert.deepEqual(run.event?.category, ['registry']);
  assert.equal(run.event?.kind, 'alert');
  assert.equal(run.event?.severity, 4);
  assert.equal(run.event?.risk_score, 70);
  assert.equal(run.host?.name, 'MSEDGEWIN10');
  assert.deepEqual(run.registry, {
    hive: 'HKCU',
    key: 'software\\microsoft\\windows\\currentversion\\run',
    path: 'HKCU\\software\\microsoft\\windows\\currentversion\\run\\Atomic Red Team',
    value: 'Atomic Red Team',
    data: { strings: ['C:\\Path\\AtomicRedTeam.exe'] },
  });
  assert.equal(run.process?.executable, 'C:\\Windows\\System32\\reg.exe');
  assert.equal(run.process?.entity_id, '{747f3d96-d765-5d31-0000-001086b92800}');
  assert.match(String(run.process?.command_line), /REG {2}ADD/);
  const threat = run.threat as { technique: { id: string[] }; tactic: { name: string[] } };
  assert.ok(threat.technique.id.includes('T1547.001'));
  assert.ok(threat.tactic.name.includes('persistence'));
  assert.equal(run.rule?.name, 'runhunt autostart write: run');
  const chain = run.runhunt?.chain as { stage: string; relation?: string }[];
  assert.ok(chain.some((s) => s.stage === 'later' && s.relation === 'deleted'));

  const startup = docs.find((d) => d.runhunt?.kind === 'startup-folder');
  assert.ok(startup, 'startup found');
  assert.deepEqual(startup.event?.category, ['file']);
  assert.equal(
    startup.file?.path,
    'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\Notepad.lnk',
  );
});

test('NDJSON keeps attacker text as data and never writes a raw control character', () => {
  const text = renderNdjson(hostileReport()) + renderNdjson(hostileReport(), { ecs: true });
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  const back = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { registry?: { valueName?: string; value?: string } });
  assert.ok(
    back.some((d) => d.registry?.valueName === TERMINAL_ATTACK),
    'report finding',
  );
  assert.ok(
    back.some((d) => d.registry?.value === TERMINAL_ATTACK),
    'ECS document',
  );
});
