/**
 * UTF-16LE decoding tuned for event logs: most strings are short names and values, where a
 * char-code loop beats TextDecoder's per-call overhead; long ones go to TextDecoder.
 */

const decoder = new TextDecoder('utf-16le');
/** Below this many code units the loop wins (measured on the corpus, see docs/evtx-format.md). */
const LOOP_MAX_UNITS = 24;

/** Decodes `units` UTF-16LE code units at `off`. The caller has bounds-checked the range. */
export function decodeUtf16(buf: Uint8Array, off: number, units: number): string {
  if (units > LOOP_MAX_UNITS) return decoder.decode(buf.subarray(off, off + units * 2));
  let s = '';
  for (let i = 0, p = off; i < units; i++, p += 2) {
    s += String.fromCharCode(buf[p]! | (buf[p + 1]! << 8));
  }
  return s;
}

/**
 * Decodes a UTF-16LE string value of `bytes` bytes, dropping one trailing NUL (writers often
 * include the terminator in the value size).
 */
export function decodeUtf16Value(buf: Uint8Array, off: number, bytes: number): string {
  let units = bytes >>> 1;
  if (units > 0 && buf[off + units * 2 - 2] === 0 && buf[off + units * 2 - 1] === 0) units--;
  return decodeUtf16(buf, off, units);
}

/** Decodes an 8-bit ("ANSI") string as Latin-1, dropping one trailing NUL. */
export function decodeAnsi(buf: Uint8Array, off: number, bytes: number): string {
  let end = off + bytes;
  if (bytes > 0 && buf[end - 1] === 0) end--;
  let s = '';
  for (let p = off; p < end; p++) s += String.fromCharCode(buf[p]!);
  return s;
}
