/**
 * The transformation modifiers that rewrite a value's text (modifiers appendix, "String
 * Encoding" and "windash"). Each works on wildcard-aware `SigmaString`s and may expand one
 * value into several alternatives (OR-ed).
 *
 * Encoded values are carried as "byte strings": one JavaScript char per byte (latin1), so that
 * `wide|base64` encodes the UTF-16 bytes rather than the UTF-8 of the text.
 */
import {
  ANY,
  hasWildcards,
  normalize,
  plainText,
  type Part,
  type SigmaString,
} from './sigma-string.js';

export class TransformError extends Error {
  override readonly name = 'TransformError';
}

export interface Encoded {
  s: SigmaString;
  /** True once a utf16* modifier turned the text into byte chars. */
  bytes: boolean;
}

/** `contains`: `*` around the value (not doubled when already there). */
export function wrapContains(s: SigmaString): SigmaString {
  return normalize([ANY, ...s, ANY]);
}
export function wrapStartsWith(s: SigmaString): SigmaString {
  return normalize([...s, ANY]);
}
export function wrapEndsWith(s: SigmaString): SigmaString {
  return normalize([ANY, ...s]);
}

function mapLiterals(s: SigmaString, f: (lit: string) => string): SigmaString {
  return s.map((p) => (typeof p === 'string' ? f(p) : p));
}

function toUtf16(text: string, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const lo = String.fromCharCode(u & 0xff);
    const hi = String.fromCharCode(u >> 8);
    out += littleEndian ? lo + hi : hi + lo;
  }
  return out;
}

/** `utf16le` / `wide`, `utf16be`, `utf16` (little-endian with the BOM FF FE). */
export function encodeUtf16(v: Encoded, kind: 'le' | 'be' | 'bom'): Encoded {
  if (v.bytes) throw new TransformError('value is already encoded');
  const s = mapLiterals(v.s, (lit) => toUtf16(lit, kind !== 'be'));
  return { s: kind === 'bom' ? normalize(['\xff\xfe', ...s]) : normalize(s), bytes: true };
}

function bytesOf(v: Encoded): Buffer {
  const text = plainText(v.s);
  return v.bytes ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

function requirePlain(v: Encoded, mod: string): void {
  if (hasWildcards(v.s)) throw new TransformError(`${mod} cannot encode a value with wildcards`);
}

/** `base64`: the Base64 of the whole value. */
export function base64(v: Encoded): Encoded {
  requirePlain(v, 'base64');
  return { s: [bytesOf(v).toString('base64')], bytes: false };
}

/**
 * `base64offset`: the value may sit at any byte offset inside a longer Base64 text, so three
 * variants are produced (offset 0, 1 and 2 within a 3-byte group), each cut to the characters
 * that do not depend on the unknown neighbouring bytes (modifiers appendix; same cut as pySigma).
 */
export function base64Offset(v: Encoded): Encoded[] {
  requirePlain(v, 'base64offset');
  const raw = bytesOf(v);
  const start = [0, 2, 3];
  const endCut = [0, 3, 2];
  const out: Encoded[] = [];
  for (let i = 0; i < 3; i++) {
    const padded = Buffer.concat([Buffer.alloc(i, 0x20), raw]).toString('base64');
    const cut = endCut[(raw.length + i) % 3]!;
    out.push({ s: [padded.slice(start[i]!, padded.length - cut)], bytes: false });
  }
  return out;
}

/** Dash characters windash substitutes: `-`, `/`, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
const MAX_WINDASH_POSITIONS = 6;

/**
 * `windash`: every `-` or `/` that starts a command-line option (not preceded by a word
 * character, followed by one: `\B[-/]\b`) is replaced by each dash character; all permutations.
 */
export function windash(v: Encoded): Encoded[] {
  type Tok = { c: string } | { w: Part };
  const toks: Tok[] = [];
  for (const p of v.s) {
    if (typeof p === 'string') for (const c of p) toks.push({ c });
    else toks.push({ w: p });
  }
  const isWord = (t: Tok | undefined): boolean => !!t && 'c' in t && /\w/.test(t.c);
  const positions: number[] = [];
  toks.forEach((t, i) => {
    if ('c' in t && (t.c === '-' || t.c === '/') && !isWord(toks[i - 1]) && isWord(toks[i + 1])) {
      positions.push(i);
    }
  });
  if (positions.length === 0) return [v];
  if (positions.length > MAX_WINDASH_POSITIONS) {
    throw new TransformError(`windash: too many option dashes (${positions.length})`);
  }
  const out: Encoded[] = [];
  const total = WINDASH_CHARS.length ** positions.length;
  for (let k = 0; k < total; k++) {
    let n = k;
    const copy = toks.slice();
    for (const pos of positions) {
      copy[pos] = { c: WINDASH_CHARS[n % WINDASH_CHARS.length]! };
      n = Math.floor(n / WINDASH_CHARS.length);
    }
    const s: SigmaString = copy.map((t) => ('c' in t ? t.c : t.w));
    out.push({ s: normalize(s), bytes: v.bytes });
  }
  return out;
}
