/**
 * Compiles a Sigma string into a full-match test without regular expressions.
 *
 * The common shapes become one string operation (`===`, `startsWith`, `endsWith`, `includes`);
 * anything else is matched segment by segment: the pattern is split at `*`, the first segment is
 * anchored at the start, the last at the end, and each middle segment is found at its leftmost
 * position after the previous one. Leftmost-first is correct for `*`-separated globs and needs no
 * backtracking, so the cost is at most O(value × pattern) and never exponential.
 *
 * Case: the caller passes values already lower-cased for case-insensitive matches; the needles
 * are lower-cased here once, at compile time.
 */
import { ANY, ONE, type SigmaString } from './sigma-string.js';

export type StringTest = (value: string) => boolean;

/** A segment between two `*`: literal characters and `?` (null). */
type Segment = (string | null)[];

export function compileGlob(pattern: SigmaString, cased: boolean): StringTest {
  const parts = pattern.map((p) => (typeof p === 'string' && !cased ? p.toLowerCase() : p));
  const hasOne = parts.includes(ONE);
  const anys = parts.filter((p) => p === ANY).length;
  const lits = parts.filter((p): p is string => typeof p === 'string');

  if (!hasOne) {
    if (anys === 0) {
      const needle = lits.join('');
      return (v) => v === needle;
    }
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (parts.length === 1) return () => true; // `*`
    if (parts.length === 2 && first === ANY && typeof last === 'string') {
      return (v) => v.endsWith(last);
    }
    if (parts.length === 2 && last === ANY && typeof first === 'string') {
      return (v) => v.startsWith(first);
    }
    if (parts.length === 3 && first === ANY && last === ANY && typeof parts[1] === 'string') {
      const mid = parts[1];
      return (v) => v.includes(mid);
    }
  }
  return segmentMatcher(parts);
}

function segmentMatcher(parts: readonly (string | typeof ANY | typeof ONE)[]): StringTest {
  const segments: Segment[] = [[]];
  for (const p of parts) {
    if (p === ANY) segments.push([]);
    else if (p === ONE) segments[segments.length - 1]!.push(null);
    else for (const ch of p) segments[segments.length - 1]!.push(ch);
  }
  const head = segments[0]!;
  if (segments.length === 1) {
    return (v) => [...v].length === head.length && matchAt([...v], 0, head);
  }
  const tail = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  return (value) => {
    // Work on code points so `?` is one character even outside the BMP.
    const v = [...value];
    if (v.length < head.length + tail.length) return false;
    if (!matchAt(v, 0, head)) return false;
    const tailStart = v.length - tail.length;
    if (!matchAt(v, tailStart, tail)) return false;
    let pos = head.length;
    for (const seg of middle) {
      const at = findFrom(v, pos, tailStart, seg);
      if (at < 0) return false;
      pos = at + seg.length;
    }
    return true;
  };
}

function matchAt(v: readonly string[], at: number, seg: Segment): boolean {
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c !== null && v[at + i] !== c) return false;
  }
  return true;
}

/** Leftmost index ≥ from where seg fits entirely before `end`, or -1. */
function findFrom(v: readonly string[], from: number, end: number, seg: Segment): number {
  for (let i = from; i + seg.length <= end; i++) if (matchAt(v, i, seg)) return i;
  return -1;
}
