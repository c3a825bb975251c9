/**
 * `runhunt stack` and `runhunt baseline ...` end to end: the stack JSON contract of
 * ARCHITECTURE.md ("stack --format json"), the table, learn → hunt --baseline, diff, merge,
 * export-sigma, and a bad baseline file as a usage error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const samples = join(repo, 'test', 'samples', 'hunt');
const autoruns = join(repo, 'test', 'samples', 'fleet', 'autorunsc-clean.csv');

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

test('stack --format json follows the contract', () => {
  const r = runhunt(['stack', '--quiet', '--format', 'json', samples]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { hosts: number; entries: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(out), ['hosts', 'entries']);
  assert.equal(out.hosts, 2);
  assert.ok(out.entries.length > 5);
  for (const e of out.entries) {
    assert.deepEqual(Object.keys(e).sort(), [
      'data',
      'examples',
      'firstSeen',
      'hostCount',
      'hosts',
      'key',
      'lastSeen',
      'users',
      'valueName',
    ]);
    assert.equal(e['hostCount'], (e['hosts'] as string[]).length);
  }
  const hidden = out.entries.find(
    (e) =>
      e['valueName'] === '' &&
      e['key'] === 'HKLM\\software\\microsoft\\windows\\currentversion\\run',
  );
  assert.deepEqual(hidden?.['examples'], ['"c:\\windows\\tasks\\taskhost.exe"']);
});

test('stack --format table: one line per entry under a header', () => {
  const r = runhunt(['stack', '--quiet', '--format', 'table', '--max-examples', '1', samples]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^\d+ autostart entries on 2 host\(s\), rarest first$/);
  assert.match(lines[2] ?? '', /^HOSTS\s+USERS\s+KEY\s+VALUE\s+DATA/);
  assert.ok(
    lines.some((l) =>
      /^1\/2 .*\\currentversion\\run\s+360v\s+C:\\Users\\IEUser\\AppData\\Roaming\\svchost\.exe/.test(
        l,
      ),
    ),
  );
});

test('baseline learn → hunt --baseline marks the learned entries known; diff, merge, export-sigma', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-baseline-'));
  try {
    const learned = join(dir, 'lab.yaml');
    const l = runhunt([
      'baseline',
      'learn',
      '--quiet',
      join(samples, 'run-key-appdata-svchost.evtx'),
      '-o',
      learned,
    ]);
    assert.equal(l.code, 0, l.stderr);
    assert.match(readFileSync(learned, 'utf8'), /^name: lab$/m);

    const h = runhunt(['hunt', '--format', 'json', '--quiet', '--baseline', learned, samples]);
    const report = JSON.parse(h.stdout) as {
      findings: {
        host: string;
        registry?: { valueName: string };
        baseline: { status: string; match?: string };
      }[];
    };
    const v360 = report.findings.find((f) => f.registry?.valueName === '360v');
    assert.equal(v360?.baseline.status, 'known');
    assert.match(v360?.baseline.match ?? '', /^lab:e\d+$/);
    // The baseline names the host it was learned on: other hosts' findings stay unknown.
    assert.ok(
      report.findings
        .filter((f) => f.host !== 'IEWIN7')
        .every((f) => f.baseline.status === 'unknown'),
    );

    const d = runhunt(['baseline', 'diff', '--format', 'json', autoruns, learned]);
    assert.equal(d.code, 0, d.stderr);
    const diff = JSON.parse(d.stdout) as {
      added: unknown[];
      removed: unknown[];
      changed: unknown[];
    };
    assert.deepEqual([diff.added.length, diff.removed.length, diff.changed.length], [1, 5, 0]);

    const merged = join(dir, 'merged.json');
    const m = runhunt(['baseline', 'merge', learned, autoruns, '-o', merged]);
    assert.equal(m.code, 0, m.stderr);
    const mf = JSON.parse(readFileSync(merged, 'utf8')) as {
      name: string;
      entries: unknown[];
      complete: boolean;
    };
    assert.deepEqual([mf.name, mf.entries.length, mf.complete], ['merged', 6, true]);

    const s = runhunt(['baseline', 'export-sigma', merged, '--rule', 'my-rule-id']);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /^logsource:\n {2}product: windows\n {2}category: registry_set$/m);
    assert.match(s.stdout, /^ {4}- my-rule-id$/m);
    assert.match(s.stdout, /^ {2}condition: not selection$/m);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'kind: runhunt-baseline\nversion: 1\n');
    const b = runhunt(['baseline', 'diff', bad, learned]);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /^runhunt: .*bad\.yaml.*required/m);
    assert.doesNotMatch(b.stderr, /internal error/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
