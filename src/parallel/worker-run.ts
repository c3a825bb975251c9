import type { MainMessage, Task, WorkerData, WorkerMessage } from './messages.js';
import { readTask } from './read-task.js';

/** Serves tasks from the main thread until told to exit. */
export function serve(data: WorkerData): void {
  const post = (m: WorkerMessage): void => {
    data.port.postMessage(m);
    Atomics.add(data.signal, 0, 1);
    Atomics.notify(data.signal, 0);
  };
  const read = readTask(data);
  data.port.on('message', (m: MainMessage) => {
    if (m.type === 'exit') {
      data.port.close();
      return;
    }
    runOne(m.task, m.t, read, post);
  });
}

function runOne(
  task: number,
  t: Task,
  read: ReturnType<typeof readTask>,
  post: (m: WorkerMessage) => void,
): void {
  try {
    read(task, t, post);
  } catch (err) {
    post({ type: 'error', task, message: err instanceof Error ? err.message : String(err) });
  }
}
