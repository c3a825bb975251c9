/**
 * A small reader for PowerShell statements, enough to find cmdlet parameters in command lines:
 * statements split at `;`, `|` and line breaks outside quotes; tokens split at blanks outside
 * quotes, with '...' ('' escapes a quote) and "..." (` escapes) strings unquoted. Simple
 * `$name = 'literal'` assignments are remembered so `-Path $p` can be resolved.
 * This is not a PowerShell parser: sub-expressions and script blocks stay raw text.
 */

/** Splits script text into statements (outside quotes). Bounded by `max`. */
export function splitStatements(text: string, max = 64): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '`' && quote === '"') {
        cur += c + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === ';' || c === '|' || c === '\n' || c === '\r') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim() && out.length < max) out.push(cur.trim());
  return out;
}

/** Tokens of one statement, quotes removed. */
export function tokenize(statement: string, max = 256): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let started = false;
  let quote: string | undefined;
  const flush = (): void => {
    if (started) out.push(cur.join(''));
    cur = [];
    started = false;
  };
  for (let i = 0; i < statement.length && out.length < max; i++) {
    const c = statement[i] as string;
    if (quote === "'") {
      if (c === "'" && statement[i + 1] === "'") {
        cur.push("'");
        i++;
      } else if (c === "'") quote = undefined;
      else cur.push(c);
      continue;
    }
    if (quote === '"') {
      if (c === '`') {
        cur.push(statement[i + 1] ?? '');
        i++;
      } else if (c === '"') quote = undefined;
      else cur.push(c);
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      started = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === ',') {
      // A comma separates array elements and method arguments alike; both are boundaries here.
      flush();
      continue;
    }
    cur.push(c);
    started = true;
  }
  flush();
  return out;
}

/** `$name = 'literal'` / `$name = "literal"` assignments in the text (last one wins). */
export function literalAssignments(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  const re = /\$([A-Za-z_][\w]*)\s*=\s*(['"])([^'"\r\n]*)\2/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    vars.set((m[1] ?? '').toLowerCase(), m[3] ?? '');
  }
  return vars;
}

/** Replaces a `$var` token with its literal value when one was assigned. */
export function resolveVariable(token: string, vars: ReadonlyMap<string, string>): string {
  const m = /^\$([A-Za-z_]\w*)$/.exec(token);
  if (!m) return token;
  return vars.get((m[1] ?? '').toLowerCase()) ?? token;
}
