/**
 * `runhunt sigma` end to end: the JSON contract of ARCHITECTURE.md ("sigma --format json"),
 * the table, failed rules on stderr and exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repo, '..', 'shared');
const CASE = join(shared, 'corpus', 'attack', 'sigma-regression', 'registry_set_add_port_monitor');
const EVTX = join(CASE, '944e8941-f6f6-4ee8-ac05-1c224e923c0e.evtx');
const RULE = join(
  shared,
  'sigma',
  'rules',
  'rules',
  'windows',
  'registry',
  'registry_set',
  'registry_set_add_port_monitor.yml',
);

function runhunt(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repo, 'src/cli/main.ts'), ...args],
    {
      encoding: 'utf8',
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('sigma --format json follows the contract', (t) => {
  if (!existsSync(EVTX)) return t.skip('../shared/corpus is absent');
  const r = runhunt(['sigma', EVTX, '--rules', RULE]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    rulesLoaded: number;
    rulesFailed: unknown[];
    matches: { rule: Record<string, unknown>; event: Record<string, unknown>; evidence: unknown }[];
  };
  assert.equal(out.rulesLoaded, 1);
  assert.deepEqual(out.rulesFailed, []);
  assert.equal(out.matches.length, 1);
  const m = out.matches[0]!;
  assert.equal(m.rule['id'], '944e8941-f6f6-4ee8-ac05-1c224e923c0e');
  assert.equal(m.rule['title'], 'Add Port Monitor Persistence in Registry');
  assert.equal(m.rule['level'], 'medium');
  assert.ok(Array.isArray(m.rule['tags']));
  assert.deepEqual(Object.keys(m.event), [
    'file',
    'eventRecordId',
    'eventId',
    'timeCreated',
    'computer',
    'eventData',
  ]);
  assert.equal(m.event['eventRecordId'], 27619790);
  assert.equal(m.event['eventId'], 13);
  assert.equal(
    (m.event['eventData'] as Record<string, string>)['TargetObject'],
    'HKLM\\System\\CurrentControlSet\\Control\\Print\\Monitors\\AtomicRedTeam\\Driver',
  );
});

test('sigma --format table, and a rule that does not load: reported, exit 1', (t) => {
  if (!existsSync(EVTX)) return t.skip('../shared/corpus is absent');
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-sigma-'));
  try {
    const bad = join(dir, 'bad.yml');
    writeFileSync(
      bad,
      'title: bad\nlogsource: {product: windows, category: registry_set}\ndetection:\n    sel: {A|nope: x}\n    condition: sel\n',
    );
    const r = runhunt(['sigma', EVTX, '--rules', RULE, '--rules', bad, '--format', 'table']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.yml: search identifier "sel": A\|nope: unknown modifier "nope"/);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^TIME\s+LEVEL\s+RULE/);
    assert.match(
      lines[1]!,
      /^2025-10-26 17:33:36Z medium\s+Add Port Monitor Persistence in Registry\s+13 /,
    );
    assert.equal(lines.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sigma with no loadable rule is a usage error (exit 2)', (t) => {
  if (!existsSync(EVTX)) return t.skip('../shared/corpus is absent');
  const r = runhunt(['sigma', EVTX, '--rules', join(repo, 'no-such-rules')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no-such-rules: cannot open/);
});
