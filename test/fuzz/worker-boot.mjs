// Worker entry: Node 20 loads a worker's main module before `--import` hooks apply, so the
// TypeScript worker is imported after registering tsx here. `workerData.entry` picks another
// TypeScript worker (relative to this folder); the default runs fuzz cases.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry =
  workerData !== null && typeof workerData === 'object' && 'entry' in workerData
    ? workerData.entry
    : './worker.ts';
await import(entry);
