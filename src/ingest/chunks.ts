import type { ByteSource } from './byte-source.js';

/**
 * Sequential byte streams. The text readers (XML, JSON, CSV) only ever read forward, so they take
 * an iterable of byte chunks: a file is read a window at a time through its ByteSource, and an
 * archive member is fed straight from the inflater without being held whole in memory.
 */
export type Chunks = Iterable<Uint8Array>;

/** Window size for reading a ByteSource forward: large enough to amortise calls, small for RSS. */
export const CHUNK_SIZE = 1 << 20;

/** Reads a ByteSource forward in windows. Each chunk is a copy the consumer may keep. */
export function* sourceChunks(src: ByteSource, size = CHUNK_SIZE): Generator<Uint8Array> {
  for (let off = 0; off < src.size; off += size) {
    const part = src.read(off, size);
    if (part.length === 0) return;
    yield part.slice();
  }
}

/** Concatenates byte arrays. */
export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  const n = total ?? parts.reduce((a, p) => a + p.length, 0);
  if (parts.length === 1 && parts[0]?.length === n) return parts[0];
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p.subarray(0, Math.min(p.length, n - o)), o);
    o += p.length;
    if (o >= n) break;
  }
  return out;
}

/** The first `n` bytes of a chunk stream, and a stream that replays them followed by the rest. */
export function peekChunks(chunks: Chunks, n: number): { head: Uint8Array; all: Chunks } {
  const it = chunks[Symbol.iterator]();
  const seen: Uint8Array[] = [];
  let got = 0;
  let done = false;
  while (got < n) {
    const r = it.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    got += r.value.length;
  }
  const head = concatBytes(seen).subarray(0, n);
  function* replay(): Generator<Uint8Array> {
    yield* seen;
    if (done) return;
    for (let r = it.next(); !r.done; r = it.next()) yield r.value;
  }
  return { head, all: replay() };
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Guesses the encoding of a text head: a byte order mark decides; without one, UTF-16 shows as
 * NUL bytes in every other position of ASCII text (PowerShell 5 `Out-File` writes UTF-16LE).
 */
export function detectEncoding(head: Uint8Array): {
  encoding: TextEncodingName;
  bomLength: number;
} {
  const [a, b, c] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head.length >= 4) {
    if (a !== 0 && b === 0 && c !== 0 && head[3] === 0)
      return { encoding: 'utf-16le', bomLength: 0 };
    if (a === 0 && b !== 0 && c === 0 && head[3] !== 0)
      return { encoding: 'utf-16be', bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Normalises a chunk stream to UTF-8 without a byte order mark. UTF-16 input is transcoded (byte
 * offsets in issues then count UTF-8 bytes of the transcoded text, which the message says).
 */
export function* utf8Chunks(chunks: Chunks): Generator<Uint8Array> {
  const { head, all } = peekChunks(chunks, 4);
  const { encoding, bomLength } = detectEncoding(head);
  let skip = bomLength;
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for (const chunk of all) {
    let part = chunk;
    if (skip > 0) {
      const cut = Math.min(skip, part.length);
      part = part.subarray(cut);
      skip -= cut;
    }
    if (part.length === 0) continue;
    yield decoder ? encoder.encode(decoder.decode(part, { stream: true })) : part;
  }
  if (decoder) {
    const tail = decoder.decode();
    if (tail) yield encoder.encode(tail);
  }
}

/** First non-whitespace byte of a head (after any BOM), or -1. */
export function firstSignificantByte(head: Uint8Array): number {
  for (const b of head) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0) continue;
    if (b === 0xef || b === 0xbb || b === 0xbf || b === 0xff || b === 0xfe) continue;
    return b;
  }
  return -1;
}
