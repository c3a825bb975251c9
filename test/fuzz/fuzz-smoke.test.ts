/**
 * Fuzz smoke run (part of `npm test`): a bounded number of structure-aware mutations of every
 * committed sample and of a few corpus files, each case in a worker under a wall-clock guard
 * and a heap limit. `npm run fuzz` runs the same harness for longer (scripts/fuzz.mjs).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusInputs, sampleInputs } from './inputs.js';
import { fuzz, type FuzzStats } from './harness.js';

function report(stats: FuzzStats): string {
  return stats.failed
    .slice(0, 5)
    .map(
      (f) => `${f.file} seed ${f.seed} [${f.ops.join(' ')}]: ${f.failures.slice(0, 3).join(' | ')}`,
    )
    .join('\n');
}

const GUARD = { caseTimeoutMs: 10_000, budgetMs: 5_000, heapMb: 384 };

test('fuzz smoke: committed samples, every contract holds', async (t) => {
  const stats = await fuzz({ files: sampleInputs(), perFile: 6, seedBase: 1_000, ...GUARD });
  t.diagnostic(
    `${stats.executions} executions in ${stats.elapsedMs} ms, ${stats.issues} issues reported`,
  );
  assert.equal(stats.failed.length, 0, report(stats));
  assert.ok(stats.executions >= 11, 'at least one case per input ran');
});

test('fuzz smoke: real corpus EVTX files', async (t) => {
  const files = corpusInputs().filter((f) =>
    /system\.evtx$|sliver-sysmon|many-events-application/.test(f),
  );
  if (files.length === 0) return t.skip('../shared/corpus is absent');
  const stats = await fuzz({ files, perFile: 2, seedBase: 2_000, ...GUARD });
  t.diagnostic(`${stats.executions} executions in ${stats.elapsedMs} ms`);
  assert.equal(stats.failed.length, 0, report(stats));
});
