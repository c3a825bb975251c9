#!/usr/bin/env node
// The long fuzz run (`npm run fuzz -- --seconds 600`): the harness of test/fuzz over every
// committed sample and every corpus EVTX file, each case in a worker under a wall-clock guard
// and a heap limit. Failing cases are written to /tmp/runhunt-fuzz-found/ with their ops and
// failures, ready to be reviewed and committed as test/samples/regression/ samples.
// Prints statistics as JSON (docs/robustness.md keeps the numbers of the last long run).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const { fuzz } = await import('../test/fuzz/harness.ts');
const { replay } = await import('../test/fuzz/cases.ts');
const { corpusInputs, sampleInputs } = await import('../test/fuzz/inputs.ts');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    'per-file': { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 1e9) },
    'no-corpus': { type: 'boolean', default: false },
  },
});
const files = [...sampleInputs(), ...(values['no-corpus'] ? [] : corpusInputs())];
const started = Date.now();
const stats = await fuzz({
  files,
  perFile: Number(values['per-file']),
  seedBase: Number(values.seed),
  caseTimeoutMs: 20_000,
  budgetMs: Number(values.seconds) * 1000,
  heapMb: 512,
});
const out = '/tmp/runhunt-fuzz-found';
for (const f of stats.failed) {
  mkdirSync(out, { recursive: true });
  const name = `${basename(f.file)}-${f.seed}`;
  if (f.seed >= 0) writeFileSync(join(out, name), replay(f).bytes);
  writeFileSync(join(out, `${name}.json`), JSON.stringify(f, null, 2) + '\n');
}
console.log(
  JSON.stringify(
    {
      inputs: files.length,
      seedBase: Number(values.seed),
      executions: stats.executions,
      seconds: Math.round((Date.now() - started) / 1000),
      execPerSecond: Math.round((stats.executions / stats.elapsedMs) * 1000),
      eventsRead: stats.events,
      issuesReported: stats.issues,
      failed: stats.failed.length,
      failures: stats.failed.slice(0, 20).map((f) => ({
        file: basename(f.file),
        seed: f.seed,
        ops: f.ops,
        failures: f.failures.slice(0, 3),
      })),
    },
    null,
    2,
  ),
);
process.exit(stats.failed.length > 0 ? 1 : 0);
