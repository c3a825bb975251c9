/**
 * Fuzz driver: runs cases in a worker with a per-case wall-clock limit and a heap limit, and
 * reports every contract failure, hang and out-of-memory as a failed case. After the cases, each
 * intact input must give the same result as in a fresh process (no state leaks between inputs).
 */
import { Worker } from 'node:worker_threads';
import { fingerprint, type CaseOutcome, type FuzzCase } from './cases.js';

export interface FuzzOptions {
  files: string[];
  /** Cases per file, seeds seedBase.. */
  perFile: number;
  seedBase: number;
  /** A case running longer than this is a hang. Generous: it guards, it does not measure. */
  caseTimeoutMs: number;
  /** Stop starting new cases after this much time (the count bound is perFile). */
  budgetMs: number;
  heapMb?: number;
}

export interface FailedCase extends FuzzCase {
  ops: string[];
  failures: string[];
}

export interface FuzzStats {
  executions: number;
  failed: FailedCase[];
  elapsedMs: number;
  events: number;
  issues: number;
}

function runBatch(
  cases: FuzzCase[],
  o: FuzzOptions,
  stats: FuzzStats,
  deadline: number,
): Promise<number> {
  // Resolves with the index of the first case not finished (cases.length when all ran).
  return new Promise((resolve) => {
    const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: cases,
      resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 512 },
    });
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (next: number): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      void w.terminate();
      resolve(next);
    };
    const fail = (why: string): void => {
      const c = cases[current];
      if (c !== undefined) {
        stats.executions++;
        stats.failed.push({ ...c, ops: [], failures: [why] });
      }
      finish(current + 1);
    };
    w.on(
      'message',
      (m: {
        t: string;
        i?: number;
        outcome?: CaseOutcome;
        file?: string;
        fingerprint?: string;
      }) => {
        if (m.t === 'start') {
          current = m.i!;
          clearTimeout(timer);
          if (Date.now() > deadline) return finish(current);
          timer = setTimeout(
            () => fail(`hang: no result after ${o.caseTimeoutMs} ms`),
            o.caseTimeoutMs,
          );
        } else if (m.t === 'done') {
          clearTimeout(timer);
          const out = m.outcome!;
          stats.executions++;
          stats.events += out.events;
          stats.issues += out.issues;
          if (out.failures.length > 0)
            stats.failed.push({ ...cases[m.i!]!, ops: out.ops, failures: out.failures });
        } else if (m.t === 'clean') {
          const fresh = fingerprint(m.file!);
          if (m.fingerprint !== fresh)
            stats.failed.push({
              file: m.file!,
              seed: -1,
              ops: ['intact'],
              failures: [`intact file after fuzzing gave ${m.fingerprint}, fresh ${fresh}`],
            });
        }
      },
    );
    w.on('error', (err) => fail(`worker died: ${err.message}`)); // incl. ERR_WORKER_OUT_OF_MEMORY
    w.on('exit', () => finish(cases.length));
  });
}

export async function fuzz(o: FuzzOptions): Promise<FuzzStats> {
  const start = Date.now();
  const deadline = start + o.budgetMs;
  const stats: FuzzStats = { executions: 0, failed: [], elapsedMs: 0, events: 0, issues: 0 };
  // Interleave files so a short budget still covers every input.
  let cases: FuzzCase[] = [];
  for (let k = 0; k < o.perFile; k++)
    for (const file of o.files) cases.push({ file, seed: o.seedBase + k });
  // Batches of at most 500 cases: a fresh worker per batch, and workerData stays small.
  while (cases.length > 0 && Date.now() <= deadline) {
    const batch = cases.slice(0, 500);
    const next = await runBatch(batch, o, stats, deadline);
    if (next <= 0) {
      if (Date.now() > deadline) break;
      stats.failed.push({
        ...batch[0]!,
        ops: [],
        failures: ['worker failed before its first case'],
      });
      break;
    }
    cases = cases.slice(next);
  }
  stats.elapsedMs = Date.now() - start;
  return stats;
}
