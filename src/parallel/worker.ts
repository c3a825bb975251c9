/**
 * Worker entry (dist/parallel/worker.js). A bootstrap only: the real work is imported
 * dynamically so that a failure to load it reaches the main thread as a message instead of
 * leaving it waiting (it blocks on a shared counter and cannot see worker 'error' events).
 */
import { workerData } from 'node:worker_threads';
import type { WorkerData } from './messages.js';
import { signalledPost } from '../util/thread-signal.js';

const data = workerData as WorkerData;
try {
  const run = await import('./worker-run.js');
  run.serve(data);
} catch (err) {
  signalledPost(data.port, data.signal, {
    type: 'error',
    task: -1,
    message: err instanceof Error ? err.message : String(err),
  });
}
