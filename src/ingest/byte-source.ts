import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Random access to an input's bytes. Readers take a ByteSource rather than one big buffer so a
 * 1 GB log is read a window at a time and memory does not grow with file size.
 */
export interface ByteSource {
  readonly size: number;
  /**
   * Returns up to `length` bytes at `offset` (fewer at end of input). The returned view may be
   * reused by the next call: copy what must outlive it.
   */
  read(offset: number, length: number): Uint8Array;
}

/** A ByteSource over bytes already in memory (tests, archive members, stdin). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.length));
      return bytes.subarray(start, Math.min(bytes.length, start + Math.max(0, length)));
    },
  };
}

/** A ByteSource over an open file; `close()` releases the descriptor. */
export interface FileByteSource extends ByteSource {
  close(): void;
}

export function fileSource(path: string): FileByteSource {
  const fd = openSync(path, 'r');
  return fdSource(fd, fstatSync(fd).size, () => closeSync(fd));
}

/** Reads of at least this many bytes are served from a window read ahead (EVTX chunks are 64 KiB). */
const WINDOW_MIN_READ = 1 << 16;
/** The read-ahead window: one system call per 16 EVTX chunks instead of one per chunk. */
const WINDOW_BYTES = 1 << 20;

/**
 * A ByteSource over an open descriptor of `size` bytes (a file, or a temporary copy of a
 * stream: src/ingest/archive/spill.ts). Reads of WINDOW_MIN_READ bytes or more are served from
 * one reused read-ahead window, smaller ones through one reused buffer.
 */
export function fdSource(fd: number, size: number, close: () => void): FileByteSource {
  let scratch = new Uint8Array(0);
  // The window holds the file's bytes [winStart, winStart + winLength).
  let win = new Uint8Array(0);
  let winStart = 0;
  let winLength = 0;
  const fill = (into: Uint8Array, offset: number, want: number): number => {
    let got = 0;
    while (got < want) {
      const n = readSync(fd, into, got, want - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  };
  return {
    size,
    read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      if (want === 0) return new Uint8Array(0);
      if (want >= WINDOW_MIN_READ && want <= WINDOW_BYTES) {
        if (offset < winStart || offset + want > winStart + winLength) {
          if (win.length === 0) win = new Uint8Array(WINDOW_BYTES);
          winStart = offset;
          winLength = fill(win, offset, Math.min(WINDOW_BYTES, size - offset));
        }
        const at = offset - winStart;
        return win.subarray(at, Math.min(at + want, winLength));
      }
      if (scratch.length < want) scratch = new Uint8Array(Math.max(want, 1 << 16));
      return scratch.subarray(0, fill(scratch, offset, want));
    },
    close,
  };
}
