import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hunt } from '../../src/hunt.js';
import { huntParallel } from '../../src/parallel/hunt-parallel.js';

const root = resolve(import.meta.dirname, '..', '..');
const samples = join(root, 'test', 'samples', 'hunt');
const corpus = resolve(root, '..', 'shared', 'corpus');
const cli = join(root, 'dist', 'cli', 'main.js');
const worker = join(root, 'dist', 'parallel', 'worker.js');
/** The bin: the same CLI bundled into one file, with its bundled worker (scripts/bundle.mjs). */
const bundle = join(root, 'dist', 'bundle', 'runhunt.mjs');
const at = '2024-01-01T00:00:00Z';

const inputs: [string, string[]][] = [
  ['test/samples/hunt', [samples]],
  ['the corpus', [corpus]],
];

/** The report as the CLI writes it, minus its one timing field. */
function cliReport(paths: string[], threads: number, entry: string): string {
  const out = execFileSync(
    process.execPath,
    [entry, 'hunt', '--format', 'json', '--threads', String(threads), ...paths],
    // Exit 1 means inputs had problems (the corpus has damaged files on purpose): still a report.
    { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return out.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');
}

function runCli(paths: string[], threads: number, entry = cli): string {
  try {
    return cliReport(paths, threads, entry);
  } catch (err) {
    const e = err as { stdout?: string; status?: number };
    if (e.status !== 1 || !e.stdout) throw err;
    return e.stdout.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');
  }
}

for (const [name, paths] of inputs) {
  test(`split into one-chunk ranges and merged in this thread: same report as one pass (${name})`, (t) => {
    if (!paths.every(existsSync)) return t.skip(`${paths.join(', ')} not present`);
    // A time window too (the workers apply it), on the small samples only: it is slow from sources.
    const windows = name === 'the corpus' ? [{}] : [{}, { since: '2019-06-01T00:00:00Z' }];
    for (const window of windows) {
      const opts = { generatedAt: at, ...window };
      const one = JSON.stringify(hunt(paths, opts));
      const split = huntParallel(
        paths,
        { ...opts, threads: 2 },
        { inThread: true, splitBytes: 0, minRangeChunks: 1 },
      );
      assert.ok(split);
      assert.ok(split.findings.length > 0, 'the inputs yield findings');
      assert.equal(JSON.stringify(split), one);
    }
  });

  test(`runhunt hunt --threads 1 and --threads 2 write the same report (${name})`, (t) => {
    if (!paths.every(existsSync)) return t.skip(`${paths.join(', ')} not present`);
    if (!existsSync(worker)) return t.skip('dist/ not built (npm run build): no worker entry');
    const one = runCli(paths, 1);
    assert.ok(JSON.parse(one).summary.eventsScanned > 0);
    assert.equal(runCli(paths, 2), one);
  });

  test(`the bundled bin writes the same report, with 1 and 2 threads (${name})`, (t) => {
    if (!paths.every(existsSync)) return t.skip(`${paths.join(', ')} not present`);
    if (!existsSync(bundle)) return t.skip('dist/ not built (npm run build): no bundle');
    const one = runCli(paths, 1);
    assert.equal(runCli(paths, 1, bundle), one);
    assert.equal(runCli(paths, 2, bundle), one);
  });
}
