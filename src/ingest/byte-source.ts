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

/**
 * A ByteSource over an open descriptor of `size` bytes (a file, or a temporary copy of a
 * stream: src/ingest/archive/spill.ts); reads go through one reused buffer.
 */
export function fdSource(fd: number, size: number, close: () => void): FileByteSource {
  let scratch = new Uint8Array(0);
  return {
    size,
    read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      if (want === 0) return new Uint8Array(0);
      if (scratch.length < want) scratch = new Uint8Array(Math.max(want, 1 << 16));
      let got = 0;
      while (got < want) {
        const n = readSync(fd, scratch, got, want - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return scratch.subarray(0, got);
    },
    close,
  };
}
