/**
 * Runs fuzz cases in a worker thread so the harness can enforce a wall-clock limit per case
 * (terminate on a hang) and a heap limit (resourceLimits). Protocol: receives FuzzCase[];
 * posts {t:'start', i} before and {t:'done', i, outcome} after each case, then
 * {t:'clean', file, fingerprint} for every file once all cases ran.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fingerprint, runCase, type FuzzCase } from './cases.js';

const cases = workerData as FuzzCase[];
const port = parentPort!;
for (let i = 0; i < cases.length; i++) {
  port.postMessage({ t: 'start', i });
  port.postMessage({ t: 'done', i, outcome: runCase(cases[i]!) });
}
for (const file of new Set(cases.map((c) => c.file))) {
  port.postMessage({ t: 'clean', file, fingerprint: fingerprint(file) });
}
