import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rendered, repoRoot } from './helpers.js';

test('`-` reads standard input, sniffed by content like any file (here a .tar.gz)', () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', resolve(repoRoot, 'src/cli/main.ts'), 'dump', '-'],
    {
      input: readFileSync(rendered('archives.tar.gz')),
      cwd: repoRoot,
      maxBuffer: 64 << 20,
    },
  );
  assert.equal(r.status, 0, r.stderr.toString());
  const lines = r.stdout.toString().trim().split('\n');
  assert.equal(lines.length, 120);
  const first = JSON.parse(lines[0] ?? '{}') as { file: string };
  assert.equal(first.file, '-!winlogbeat.json');
});
