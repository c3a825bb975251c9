/**
 * Splits a Windows command line into arguments the way CommandLineToArgvW (and the Microsoft C
 * runtime) does, because that is how the program an autostart value names will see them.
 *
 * Rules (documented behaviour of CommandLineToArgvW / "Parsing C++ command-line arguments"):
 * - Arguments are separated by spaces and tabs outside double quotes.
 * - The program name (first argument) is special: if it starts with `"` it runs to the next `"`,
 *   otherwise to the first space or tab; backslashes are not escapes there.
 * - Elsewhere, 2n backslashes followed by `"` give n backslashes and toggle quoting; 2n+1
 *   backslashes followed by `"` give n backslashes and a literal `"`; other backslashes are literal.
 * - Inside quotes, runs of quotes follow the native counting rule: every third consecutive quote
 *   is a literal `"`, so `"a""b"` is `a"b`.
 * Linear in the input length; never throws.
 */

export interface ArgSpan {
  /** The argument after quote and backslash processing. */
  value: string;
  /** Offset of its first character in the input. */
  start: number;
  /** Offset just after its last character in the input. */
  end: number;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * Splits arguments that follow the program name (no special first-argument rule). At most `max`
 * arguments are returned (the rest of a hostile line is not needed for analysis).
 */
export function splitArgSpans(line: string, from = 0, max = Number.POSITIVE_INFINITY): ArgSpan[] {
  const out: ArgSpan[] = [];
  const n = line.length;
  let i = from;
  while (out.length < max) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n) break;
    const start = i;
    // Text is copied in slices between the characters that need work (quotes), not one by one.
    let buf = '';
    let segStart = i;
    let quoteCount = 0; // odd = inside quotes
    let backslashes = 0;
    while (i < n) {
      const c = line[i] as string;
      if (isBlank(c) && quoteCount % 2 === 0) break;
      if (c === '\\') {
        backslashes++;
        i++;
        continue;
      }
      if (c === '"') {
        // 2n backslashes + quote: n backslashes and a quote toggle; 2n+1: n and a literal quote.
        buf += line.slice(segStart, i - backslashes) + '\\'.repeat(backslashes >> 1);
        if (backslashes % 2 === 0) quoteCount++;
        else buf += '"';
        backslashes = 0;
        i++;
        while (line[i] === '"') {
          quoteCount++;
          if (quoteCount === 3) {
            buf += '"';
            quoteCount = 0;
          }
          i++;
        }
        if (quoteCount === 2) quoteCount = 0;
        segStart = i;
        continue;
      }
      backslashes = 0;
      i++;
    }
    buf += line.slice(segStart, i);
    out.push({ value: buf, start, end: i });
  }
  return out;
}

/** The program-name argument at `from`: quoted to the next quote, else to the next blank. */
export function programSpan(line: string, from = 0): ArgSpan | undefined {
  let i = from;
  while (i < line.length && isBlank(line[i])) i++;
  if (i >= line.length) return undefined;
  const start = i;
  if (line[i] === '"') {
    const close = line.indexOf('"', i + 1);
    const end = close < 0 ? line.length : close + 1;
    return { value: line.slice(i + 1, close < 0 ? line.length : close), start, end };
  }
  while (i < line.length && !isBlank(line[i])) i++;
  return { value: line.slice(start, i), start, end: i };
}

/** CommandLineToArgvW: program name first, then the other arguments. */
export function splitArgv(line: string): string[] {
  const prog = programSpan(line);
  if (!prog) return [];
  return [prog.value, ...splitArgSpans(line, prog.end).map((a) => a.value)];
}

/** The arguments after the program name (the C runtime's rules for argv[1..]). */
export function splitArgs(line: string): string[] {
  return splitArgSpans(line).map((a) => a.value);
}
