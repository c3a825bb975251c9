/**
 * Bounded regular expressions for the `re` modifier.
 *
 * JavaScript's backtracking engine can take exponential time on patterns like `(a+)+$`. A hunt
 * runs rules written by others over logs written by attackers, so both sides are untrusted.
 * Two guards (docs/sigma.md "Regular expressions"):
 *
 * 1. Load time: a pattern in which a quantified group contains another quantifier (star height
 *    above one, `(a+)+`, `(a|b*)*`, `(?:x{2,})+`), or which uses a back-reference, is rejected with
 *    a reason. Those are the shapes that backtrack catastrophically; everything SigmaHQ writes
 *    passes.
 * 2. Match time: only the first `MAX_REGEX_INPUT` characters of a value are searched, so even a
 *    polynomial pattern has a bounded cost per value.
 * 3. Engine: star height one is not enough (`(a|a)*$` and `(a|aa)+$` are exponential, and
 *    `.*.*.*=.*x` is cubic: minutes on 16 KiB). V8 has a non-backtracking engine; with
 *    `--enable-experimental-regexp-engine-on-excessive-backtracks` a regex that backtracks too
 *    much is re-run there in linear time. That engine refuses the `i` flag and lookarounds, so
 *    `i` is compiled away by case-folding the pattern (`a` → `[aA]`), and a pattern the linear
 *    engine cannot run (probed with the `l` flag) is rejected. The flags are process-wide but only
 *    change how runaway regexes finish, not what any regex matches (docs/robustness.md).
 *
 * Sigma regexes are PCRE-flavoured (modifiers appendix, `re`); the inline flag prefix `(?i)`,
 * `(?m)`, `(?s)` (and combinations) is turned into JavaScript flags and `(?P<name>` into `(?<name>`.
 */

import { setFlagsFromString } from 'node:v8';

export const MAX_REGEX_INPUT = 16384;

setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
setFlagsFromString('--enable-experimental-regexp-engine');

export class RegexRejected extends Error {
  override readonly name = 'RegexRejected';
}

export interface RegexFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** Compiles a rule regex or throws RegexRejected with the reason. */
export function compileRuleRegex(source: string, flags: RegexFlags): RegExp {
  let src = source;
  let { ignoreCase, multiline, dotAll } = flags;
  const inline = /^\(\?([imsx]+)\)/.exec(src);
  if (inline) {
    const f = inline[1] ?? '';
    if (f.includes('x')) throw new RegexRejected('inline flag (?x) is not supported');
    ignoreCase ||= f.includes('i');
    multiline ||= f.includes('m');
    dotAll ||= f.includes('s');
    src = src.slice(inline[0].length);
  }
  src = src.replace(/\(\?P</g, '(?<');
  checkStarHeight(src);
  const jsFlags = (multiline ? 'm' : '') + (dotAll ? 's' : '');
  try {
    new RegExp(src, jsFlags); // syntax first, so a bad pattern says why
  } catch (e) {
    throw new RegexRejected(`invalid regular expression: ${(e as Error).message}`);
  }
  if (ignoreCase) src = foldCase(src);
  try {
    new RegExp(src, jsFlags + 'l');
  } catch {
    throw new RegexRejected('pattern cannot run in bounded time (lookaround or similar)');
  }
  return new RegExp(src, jsFlags);
}

/**
 * Case-insensitive form of a pattern without the `i` flag: every cased letter outside an escape
 * becomes a two-letter class, and class members and ASCII letter ranges gain their other case.
 * Escapes (`\w`, `\x41`, `\cA`, `\k<n>`) and group names (`(?<name>`) are copied unchanged.
 */
export function foldCase(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      const named = n === 'k' && src[i + 2] === '<' ? src.indexOf('>', i) + 1 - i : 0;
      const len = named > 0 ? named : n === 'x' ? 4 : n === 'u' ? 6 : n === 'c' ? 3 : 2;
      out += src.slice(i, i + len);
      i += len - 1;
      continue;
    }
    if (!inClass && c === '(' && src.startsWith('(?<', i) && !/^\(\?<[=!]/.test(src.slice(i))) {
      const close = src.indexOf('>', i);
      if (close > 0) {
        out += src.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        out += c;
        continue;
      }
      const hi = src[i + 2];
      if (src[i + 1] === '-' && hi !== undefined && hi !== ']' && hi !== '\\') {
        out += c + '-' + hi + otherCaseRange(c, hi);
        i += 2;
        continue;
      }
      out += c + otherCase(c);
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') out += src[++i]; // a literal ']' first in a class
      continue;
    }
    const o = otherCase(c);
    out += o === '' ? c : `[${c}${o}]`;
  }
  return out;
}

function otherCase(c: string): string {
  const l = c.toLowerCase();
  const u = c.toUpperCase();
  if (l.length !== 1 || u.length !== 1) return '';
  return c === l ? (u === c ? '' : u) : l;
}

/** The other-case counterpart of the ASCII letters in the range lo-hi. */
function otherCaseRange(lo: string, hi: string): string {
  let extra = '';
  for (const [a, z, shift] of [
    ['a', 'z', -32],
    ['A', 'Z', 32],
  ] as const) {
    const from = Math.max(lo.charCodeAt(0), a.charCodeAt(0));
    const to = Math.min(hi.charCodeAt(0), z.charCodeAt(0));
    if (from <= to)
      extra += String.fromCharCode(from + shift) + '-' + String.fromCharCode(to + shift);
  }
  return extra;
}

/** Tests a value against a compiled rule regex, searching only its first MAX_REGEX_INPUT chars. */
export function regexSearch(re: RegExp, value: string): boolean {
  return re.test(value.length > MAX_REGEX_INPUT ? value.slice(0, MAX_REGEX_INPUT) : value);
}

/**
 * Rejects nested quantifiers and back-references. A small scanner over the pattern: tracks, per
 * open group, whether it holds a quantifier; a group that holds one and is itself quantified
 * (`*`, `+`, `{n,}`, `{n,m}` with m > 1) is refused.
 */
function checkStarHeight(src: string): void {
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupHadQuant = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) throw new RegexRejected('back-references are not allowed');
      if (!inClass && n === 'k' && src[i + 2] === '<') {
        throw new RegexRejected('back-references are not allowed');
      }
      i++;
      lastGroupHadQuant = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroupHadQuant = false;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      lastGroupHadQuant = false;
      continue;
    }
    if (c === ')') {
      lastGroupHadQuant = stack.pop() ?? false;
      // The group's quantifier state propagates to the enclosing group.
      if (lastGroupHadQuant && stack.length > 0) stack[stack.length - 1] = true;
      const q = quantifierAt(src, i + 1);
      if (q.repeats && lastGroupHadQuant) {
        throw new RegexRejected(
          `nested quantifier at offset ${i + 1} (catastrophic backtracking risk)`,
        );
      }
      if (q.repeats && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    const q = quantifierAt(src, i);
    if (q.len > 0) {
      if (q.repeats && stack.length > 0) stack[stack.length - 1] = true;
      i += q.len - 1;
    }
    lastGroupHadQuant = false;
  }
}

/** Quantifier starting at `i`: its length and whether it repeats more than once. */
function quantifierAt(src: string, i: number): { len: number; repeats: boolean } {
  const c = src[i];
  if (c === '*' || c === '+') return { len: src[i + 1] === '?' ? 2 : 1, repeats: true };
  if (c === '?') return { len: 1, repeats: false };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(src.slice(i));
    if (!m) return { len: 0, repeats: false };
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
    return { len: m[0].length, repeats: hi > 1 };
  }
  return { len: 0, repeats: false };
}
