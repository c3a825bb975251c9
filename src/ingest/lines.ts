import type { Chunks } from './chunks.js';
import { concatBytes } from './chunks.js';

/** One line of a text input, with where it started (for issues). */
export interface Line {
  /** The line's bytes without the line break (a trailing CR is dropped too). */
  bytes: Uint8Array;
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
}

/** Longest line we hold before reporting it as damaged (a binary blob has no line breaks). */
export const MAX_LINE_BYTES = 64 << 20;

/**
 * Splits a UTF-8 chunk stream on LF. Only the unfinished tail of a chunk is carried over, so
 * memory stays at one chunk plus one line. Lines longer than `maxLine` are yielded truncated with
 * `overlong` set so the caller can report them.
 */
export function* splitLines(
  chunks: Chunks,
  maxLine = MAX_LINE_BYTES,
): Generator<Line & { overlong?: true }> {
  let carry: Uint8Array[] = [];
  let carryLen = 0;
  let overlong = false;
  let lineNo = 1;
  let lineStart = 0;
  let pos = 0;
  for (const chunk of chunks) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      let piece = chunk.subarray(from, nl);
      if (carryLen > 0) {
        piece = concatBytes([...carry, piece]);
        carry = [];
        carryLen = 0;
      }
      if (piece.length > 0 && piece[piece.length - 1] === 0x0d) piece = piece.subarray(0, -1);
      yield overlong
        ? { bytes: piece, line: lineNo, offset: lineStart, overlong: true }
        : { bytes: piece, line: lineNo, offset: lineStart };
      overlong = false;
      lineNo++;
      lineStart = pos + nl + 1;
      from = nl + 1;
    }
    const rest = chunk.subarray(from);
    if (rest.length > 0) {
      if (carryLen + rest.length > maxLine) {
        overlong = true;
      } else {
        carry.push(rest);
        carryLen += rest.length;
      }
    }
    pos += chunk.length;
  }
  if (carryLen > 0 || overlong) {
    let piece = concatBytes(carry);
    if (piece.length > 0 && piece[piece.length - 1] === 0x0d) piece = piece.subarray(0, -1);
    yield overlong
      ? { bytes: piece, line: lineNo, offset: lineStart, overlong: true }
      : { bytes: piece, line: lineNo, offset: lineStart };
  }
}
