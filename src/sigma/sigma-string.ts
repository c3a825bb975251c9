/**
 * Sigma string values: literal text and the two wildcards.
 *
 * Sigma rules specification, "String Wildcard" and "Escape Character": `*` matches any number of
 * characters (also none), `?` exactly one; a backslash escapes `*`, `?` and `\` only. A backslash
 * before any other character, and a trailing backslash, stay literal (so `C:\Windows\x.exe` and
 * `C:\\Windows\\x.exe` mean the same). This is how pySigma's `SigmaString` parses too.
 */

export const ANY = 0; // `*`
export const ONE = 1; // `?`
export type Wildcard = typeof ANY | typeof ONE;
/** A string is literal runs and wildcards, e.g. `['C:\\', ANY, '.exe']`. */
export type Part = string | Wildcard;
export type SigmaString = Part[];

/** Parses a rule value per the wildcard/escape rules above. */
export function parseSigmaString(raw: string): SigmaString {
  const out: SigmaString = [];
  let lit = '';
  let escaped = false;
  const flush = (): void => {
    if (lit !== '') out.push(lit);
    lit = '';
  };
  for (const c of raw) {
    if (escaped) {
      lit += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '*') {
      flush();
      out.push(ANY);
    } else if (c === '?') {
      flush();
      out.push(ONE);
    } else {
      lit += c;
    }
  }
  if (escaped) lit += '\\';
  flush();
  return out;
}

/** A value with no wildcards (numbers, booleans, transformed bytes). */
export function literal(s: string): SigmaString {
  return s === '' ? [] : [s];
}

export function hasWildcards(s: SigmaString): boolean {
  return s.some((p) => typeof p !== 'string');
}

/** The literal text of a wildcard-free string (throws otherwise: callers check first). */
export function plainText(s: SigmaString): string {
  return s.map((p) => (typeof p === 'string' ? p : '')).join('');
}

/** Merges adjacent literals (transformations may split them). */
export function normalize(s: SigmaString): SigmaString {
  const out: SigmaString = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (typeof p === 'string') {
      if (p === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + p;
      else out.push(p);
    } else if (!(p === ANY && last === ANY)) {
      out.push(p);
    }
  }
  return out;
}

/** Renders back to rule syntax (wildcards bare, literal `*?\` escaped), for messages. */
export function renderSigmaString(s: SigmaString): string {
  return s
    .map((p) => (p === ANY ? '*' : p === ONE ? '?' : p.replace(/[*?\\]/g, (c) => '\\' + c)))
    .join('');
}
