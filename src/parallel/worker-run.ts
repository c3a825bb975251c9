import type { MainMessage, Task, WorkerData, WorkerMessage } from './messages.js';
import { readTask } from './read-task.js';
import { signalledPost } from '../util/thread-signal.js';

import type * as ReadInputsModuleNs from '../ingest/read-inputs.js';

type ReadInputsModule = typeof ReadInputsModuleNs;

/**
 * Serves tasks from the main thread, one after another, until told to exit. The archive and
 * text readers are imported on the first whole-input task only: chunk ranges of a large EVTX
 * need none of them, and importing them costs a worker a few hundred milliseconds.
 */
export function serve(data: WorkerData): void {
  const post = (m: WorkerMessage): void => signalledPost(data.port, data.signal, m);
  let inputs: Promise<ReadInputsModule> | null = null;
  let queue = Promise.resolve();
  const run = async (task: number, t: Task): Promise<void> => {
    try {
      const mod = t.kind === 'file' ? await (inputs ??= import('../ingest/read-inputs.js')) : null;
      readTask(task, t, post, mod ? mod.readInputs : unreachable, true);
    } catch (err) {
      post({ type: 'error', task, message: err instanceof Error ? err.message : String(err) });
    }
  };
  data.port.on('message', (m: MainMessage) => {
    if (m.type === 'exit') {
      void queue.then(() => data.port.close());
      return;
    }
    queue = queue.then(() => run(m.task, m.t));
  });
}

function unreachable(): never {
  throw new Error('readInputs is only needed for whole-input tasks');
}
