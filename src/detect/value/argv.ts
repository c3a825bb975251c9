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

/** Splits arguments that follow the program name (no special first-argument rule). */
export function splitArgSpans(line: string, from = 0): ArgSpan[] {
  const out: ArgSpan[] = [];
  const n = line.length;
  let i = from;
  for (;;) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n) break;
    const start = i;
    const buf: string[] = []; // an array, so dropping backslashes is O(1) (inputs may be hostile)
    let quoteCount = 0; // odd = inside quotes
    let backslashes = 0;
    while (i < n) {
      const c = line[i] as string;
      if (isBlank(c) && quoteCount % 2 === 0) break;
      if (c === '\\') {
        buf.push(c);
        backslashes++;
        i++;
        continue;
      }
      if (c === '"') {
        if (backslashes % 2 === 0) {
          buf.length -= backslashes / 2;
          quoteCount++;
        } else {
          buf.length -= (backslashes + 1) / 2;
          buf.push('"');
        }
        backslashes = 0;
        i++;
        while (line[i] === '"') {
          quoteCount++;
          if (quoteCount === 3) {
            buf.push('"');
            quoteCount = 0;
          }
          i++;
        }
        if (quoteCount === 2) quoteCount = 0;
        continue;
      }
      buf.push(c);
      backslashes = 0;
      i++;
    }
    out.push({ value: buf.join(''), start, end: i });
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
