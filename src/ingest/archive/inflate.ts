import { Gunzip, Inflate } from 'fflate';
import type { InputIssue } from '../../model/events.js';
import type { Chunks } from '../chunks.js';
import { ArchiveBombError, bombIssue, type BombGuard } from './guard.js';
import { InflateThread } from './inflate-thread.js';

/**
 * One push of compressed input inflates in a single call, so its output is held at once (and
 * fflate grows its buffer by doubling, so twice over). Deflate expands at most ~1032x (RFC 1951
 * length 258 per 2 bits); a fixed 64 KiB piece could therefore make 64 MiB in one call, and a
 * bomb cost ~400 MB of RSS (issue 9). The piece is sized from the ratio seen so far so that one
 * push makes about OUT_TARGET bytes: ordinary logs (10-60x) keep large pieces and their speed,
 * a bomb gets small ones. The first piece is small because nothing has been seen yet.
 */
const OUT_TARGET = 1 << 20;
const PIECE_MIN = 1 << 10;
const PIECE_MAX = 1 << 16;
const PIECE_FIRST = 1 << 12;

function nextPiece(inBytes: number, outBytes: number): number {
  const ratio = Math.max(1, outBytes / Math.max(1, inBytes));
  return Math.min(PIECE_MAX, Math.max(PIECE_MIN, Math.floor(OUT_TARGET / ratio)));
}

/**
 * Compressed members at least this large go to the inflate worker (a smaller one is done before
 * the worker would have started).
 */
export const NATIVE_MIN_BYTES = 1 << 20;

/**
 * Streams raw deflate (zip method 8) or gzip (RFC 1952, all members) to output chunks, yielded
 * as they come; nothing is held whole. A damaged or truncated stream ends the output with an
 * issue; what was inflated before stays. A raw deflate stream of at least NATIVE_MIN_BYTES
 * (`size`, when known) is inflated by Node's zlib in a worker thread (inflate-thread.ts) where
 * there is one; everything else by fflate's synchronous inflater in this thread.
 */
export function* inflateChunks(
  compressed: Chunks,
  kind: 'deflate' | 'gzip',
  guard: BombGuard,
  onIssue: (i: InputIssue) => void,
  size = 0,
): Generator<Uint8Array> {
  const thread = kind === 'deflate' && size >= NATIVE_MIN_BYTES ? InflateThread.get() : null;
  if (thread) yield* inflateInWorker(thread, compressed, guard, onIssue);
  else yield* inflateHere(compressed, kind, guard, onIssue);
}

/** fflate, in this thread. */
function* inflateHere(
  compressed: Chunks,
  kind: 'deflate' | 'gzip',
  guard: BombGuard,
  onIssue: (i: InputIssue) => void,
): Generator<Uint8Array> {
  const out: Uint8Array[] = [];
  const sink = (data: Uint8Array): void => {
    if (data.length > 0) out.push(data);
  };
  const inflater = kind === 'gzip' ? new Gunzip(sink) : new Inflate(sink);
  let consumed = 0;
  let step = PIECE_FIRST;
  try {
    for (const piece of pieces(compressed, () => step)) {
      consumed += piece.length;
      inflater.push(piece, false);
      const made = out.reduce((a, c) => a + c.length, 0);
      step = nextPiece(piece.length, made);
      if (out.length > 0) {
        guard.check(made, consumed);
        yield* out;
        out.length = 0;
      }
    }
    inflater.push(new Uint8Array(0), true);
    if (out.length > 0)
      guard.check(
        out.reduce((a, c) => a + c.length, 0),
        consumed,
      );
    yield* out;
  } catch (err) {
    if (err instanceof ArchiveBombError) {
      onIssue(bombIssue(err, consumed));
      return;
    }
    yield* out;
    onIssue(damaged(err, consumed));
  }
}

/**
 * Node's zlib in the inflate worker: this thread sends the compressed pieces (sized as above)
 * and takes the output as it comes, one piece ahead, so the worker inflates the next piece while
 * this thread parses the output of the one before. The bomb guard sees every output chunk here
 * before it is yielded; at most two pieces' output (each piece sized for about 1 MiB) waits in
 * between.
 */
export function* inflateInWorker(
  thread: InflateThread,
  compressed: Chunks,
  guard: BombGuard,
  onIssue: (i: InputIssue) => void,
): Generator<Uint8Array> {
  const stream = thread.open();
  const sent: number[] = [];
  let consumed = 0;
  let sinceAck = 0;
  let step = PIECE_FIRST;
  // Handles one reply: an output chunk to yield, or null.
  const take = (): Uint8Array | null => {
    const m = stream.receive();
    if (m.type === 'out') {
      sinceAck += m.bytes.length;
      guard.check(m.bytes.length, consumed);
      return m.bytes;
    }
    if (m.type === 'ack') {
      step = nextPiece(sent.shift() ?? PIECE_FIRST, sinceAck);
      sinceAck = 0;
    } else if (m.type === 'error') throw new Error(m.message);
    return null;
  };
  try {
    for (const piece of pieces(compressed, () => step)) {
      consumed += piece.length;
      stream.send(piece);
      sent.push(piece.length);
      while (sent.length > 1) {
        const c = take();
        if (c) yield c;
      }
    }
    stream.end();
    for (;;) {
      const m = stream.receive();
      if (m.type === 'done') break;
      if (m.type === 'error') throw new Error(m.message);
      if (m.type === 'out') {
        guard.check(m.bytes.length, consumed);
        yield m.bytes;
      }
    }
  } catch (err) {
    if (err instanceof ArchiveBombError) onIssue(bombIssue(err, consumed));
    else onIssue(damaged(err, consumed));
  } finally {
    stream.close();
  }
}

/** The compressed input in pieces of `size()` bytes, asked afresh for each piece. */
function* pieces(compressed: Chunks, size: () => number): Generator<Uint8Array> {
  for (const chunk of compressed) {
    for (let i = 0; i < chunk.length;) {
      const piece = chunk.subarray(i, i + size());
      i += piece.length;
      yield piece;
    }
  }
}

function damaged(err: unknown, consumed: number): InputIssue {
  const what = err instanceof Error ? err.message : String(err);
  return {
    code: 'archive-damaged',
    offset: consumed,
    message: `compressed data damaged or truncated near compressed byte ${consumed} (${what}); the rest of this member is lost`,
  };
}
