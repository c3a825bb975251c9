/**
 * No input can choose where a rule file is written: file names in generated rules come from
 * finding values (title, location, value name, paths). Hostile values (`../` climbs, absolute
 * Windows and POSIX paths, NUL, newlines, 10,000-character names) are planted in every string
 * of a real report, and `writeRules` must write only plain names directly inside `--rules-out`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeRules } from '../../src/cli/rules.js';
import { TARGETS } from '../../src/emit/rules/index.js';
import type { Finding, Report } from '../../src/model/finding.js';
import { repo } from './inputs.js';

const HOSTILE = [
  '../../etc/x',
  '..\\..\\Windows\\x',
  '/etc/passwd',
  'C:\\Windows\\System32\\x',
  '\\\\?\\C:\\x',
  'a\u0000b',
  'line\nbreak',
  '..',
  'x'.repeat(10_000),
  '%2e%2e%2fx',
];

/** Every string of the findings with a hostile value appended (kinds and ids kept valid). */
function poison(value: unknown, hostile: string, key = ''): unknown {
  if (typeof value === 'string')
    return ['id', 'kind', 'severity', 'timestamp'].includes(key) ? value : value + hostile;
  if (Array.isArray(value)) return value.map((v) => poison(v, hostile));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, hostile, k)]));
  return value;
}

test('rule files from hostile finding values stay inside --rules-out', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'runhunt-paths-'));
  try {
    const report = join(tmp, 'r.json');
    execFileSync(process.execPath, [
      '--import',
      'tsx',
      join(repo, 'src', 'cli', 'main.ts'),
      'hunt',
      join(repo, 'test', 'samples', 'hunt', 'atomic-red-team-t1547-001.evtx'),
      '--format',
      'json',
      '-o',
      report,
    ]);
    const findings = (JSON.parse(readFileSync(report, 'utf8')) as Report).findings;
    assert.ok(findings.length > 0);
    let written = 0;
    // Three hostile strings per run (each run writes every target): four runs cover all ten.
    const runs = [0, 3, 6, 9].map((k) => HOSTILE.slice(k, k + 3).join(''));
    for (const [i, hostile] of runs.entries()) {
      const out = join(tmp, 'nested', `out${i}`);
      const files = writeRules(poison(findings, hostile) as Finding[], out, [...TARGETS]);
      written += files.length;
      for (const f of files) {
        assert.ok(f.startsWith(out + '/'), f);
        assert.match(f.slice(out.length + 1), /^[a-z0-9_]{1,60}-[0-9a-f]{8}\.[a-z.]+$/);
      }
      assert.deepEqual(readdirSync(out).sort(), files.map((f) => f.slice(out.length + 1)).sort());
    }
    assert.ok(written > 0, 'rules were generated from the poisoned findings');
    // Nothing appeared anywhere else under the temp dir.
    assert.deepEqual(readdirSync(tmp).sort(), ['nested', 'r.json']);
    assert.deepEqual(readdirSync(join(tmp, 'nested')).sort(), runs.map((_, i) => `out${i}`).sort());
    assert.ok(statSync(join(tmp, 'nested')).isDirectory());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
