/* eslint-disable no-control-regex -- these tests look for escape sequences */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostileJsonLines } from '../report/hostile.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src', 'cli', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'runhunt-term-'));
const input = join(dir, 'hostile.jsonl');
writeFileSync(input, hostileJsonLines());

const RAW_ATTACK = /\x1b\]0;pwn\x07|\x1b\[2J/;
const VISIBLE_ATTACK = 'pwn\\x1b]0;pwn\\x07\\x1b[2J';
const SGR = /\x1b\[[0-9;]*m/;

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, COLUMNS: '400', TERM: 'xterm-256color' };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
};

function viaPipe(args: string[], env = baseEnv()): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'hunt', input, ...args], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr };
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the CLI with stdout and stderr on a pseudo-terminal (util-linux `script`). */
function viaPty(args: string[], env = baseEnv()): string {
  const cmd = [process.execPath, '--import', 'tsx', main, 'hunt', input, ...args].map(q).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: repo, env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return r.stdout;
}

test('through a pipe: no colour, no progress, attacker escapes shown as text', () => {
  const table = viaPipe(['--format', 'table']);
  assert.doesNotMatch(table.stdout, /\x1b/);
  assert.ok(table.stdout.includes(VISIBLE_ATTACK));
  assert.equal(table.stderr, '');
  // The default for a pipe is JSON; control characters are JSON escapes.
  const json = viaPipe([]);
  assert.doesNotMatch(json.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  const report = JSON.parse(json.stdout) as { findings: unknown[] };
  assert.equal(report.findings.length, 3);
});

test('through a pseudo-terminal: coloured table, attacker escapes never reach the terminal', (t) => {
  if (!hasScript) return t.skip('util-linux script not installed: no pseudo-terminal test');
  const out = viaPty([]);
  assert.match(out, SGR, 'severity colours on a terminal');
  assert.match(out, /SEVERITY/);
  assert.doesNotMatch(out, RAW_ATTACK);
  assert.ok(out.includes(VISIBLE_ATTACK));
  // Our own colour codes are the only escape sequences.
  assert.doesNotMatch(out.replace(/\x1b\[[0-9;]*m/g, ''), /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/);
});

test('through a pseudo-terminal: NO_COLOR and --no-color turn colour off', (t) => {
  if (!hasScript) return t.skip('util-linux script not installed: no pseudo-terminal test');
  assert.doesNotMatch(viaPty(['--no-color']), /\x1b/);
  assert.doesNotMatch(viaPty([], { ...baseEnv(), NO_COLOR: '1' }), /\x1b/);
  // CSV to a terminal is made terminal-safe too.
  const csv = viaPty(['--format', 'csv']);
  assert.doesNotMatch(csv, RAW_ATTACK);
  assert.ok(csv.includes('\\x1b]0;pwn\\x07'));
});
