/**
 * Runs one named task of heavy-tasks.ts in a worker under a wall-clock guard and a heap limit.
 * Resolves with the task's result, or with `{ ok: false }` saying it hung or ran out of memory.
 * The guard is far above the expected cost: it catches stalls, it does not measure speed.
 */
import { Worker } from 'node:worker_threads';

export interface TaskResult {
  ok: boolean;
  detail: string;
}

export function guarded(task: string, timeoutMs: number, heapMb = 384): Promise<TaskResult> {
  return new Promise((resolve) => {
    const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: './heavy-tasks.ts', task },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    const done = (r: TaskResult): void => {
      clearTimeout(timer);
      void w.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () => done({ ok: false, detail: `hang: over ${timeoutMs} ms` }),
      timeoutMs,
    );
    w.on('message', (r: TaskResult) => done(r));
    w.on('error', (e) => done({ ok: false, detail: `worker died: ${e.message}` }));
    w.on('exit', () => done({ ok: false, detail: 'exited without a result' }));
  });
}
