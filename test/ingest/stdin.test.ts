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

// EVTX needs random access: standard input is copied to a private temporary file (deleted as
// soon as it is open) and read like the file itself, in both the event and the XML paths.
for (const format of ['jsonl', 'xml']) {
  test(`an EVTX on standard input dumps exactly like the file (${format})`, () => {
    const file = resolve(repoRoot, 'test/samples/hunt/atomic-red-team-t1547-001.evtx');
    const run = (args: string[], input?: Buffer) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', resolve(repoRoot, 'src/cli/main.ts'), 'dump', ...args],
        { ...(input ? { input } : {}), cwd: repoRoot, maxBuffer: 64 << 20 },
      );
    const fromFile = run([file, '--format', format]);
    const fromStdin = run(['-', '--format', format], readFileSync(file));
    assert.equal(fromStdin.status, 0, fromStdin.stderr.toString());
    const norm = (b: Buffer) => b.toString().split(file).join('-');
    assert.ok(norm(fromFile.stdout).length > 10_000);
    assert.equal(norm(fromStdin.stdout), norm(fromFile.stdout));
  });
}
