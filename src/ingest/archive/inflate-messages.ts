/** What the reading thread and its inflate worker (inflate-worker.ts) send each other. */
import type { MessagePort } from 'node:worker_threads';

export interface InflateWorkerData {
  port: MessagePort;
  /** Bumped (and notified) after every reply, so the reading thread can block on it. */
  signal: Int32Array;
}

/** A stream opened, a piece of compressed input, its end, or the reader's loss of interest. */
export type ToInflater =
  | { type: 'start'; id: number }
  | { type: 'data'; id: number; bytes: Uint8Array }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number };

/** Output, a piece of input fully used, the end of the stream, or zlib's error. */
export type FromInflater =
  | { type: 'out'; id: number; bytes: Uint8Array }
  | { type: 'ack'; id: number }
  | { type: 'done'; id: number }
  | { type: 'error'; id: number; message: string };
