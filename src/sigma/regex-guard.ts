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
 *
 * Sigma regexes are PCRE-flavoured (modifiers appendix, `re`); the inline flag prefix `(?i)`,
 * `(?m)`, `(?s)` (and combinations) is turned into JavaScript flags and `(?P<name>` into `(?<name>`.
 */

export const MAX_REGEX_INPUT = 16384;

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
  try {
    return new RegExp(src, (ignoreCase ? 'i' : '') + (multiline ? 'm' : '') + (dotAll ? 's' : ''));
  } catch (e) {
    throw new RegexRejected(`invalid regular expression: ${(e as Error).message}`);
  }
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
