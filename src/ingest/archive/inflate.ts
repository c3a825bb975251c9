import { Gunzip, Inflate } from 'fflate';
import type { InputIssue } from '../../model/events.js';
import type { Chunks } from '../chunks.js';
import { ArchiveBombError, bombIssue, type BombGuard } from './guard.js';

/** Compressed input is fed in pieces this large, which bounds one push's output (≤ ~64 MiB). */
const PIECE = 1 << 16;

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
  try {
    for (const chunk of compressed) {
      for (let i = 0; i < chunk.length; i += PIECE) {
        const piece = chunk.subarray(i, i + PIECE);
        consumed += piece.length;
        inflater.push(piece, false);
        if (out.length > 0) {
          guard.check(
            out.reduce((a, c) => a + c.length, 0),
            consumed,
          );
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
