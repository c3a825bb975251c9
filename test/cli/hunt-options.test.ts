import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const sample = join(root, 'test', 'samples', 'hunt', 'atomic-red-team-t1547-001.evtx');

function hunt(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'hunt', sample, '--format', 'json', ...args], {
    encoding: 'utf8',
  });
  return { status: r.status, stderr: r.stderr, report: r.stdout ? JSON.parse(r.stdout) : null };
}

test('--min-severity filters findings; JSON keeps every finding by default', () => {
  const all = hunt();
  const high = hunt('--min-severity', 'high');
  assert.equal(all.status, 0);
  assert.ok(all.report.findings.some((f: { severity: string }) => f.severity === 'low'));
  assert.ok(high.report.findings.length > 0);
  assert.ok(
    high.report.findings.every((f: { severity: string }) =>
      ['high', 'critical'].includes(f.severity),
    ),
  );
  // The summary still describes the whole hunt.
  assert.deepEqual(high.report.summary, all.report.summary);
});

test('--since/--until keep only findings inside the window', () => {
  // The Atomic run starts at 14:44:53 with the HKCU Run write; RunOnce follows at 14:45:19.
  const r = hunt('--since', '2019-07-19T14:45:00Z', '--until', '2019-07-19T14:45:20Z');
  const names = r.report.findings.map(
    (f: { registry?: { valueName: string } }) => f.registry?.valueName,
  );
  assert.ok(names.includes('NextRun'), names.join(','));
  assert.ok(!names.includes('Atomic Red Team'));
});

test('--fail-on exits 3 when a finding reaches the severity; bad values are usage errors', () => {
  assert.equal(hunt('--fail-on', 'high').status, 3);
  const bad = hunt('--min-severity', 'severe');
  assert.equal(bad.status, 2);
  assert.match(
    bad.stderr,
    /'severe' is not a severity: use informational, low, medium, high or critical/,
  );
  const badTime = hunt('--since', 'yesterday');
  assert.equal(badTime.status, 2);
  assert.match(badTime.stderr, /--since 'yesterday' is not an ISO 8601 time/);
});

test('a path that does not exist is named in a one-line error and exits 2', () => {
  const r = spawnSync(process.execPath, [cli, 'hunt', '/nonexistent/x.evtx'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\/nonexistent\/x\.evtx.*cannot open/);
});

test('a --baseline file that cannot be read is a usage error naming the file and the place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-bl-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'kind: runhunt-baseline\nversion: 1\nentries: [\n');
    const r = spawnSync(process.execPath, [cli, 'hunt', sample, '--baseline', bad], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad\.yaml:\d+: .*not valid YAML/);
    assert.doesNotMatch(r.stderr, /internal error/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
