import { readSync } from 'node:fs';
import type { Chunks } from './chunks.js';

const STDIN_FD = 0;
const WINDOW = 1 << 20;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Standard input as a chunk stream (the `-` input). Read synchronously through the descriptor so
 * the readers stay synchronous generators; a non-blocking pipe (EAGAIN) is waited on briefly.
 */
export function* stdinChunks(): Generator<Uint8Array> {
  for (;;) {
    const buf = new Uint8Array(WINDOW);
    let n: number;
    try {
      n = readSync(STDIN_FD, buf, 0, WINDOW, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if (code === 'EOF') return;
      throw err;
    }
    if (n === 0) return;
    yield buf.subarray(0, n);
  }
}

export type { Chunks };
