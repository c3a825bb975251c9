import type { Chunks } from '../chunks.js';
import { concatBytes } from '../chunks.js';

/** A piece of a JSON text stream: one complete value, or bytes that are not JSON. */
export type JsonPiece =
  | { kind: 'value'; bytes: Uint8Array; line: number; offset: number }
  | { kind: 'junk'; line: number; offset: number; length: number }
  | { kind: 'truncated'; line: number; offset: number; length: number }
  | { kind: 'overlong'; line: number; offset: number; length: number };

/** Largest single value held before giving up on it (a runaway string in a damaged file). */
export const MAX_VALUE_BYTES = 64 << 20;

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;

/** Whitespace, commas and stray UTF-8 BOM bytes (files concatenated with `cat`) between values. */
function isSpaceOrComma(b: number): boolean {
  return (
    b === 0x20 ||
    b === 0x09 ||
    b === 0x0a ||
    b === 0x0d ||
    b === 0x2c ||
    b === 0xef ||
    b === 0xbb ||
    b === 0xbf
  );
}

/**
 * Splits a stream of concatenated JSON values (pretty-printed objects one after another, or one
 * top-level array of objects) into one byte slice per object, without parsing. It tracks only
 * nesting depth and whether it is inside a string, so memory is one chunk plus one object
 * (RFC 8259 §2: structural characters never occur unescaped inside strings).
 * The elements of a top-level array are yielded one by one instead of the array.
 */
export function* splitJsonValues(chunks: Chunks, maxValue = MAX_VALUE_BYTES): Generator<JsonPiece> {
  let depth = 0; // nesting depth inside the current value
  let base = 0; // 1 inside a top-level array whose elements we yield
  let inString = false;
  let escaped = false;
  let parts: Uint8Array[] = [];
  let held = 0;
  let startOffset = 0;
  let startLine = 1;
  let overlong = false;
  let junkStart = -1;
  let junkLine = 0;
  let line = 1;
  let pos = 0;
  // The top-level array: where it opened, and where its last complete element ended.
  let arrayOffset = 0;
  let arrayLine = 1;
  let lastEnd = 0;
  for (const chunk of chunks) {
    let valueFrom = depth > 0 ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === NL) line++;
      if (depth > 0) {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === LBRACE || b === LBRACKET) depth++;
        else if (b === RBRACE || b === RBRACKET) {
          depth--;
          if (depth === 0) {
            const tail = chunk.subarray(valueFrom, i + 1);
            const length = held + tail.length;
            if (overlong || length > maxValue) {
              yield { kind: 'overlong', line: startLine, offset: startOffset, length };
            } else {
              yield {
                kind: 'value',
                bytes: concatBytes([...parts, tail], length),
                line: startLine,
                offset: startOffset,
              };
            }
            parts = [];
            held = 0;
            overlong = false;
            valueFrom = -1;
            lastEnd = pos + i + 1;
          }
        }
        continue;
      }
      // Between values.
      if (isSpaceOrComma(b)) continue;
      if (b === LBRACE || (b === LBRACKET && base === 1)) {
        if (junkStart >= 0) {
          yield { kind: 'junk', line: junkLine, offset: junkStart, length: pos + i - junkStart };
          junkStart = -1;
        }
        depth = 1;
        inString = false;
        escaped = false;
        startOffset = pos + i;
        startLine = line;
        valueFrom = i;
        continue;
      }
      if (b === LBRACKET && base === 0) {
        base = 1;
        arrayOffset = pos + i;
        arrayLine = line;
        lastEnd = pos + i + 1;
        continue;
      }
      if (b === RBRACKET && base === 1) {
        base = 0;
        continue;
      }
      if (junkStart < 0) {
        junkStart = pos + i;
        junkLine = line;
      }
    }
    if (depth > 0 && valueFrom >= 0) {
      const rest = chunk.subarray(valueFrom);
      if (!overlong && held + rest.length <= maxValue) parts.push(rest);
      else {
        overlong = true;
        parts = [];
      }
      held += rest.length;
    }
    pos += chunk.length;
  }
  if (depth > 0)
    yield { kind: 'truncated', line: startLine, offset: startOffset, length: pos - startOffset };
  else if (base === 1 && junkStart < 0) {
    // Every element was read, but the array never closes: the input was cut after them.
    yield { kind: 'truncated', line: arrayLine, offset: arrayOffset, length: pos - lastEnd };
  }
  if (junkStart >= 0)
    yield { kind: 'junk', line: junkLine, offset: junkStart, length: pos - junkStart };
}
