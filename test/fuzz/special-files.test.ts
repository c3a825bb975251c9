/**
 * Inputs that are not regular files (/dev/zero, a FIFO) are refused with a message, never read
 * (a device never ends) and never dropped silently.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandPaths } from '../../src/ingest/read-inputs.js';
import type { InputSummary } from '../../src/model/events.js';
import { repo } from './inputs.js';

test('/dev/zero and a FIFO are reported as unreadable, not read', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'runhunt-special-'));
  try {
    const fifo = join(dir, 'events.evtx');
    const made = spawnSync('mkfifo', [fifo]).status === 0;
    const issues: InputSummary[] = [];
    const paths = ['/dev/zero', ...(made ? [fifo] : [])];
    assert.deepEqual(
      expandPaths(paths, (s) => issues.push(s)),
      [],
    );
    assert.deepEqual(
      issues.map((s) => [s.path, s.issues[0]?.code]),
      paths.map((p) => [p, 'unreadable']),
    );
    assert.match(issues[0]!.issues[0]!.message, /not a regular file/);
    if (!made) t.diagnostic('mkfifo unavailable: FIFO case not run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runhunt hunt /dev/zero: a clear message and exit 2', () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repo, 'src', 'cli', 'main.ts'), 'hunt', '/dev/zero'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\/dev\/zero: .*not a regular file/);
});
