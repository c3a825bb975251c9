/**
 * How cmd.exe reads `cmd [/switches] /c <command>`: the switch scan, the quote rule of `/c` and
 * `/k`, command chains (`&`, `&&`, `|`, `||`), the `^` escape, and the `start` / `call` builtins.
 * Source: the help text of cmd.exe (`cmd /?`, "If /C or /K is specified, then the remainder of the
 * command line after the switch is processed as a command line ...") and of `start /?`.
 */
import { splitArgSpans } from './argv.js';

export interface CmdInvocation {
  /** The command text cmd runs (after its quote rule), or undefined for an interactive shell. */
  command?: string;
  /** The switch that carried it: `c` (run and exit), `k` (run and stay), `r` (same as /c). */
  mode?: 'c' | 'k' | 'r';
  /** Other switches seen before it (`q`, `d`, `s`, `v:on`, ...). */
  switches: string[];
}

/** Reads cmd.exe's own switches from the text after the program name. */
export function parseCmdArguments(args: string): CmdInvocation {
  const switches: string[] = [];
  let i = 0;
  const n = args.length;
  while (i < n) {
    while (i < n && (args[i] === ' ' || args[i] === '\t')) i++;
    if (i >= n || args[i] !== '/') break;
    const letter = (args[i + 1] ?? '').toLowerCase();
    if (letter === 'c' || letter === 'k' || letter === 'r') {
      const rest = args.slice(i + 2).replace(/^[ \t]+/, '');
      const mode = letter;
      return { command: applyQuoteRule(rest, switches.includes('s')), mode, switches };
    }
    let j = i + 1;
    while (j < n && args[j] !== ' ' && args[j] !== '\t' && args[j] !== '/') j++;
    if (j > i + 1) switches.push(args.slice(i + 1, j).toLowerCase());
    i = j;
  }
  return { switches };
}

const SPECIAL = /[&<>()@^|]/;
const EXECUTABLE_NAME = /\.(exe|com|bat|cmd)$/i;

/**
 * cmd's rule for the text after /c or /k: quotes are kept only when there are exactly two, with
 * no special character and at least one blank between them, no /S switch, and the quoted text
 * names an executable (approximated by its extension: the file system is not available here).
 * Otherwise a leading quote and the last quote on the line are removed, keeping what follows it.
 */
export function applyQuoteRule(rest: string, slashS: boolean): string {
  const quotes = [...rest].filter((c) => c === '"').length;
  if (!slashS && quotes === 2 && rest.startsWith('"')) {
    const close = rest.indexOf('"', 1);
    const inner = rest.slice(1, close);
    if (!SPECIAL.test(inner) && /[ \t]/.test(inner) && EXECUTABLE_NAME.test(inner.trim())) {
      return rest;
    }
  }
  if (!rest.startsWith('"')) return rest;
  const last = rest.lastIndexOf('"');
  if (last <= 0) return rest.slice(1);
  return rest.slice(1, last) + rest.slice(last + 1);
}

/**
 * Splits a cmd command line into the commands of a chain. Separators are `&`, `&&`, `|`, `||`
 * outside double quotes and not escaped with `^`; carets outside quotes are removed from each
 * part as cmd removes them (`^^` leaves one `^`). Grouping parentheses around a part are dropped.
 */
export function splitCmdChain(text: string, maxParts = 32): string[] {
  const parts: string[] = [];
  let cur: string[] = [];
  let inQuotes = false;
  const flush = (): void => {
    let s = cur.join('').trim();
    while (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
    if (s.startsWith('(')) s = s.slice(1).trim();
    if (s.endsWith(')') && !s.includes('(')) s = s.slice(0, -1).trim();
    if (s) parts.push(s);
    cur = [];
  };
  for (let i = 0; i < text.length && parts.length < maxParts; i++) {
    const c = text[i] as string;
    if (c === '"') {
      inQuotes = !inQuotes;
      cur.push(c);
      continue;
    }
    if (!inQuotes && c === '^') {
      i++;
      if (i < text.length) cur.push(text[i] as string);
      continue;
    }
    if (!inQuotes && (c === '&' || c === '|')) {
      if (text[i + 1] === c) i++;
      flush();
      continue;
    }
    cur.push(c);
  }
  flush();
  return parts.slice(0, maxParts);
}

// `start` options that take a value (`start /d C:\dir app.exe`, `/affinity 0x3`, `/node 1`).
const START_VALUE_OPTIONS = new Set(['/d', '/affinity', '/node']);

/**
 * The command `start` runs: an optional quoted title first, then `/` options, then the command.
 * Returns the command text as written, or undefined when there is none (`start` alone opens a
 * new console).
 */
export function startTarget(args: string): string | undefined {
  const spans = splitArgSpans(args);
  let k = 0;
  const first = spans[0];
  if (first && args[first.start] === '"') k = 1; // "title"
  while (k < spans.length) {
    const span = spans[k];
    if (!span) break;
    const v = span.value.toLowerCase();
    if (!v.startsWith('/')) break;
    if (START_VALUE_OPTIONS.has(v)) k++;
    k++;
  }
  const cmd = spans[k];
  return cmd ? args.slice(cmd.start) : undefined;
}
