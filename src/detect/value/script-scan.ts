/**
 * Scans free text (PowerShell command text, decoded payloads, inline script) for what it runs:
 * nested invocations of known interpreters and LOLBins (`powershell -Win Hidden -enc $x` inside
 * Empire's `-c` text), file paths with executable, library or script extensions, and URLs.
 * The names come from data/interpreters.yaml and data/lolbins.yaml.
 */
import { extensionOf } from './canonical-path.js';
import { valueData } from './value-data.js';

let invocationRe: RegExp | undefined;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A program name (with optional folder and optional `.exe`) at the start of a token. */
function invocationPattern(): RegExp {
  if (invocationRe) return invocationRe;
  const d = valueData();
  const names = [
    ...d.interpreters.keys(),
    ...[...d.lolbins.keys()].filter((n) => n.endsWith('.exe')),
  ]
    .map((n) => escapeRe(n.replace(/\.exe$/, '')))
    .sort((a, b) => b.length - a.length);
  invocationRe = new RegExp(
    // Each folder step is `non-separators + one separator`, so the match is unambiguous (no
    // catastrophic backtracking on long runs of separators).
    `(?:^|[\\s;|&(){}'"])((?:[A-Za-z]:)?(?:[^\\s'"|;&<>\\\\/]*[\\\\/])*(?:${names.join('|')})(?:\\.exe)?)(?=[\\s'";)]|$)`,
    'gi',
  );
  return invocationRe;
}

/**
 * Nested command lines in script text: from each known program name to the end of its statement
 * (`;`, `|`, newline), e.g. `powershell -Win Hidden -enc $x` out of
 * `$x=$((gp HKLM:... Debug).Debug);powershell -Win Hidden -enc $x`.
 */
export function findNestedCommands(text: string, max = 8): string[] {
  const re = invocationPattern();
  re.lastIndex = 0;
  const out: string[] = [];
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    const prog = m[1] ?? '';
    const start = m.index + m[0].length - prog.length;
    // A statement ends at `;`, `|` or a line break outside quotes.
    let end = start;
    let quote: string | undefined;
    while (end < text.length) {
      const c = text[end] as string;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        // A quote with no partner later closes a string opened before the statement: stop.
        if (text.indexOf(c, end + 1) < 0) break;
        quote = c;
      } else if (c === ';' || c === '|' || c === '\n' || c === '\r') break;
      end++;
    }
    const stmt = text.slice(start, end).trim();
    // Drop a quote that closes around the statement (`-c "...; powershell -enc $x"`).
    out.push(stmt.replace(/["']+$/, ''));
    re.lastIndex = Math.max(end, re.lastIndex);
  }
  return out;
}

// Windows paths: quoted (may hold spaces) or unquoted (no spaces). Drive, UNC, %VAR% or $env: root.
const QUOTED_PATH =
  /(["'])((?:[A-Za-z]:|\\\\[^\\\s"']+|%[A-Za-z0-9_()]+%|\$env:[A-Za-z0-9_]+)[\\/][^"'\r\n]*?)\1/g;
const BARE_PATH =
  /(?:^|[\s=,(>])((?:[A-Za-z]:|\\\\[^\\\s"']+|%[A-Za-z0-9_()]+%|\$env:[A-Za-z0-9_]+)[\\/][^\s"'|;&<>,()]*)/g;

/** File paths in text whose extension is executable, library or script (data/file-types.yaml). */
export function findPayloadPaths(text: string, max = 16): string[] {
  const wanted = valueData().payloadExtensions;
  const out: string[] = [];
  const add = (p: string): void => {
    const ext = extensionOf(p);
    if (wanted.has(ext) && !out.includes(p) && out.length < max) out.push(p);
  };
  QUOTED_PATH.lastIndex = 0;
  for (let m = QUOTED_PATH.exec(text); m; m = QUOTED_PATH.exec(text)) add(m[2] ?? '');
  BARE_PATH.lastIndex = 0;
  for (let m = BARE_PATH.exec(text); m; m = BARE_PATH.exec(text)) add(m[1] ?? '');
  return out;
}

/** URLs and WebDAV paths in text (data/command-patterns.yaml `url`). */
export function findUrls(text: string, max = 16): string[] {
  const out: string[] = [];
  for (const p of valueData().url) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m && out.length < max; m = p.re.exec(text)) {
      const u = m[0].replace(/[`'")\].,;]+$/, '');
      if (!out.includes(u)) out.push(u);
    }
  }
  return out;
}
