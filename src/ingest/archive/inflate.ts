import { Gunzip, Inflate } from 'fflate';
import type { InputIssue } from '../../model/events.js';
import type { Chunks } from '../chunks.js';
import { ArchiveBombError, bombIssue, type BombGuard } from './guard.js';

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
 * Streams raw deflate (zip method 8) or gzip (RFC 1952, all members) through fflate's
 * synchronous inflater: output chunks are yielded as they come, nothing is held whole.
 * A damaged or truncated stream ends the output with an issue; what was inflated before stays.
 */
export function* inflateChunks(
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
    for (const chunk of compressed) {
      for (let i = 0; i < chunk.length;) {
        const piece = chunk.subarray(i, i + step);
        i += piece.length;
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
    const what = err instanceof Error ? err.message : String(err);
    onIssue({
      code: 'archive-damaged',
      offset: consumed,
      message: `compressed data damaged or truncated near compressed byte ${consumed} (${what}); the rest of this member is lost`,
    });
  }
}
