import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';
import type { MainMessage, Task, TaskMessage, WorkerData, WorkerMessage } from './messages.js';
import { readInputs } from '../ingest/read-inputs.js';
import { CHUNK_SIZE_BYTES } from '../ingest/evtx/constants.js';
import { readTask } from './read-task.js';
import { compiledWorker } from '../util/thread-signal.js';

/**
 * Tasks a worker holds at once: one being read and one queued, so that it never waits for this
 * thread, and more while they add up to less than IN_FLIGHT_BYTES of input (a folder of small
 * logs: a worker given two at a time ran dry while this thread read a task of its own).
 */
const IN_FLIGHT = 2;
const IN_FLIGHT_BYTES = 8 << 20;
const IN_FLIGHT_MAX = 64;
/**
 * Young-generation size of a worker's heap. Reading allocates short-lived strings at a high
 * rate; V8's default (3 x 16 MB semi-spaces per thread) costs RSS per thread for little gain.
 */
const YOUNG_GENERATION_MB = 8;
/** A worker silent this long is taken as dead (the main thread cannot see its 'error' event). */
const STALL_MS = 10 * 60 * 1000;

/** The hunt's worker entry (worker.ts compiled or bundled), or null from sources. */
export function workerEntry(): URL | null {
  return compiledWorker('worker', import.meta.url);
}

/** Tasks this thread reads ahead of the delivery order at most (their messages are held). */
const HELD_HERE = 2;

/**
 * Runs the tasks on `threads` threads, this one included (`threads - 1` workers), and hands
 * their messages to `deliver` in task order (a task's batches as they come while it is the
 * oldest unfinished one; later tasks' messages are held until then). This thread takes the
 * first task itself (the workers need a few hundred milliseconds to start), feeds the hunt
 * every message, and whenever it would wait for a worker it reads the next unassigned task
 * instead, unless it already holds HELD_HERE tasks read ahead: on two cores, one worker reads
 * while this thread reads and hunts, and neither idles nor oversubscribes the cores.
 * Synchronous: the calling thread blocks on a shared counter the workers bump after each
 * message and pulls messages with receiveMessageOnPort, so `hunt()` keeps its synchronous
 * signature. What is held is bounded by IN_FLIGHT tasks per worker plus HELD_HERE.
 * `started` runs once the workers are spawned, before the first task is read.
 */
export function runPool(
  entry: URL,
  tasks: readonly Task[],
  threads: number,
  deliver: (m: TaskMessage) => void,
  started: () => void = () => {},
): void {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const order = new TaskOrder(deliver);
  const workers: { worker: Worker; port: MessagePort; inFlight: number[] }[] = [];
  let next = 0;
  const readHere = (task: number): void => {
    readTask(
      task,
      tasks[task]!,
      (m) => {
        if (m.type === 'error') throw new Error(m.message);
        order.add(m);
      },
      readInputs,
      false,
    );
  };
  const assign = (w: (typeof workers)[number]): void => {
    let bytes = w.inFlight.reduce((n, i) => n + taskBytes(tasks[i]!), 0);
    while (
      next < tasks.length &&
      (w.inFlight.length < IN_FLIGHT ||
        (bytes < IN_FLIGHT_BYTES && w.inFlight.length < IN_FLIGHT_MAX))
    ) {
      const m: MainMessage = { type: 'task', task: next, t: tasks[next]! };
      w.port.postMessage(m);
      w.inFlight.push(next);
      bytes += taskBytes(tasks[next]!);
      next++;
    }
  };
  try {
    // The first task is this thread's; the others go to the workers as they ask.
    const first = tasks.length > 0 ? next++ : -1;
    for (let i = 0; i < Math.min(threads - 1, tasks.length - 1); i++) {
      const { port1, port2 } = new MessageChannel();
      const data: WorkerData = { signal, port: port2 };
      const worker = new Worker(entry, {
        workerData: data,
        transferList: [port2],
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      });
      worker.unref();
      workers.push({ worker, port: port1, inFlight: [] });
    }
    workers.forEach(assign);
    // The workers take a few hundred milliseconds to start: time for this thread's own set-up
    // and its first task.
    started();
    if (first >= 0) readHere(first);
    let quietSince = Date.now();
    while (order.finished < tasks.length) {
      const seen = Atomics.load(signal, 0);
      let got = false;
      for (const w of workers) {
        for (;;) {
          const r = receiveMessageOnPort(w.port) as { message: WorkerMessage } | undefined;
          if (!r) break;
          got = true;
          const m = r.message;
          if (m.type === 'error') throw new Error(`hunt worker failed: ${m.message}`);
          order.add(m);
          if (m.type === 'done') {
            // A worker reads its tasks in the order given.
            w.inFlight.shift();
            assign(w);
          }
        }
      }
      if (got) {
        quietSince = Date.now();
        continue;
      }
      if (next < tasks.length && order.heldTasks < HELD_HERE) {
        // Nothing to deliver yet: read ahead instead of waiting.
        readHere(next++);
        quietSince = Date.now();
        continue;
      }
      if (Date.now() - quietSince > STALL_MS) throw new Error('hunt workers stopped responding');
      Atomics.wait(signal, 0, seen, 1000);
    }
  } finally {
    for (const w of workers) {
      const bye: MainMessage = { type: 'exit' };
      w.port.postMessage(bye);
      w.port.close();
      void w.worker.terminate();
    }
  }
}

/**
 * The same tasks read in this thread, in order (no worker entry: sources under tsx). Gives the
 * same messages the workers would (packed too), so the split-and-merge path is exercised either
 * way.
 */
export function runInThread(tasks: readonly Task[], deliver: (m: TaskMessage) => void): void {
  tasks.forEach((t, i) =>
    readTask(
      i,
      t,
      (m) => {
        if (m.type === 'error') throw new Error(m.message);
        deliver(m);
      },
      readInputs,
      true,
    ),
  );
}

/** The input bytes a task reads (chunks of a range, or the whole file). */
function taskBytes(t: Task): number {
  return t.kind === 'file' ? t.size : (t.to - t.from) * CHUNK_SIZE_BYTES;
}

/** Re-sequences messages that arrive in any task order into task order. */
class TaskOrder {
  finished = 0;
  private readonly held = new Map<number, TaskMessage[]>();

  /** Tasks with messages waiting for their turn. */
  get heldTasks(): number {
    return this.held.size;
  }

  constructor(private readonly deliver: (m: TaskMessage) => void) {}

  add(m: TaskMessage): void {
    if (m.task !== this.finished) {
      const list = this.held.get(m.task);
      if (list) list.push(m);
      else this.held.set(m.task, [m]);
      return;
    }
    this.pass(m);
    // The next tasks may have finished already: release what they sent.
    for (let list = this.held.get(this.finished); list; list = this.held.get(this.finished)) {
      this.held.delete(this.finished);
      const before = this.finished;
      for (const h of list) this.pass(h);
      if (this.finished === before) break;
    }
  }

  private pass(m: TaskMessage): void {
    this.deliver(m);
    if (m.type === 'done') this.finished++;
  }
}
