import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const sample = join(root, 'test', 'samples', 'hunt', 'atomic-red-team-t1547-001.evtx');
const sigmaRules = resolve(root, '..', 'shared', 'sigma', 'rules', 'rules', 'windows', 'registry');

test('hunt --rules-out writes one file per rule and target, all inside the folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-rules-'));
  try {
    const out = join(dir, 'out');
    execFileSync(process.execPath, [
      cli,
      'hunt',
      sample,
      '--format',
      'json',
      '-o',
      join(dir, 'r.json'),
      '--rules-out',
      out,
      '--target',
      'sigma,splunk',
    ]);
    const files = readdirSync(out);
    assert.ok(files.length >= 2);
    assert.ok(
      files.every((f) => /^[a-z0-9_]+-[0-9a-f]{8}\.(yml|spl)$/.test(f)),
      files.join(' '),
    );
    assert.deepEqual(readdirSync(dir).sort(), ['out', 'r.json']);
    // `runhunt rules` regenerates the same Sigma rules from the report.
    const again = join(dir, 'again');
    execFileSync(process.execPath, [
      cli,
      'rules',
      join(dir, 'r.json'),
      '--target',
      'sigma',
      '-o',
      again,
    ]);
    const yml = files.filter((f) => f.endsWith('.yml')).sort();
    assert.deepEqual(readdirSync(again).sort(), yml);
    for (const f of yml)
      assert.equal(readFileSync(join(again, f), 'utf8'), readFileSync(join(out, f), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rules rejects an unknown target and a file that is not a report', () => {
  const bad = spawnSync(process.execPath, [cli, 'rules', sample, '--target', 'sigma']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr.toString(), /cannot read report|not a runhunt report/);
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-rules-'));
  try {
    execFileSync(process.execPath, [cli, 'hunt', sample, '-o', join(dir, 'r.json')]);
    const t = spawnSync(process.execPath, [
      cli,
      'rules',
      join(dir, 'r.json'),
      '--target',
      'lucene',
    ]);
    assert.equal(t.status, 2);
    assert.match(t.stderr.toString(), /unknown --target 'lucene'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hunt --sigma attaches matching SigmaHQ rules to findings and raises them', (t) => {
  if (!existsSync(sigmaRules)) {
    t.skip(`../shared/sigma is absent (${sigmaRules}): SigmaHQ rules not available`);
    return;
  }
  const plain = JSON.parse(
    execFileSync(process.execPath, [cli, 'hunt', sample], { encoding: 'utf8' }),
  );
  const withSigma = JSON.parse(
    execFileSync(process.execPath, [cli, 'hunt', sample, '--sigma', sigmaRules], {
      encoding: 'utf8',
    }),
  );
  const find = (r: {
    findings: {
      registry?: { valueName: string };
      score: number;
      sigma?: { title: string }[];
      indicators: { id: string }[];
    }[];
  }) => r.findings.find((f) => f.registry?.valueName === 'Atomic Red Team');
  const a = find(plain);
  const b = find(withSigma);
  assert.ok(a && b);
  assert.equal(a.sigma, undefined);
  assert.ok(
    b.sigma?.some((s) => /Autorun Keys Modification/.test(s.title)),
    JSON.stringify(b.sigma),
  );
  assert.ok(b.indicators.some((i) => i.id === 'sigma-match'));
  assert.ok(b.score >= a.score);
});
