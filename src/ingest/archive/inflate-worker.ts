/**
 * Worker entry (dist/ingest/archive/inflate-worker.js, bundled as dist/bundle/inflate-worker.mjs)
 * that inflates raw deflate streams with Node's zlib for the reading thread (inflate-thread.ts):
 * native code, on the other core, while the reading thread parses what came before. It imports
 * nothing of runhunt but the small thread-signal helper, so it starts in a few tens of
 * milliseconds.
 */
import { workerData } from 'node:worker_threads';
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import type { ToInflater, FromInflater, InflateWorkerData } from './inflate-messages.js';
import { signalledPost } from '../../util/thread-signal.js';

/** Output pieces: fewer, larger messages than zlib's 16 KiB default. */
const CHUNK_BYTES = 256 * 1024;

const { port, signal } = workerData as InflateWorkerData;
const streams = new Map<number, InflateRaw>();

function post(m: FromInflater, transfer: ArrayBuffer[] = []): void {
  signalledPost(port, signal, m, transfer);
}

port.on('message', (m: ToInflater) => {
  const { id } = m;
  if (m.type === 'start') {
    const z = createInflateRaw({ chunkSize: CHUNK_BYTES });
    streams.set(id, z);
    z.on('data', (d: Buffer) => {
      // An exact copy: zlib's output slices share its buffer, which must not be moved.
      const bytes = new Uint8Array(d);
      post({ type: 'out', id, bytes }, [bytes.buffer]);
    });
    z.on('error', (err: Error) => {
      streams.delete(id);
      post({ type: 'error', id, message: err.message });
    });
    z.on('end', () => {
      streams.delete(id);
      post({ type: 'done', id });
    });
    return;
  }
  const z = streams.get(id);
  if (!z) return; // ended, failed or aborted: what is still on its way is dropped
  if (m.type === 'data') z.write(m.bytes, () => post({ type: 'ack', id }));
  else if (m.type === 'end') z.end();
  else {
    streams.delete(id);
    z.destroy();
  }
});
