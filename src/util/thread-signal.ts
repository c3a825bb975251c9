/**
 * What the worker threads and the thread that blocks on them share (src/parallel,
 * src/ingest/archive/inflate-thread.ts). The readers are synchronous generators, so the waiting
 * thread cannot take 'message' events: it pulls messages with receiveMessageOnPort and sleeps on
 * a shared counter that the worker bumps after every post. Nothing here imports the rest of
 * runhunt, so a worker that uses it still starts quickly.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';

/**
 * The compiled worker entry `name` beside the module at `base` (the caller's import.meta.url):
 * `name`.js next to the compiled modules, `name`.mjs next to the bundled CLI (scripts/bundle.mjs),
 * or null when there is neither (running from sources under tsx, where a worker thread cannot
 * load the .ts entry: the caller then works in its own thread).
 */
export function compiledWorker(name: string, base: string): URL | null {
  for (const file of [`./${name}.js`, `./${name}.mjs`]) {
    const url = new URL(file, base);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** Posts `m` on `port`, then bumps and notifies `signal` for the thread blocked on it. */
export function signalledPost(
  port: MessagePort,
  signal: Int32Array,
  m: unknown,
  transfer: ArrayBuffer[] = [],
): void {
  port.postMessage(m, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
