import type { Chunks } from '../chunks.js';
import { concatBytes } from '../chunks.js';

/** Reads a chunk stream forward in exact-size pieces (for tar headers and member bodies). */
export class ChunkReader {
  private readonly it: Iterator<Uint8Array>;
  private cur: Uint8Array = new Uint8Array(0);
  private ended = false;
  /** Bytes consumed so far. */
  position = 0;

  constructor(chunks: Chunks) {
    this.it = chunks[Symbol.iterator]();
  }

  private fill(): boolean {
    while (this.cur.length === 0) {
      if (this.ended) return false;
      const r = this.it.next();
      if (r.done) {
        this.ended = true;
        return false;
      }
      this.cur = r.value;
    }
    return true;
  }

  /** Exactly `n` bytes, or fewer at the end of the stream. */
  read(n: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let got = 0;
    while (got < n && this.fill()) {
      const take = this.cur.subarray(0, n - got);
      parts.push(take);
      got += take.length;
      this.cur = this.cur.subarray(take.length);
    }
    this.position += got;
    return concatBytes(parts, got);
  }

  /** The next `n` bytes as a stream of chunks (no copy). Stops early at the end of the stream. */
  *stream(n: number): Generator<Uint8Array> {
    let left = n;
    while (left > 0 && this.fill()) {
      const take = this.cur.subarray(0, left);
      this.cur = this.cur.subarray(take.length);
      left -= take.length;
      this.position += take.length;
      yield take;
    }
  }

  /** Skips `n` bytes; returns how many were actually skipped. */
  skip(n: number): number {
    let skipped = 0;
    for (const c of this.stream(n)) skipped += c.length;
    return skipped;
  }
}
