import { availableParallelism } from 'node:os';
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';
import type { FromInflater, InflateWorkerData, ToInflater } from './inflate-messages.js';
import { compiledWorker } from '../../util/thread-signal.js';

/** A worker silent this long while a stream waits on it is taken as dead. */
const STALL_MS = 60_000;

/**
 * The inflate worker (inflate-worker.ts) of this thread, started on first use and shared by every
 * stream read here; it is unreferenced, so it never keeps the process alive. Streams are read
 * synchronously (the readers are generators): a stream posts its input and blocks on a shared
 * counter the worker bumps after each reply.
 */
export class InflateThread {
  private static current: InflateThread | null | undefined;

  /**
   * The thread's inflate worker, or null where there is none to use: running from sources (tsx
   * in tests) finds only inflate-worker.ts, which a worker cannot load; one core has nothing to
   * gain; a worker that failed before is not tried again. Callers then inflate in this thread.
   */
  static get(): InflateThread | null {
    if (InflateThread.current !== undefined) return InflateThread.current;
    InflateThread.current = null;
    const entry = compiledWorker('inflate-worker', import.meta.url);
    if (entry === null || availableParallelism() < 2) return null;
    try {
      InflateThread.current = new InflateThread(entry);
    } catch {
      // No worker here (a host that forbids threads): inflate in this thread.
    }
    return InflateThread.current;
  }

  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly waiting = new Map<number, FromInflater[]>();
  private nextId = 0;

  /** A worker of its own from `entry` (tests running from sources name the compiled one). */
  constructor(entry: URL) {
    const { port1, port2 } = new MessageChannel();
    const data: InflateWorkerData = { port: port2, signal: this.signal };
    const worker = new Worker(entry, { workerData: data, transferList: [port2] });
    worker.unref();
    port1.unref();
    this.port = port1;
  }

  /** A new stream: `send` its compressed input, `end` it, `receive` replies in order. */
  open(): InflateStream {
    const id = this.nextId++;
    this.waiting.set(id, []);
    this.post({ type: 'start', id });
    return new InflateStream(this, id);
  }

  /** @internal */
  post(m: ToInflater, transfer: ArrayBuffer[] = []): void {
    this.port.postMessage(m, transfer);
  }

  /** @internal The next reply for stream `id`, waiting for it if need be. */
  receive(id: number): FromInflater {
    const mine = this.waiting.get(id);
    const held = mine?.shift();
    if (held) return held;
    let quietSince = Date.now();
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const r = receiveMessageOnPort(this.port) as { message: FromInflater } | undefined;
      if (r) {
        quietSince = Date.now();
        const m = r.message;
        if (m.id === id) return m;
        // Another open stream's reply (streams may be read interleaved); closed streams' replies go.
        this.waiting.get(m.id)?.push(m);
        continue;
      }
      if (Date.now() - quietSince > STALL_MS) {
        InflateThread.current = null;
        throw new Error('the inflate worker stopped responding');
      }
      Atomics.wait(this.signal, 0, seen, 1000);
    }
  }

  /** @internal */
  close(id: number, finished: boolean): void {
    this.waiting.delete(id);
    if (!finished) this.post({ type: 'abort', id });
  }
}

export class InflateStream {
  private finished = false;

  constructor(
    private readonly thread: InflateThread,
    private readonly id: number,
  ) {}

  /**
   * Posts a copy of `bytes`: a view may share a buffer that is reused, and only its own bytes
   * may go (a Buffer's slice would be a view, and moving its buffer would empty the caller's).
   */
  send(bytes: Uint8Array): void {
    const copy = new Uint8Array(bytes);
    this.thread.post({ type: 'data', id: this.id, bytes: copy }, [copy.buffer]);
  }

  end(): void {
    this.thread.post({ type: 'end', id: this.id });
  }

  receive(): FromInflater {
    const m = this.thread.receive(this.id);
    if (m.type === 'done' || m.type === 'error') this.finished = true;
    return m;
  }

  /** Frees the stream here and, unless it ended, in the worker. */
  close(): void {
    this.thread.close(this.id, this.finished);
  }
}
