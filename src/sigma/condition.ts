/**
 * The `condition` grammar (Sigma rules specification, "Condition"):
 *
 * ```
 * condition := or
 * or        := and ("or" and)*
 * and       := not ("and" not)*
 * not       := "not" not | operand
 * operand   := ("1" | "any" | "all") "of" (pattern | "them") | identifier | "(" or ")"
 * ```
 * Precedence, least to most binding: or, and, not, `x of`, parentheses. `them` and patterns
 * exclude identifiers that start with `_` unless the pattern itself does. A pattern uses `*` for
 * any characters and must match at least one identifier. Operators are accepted in any letter
 * case. The obsolete aggregation syntax (`| count() ...`, `| near ...`) is rejected with a pointer
 * to correlation rules, as pySigma does.
 */

export class ConditionError extends Error {
  override readonly name = 'ConditionError';
}

export type CondNode =
  | { kind: 'id'; name: string }
  | { kind: 'not'; arg: CondNode }
  | { kind: 'and' | 'or'; args: CondNode[] }
  | { kind: 'of'; quantifier: 'one' | 'all'; names: string[]; pattern: string };

const TOKEN = /\s*(\(|\)|[^\s()]+)/y;

function tokenize(text: string): string[] {
  if (text.includes('|')) {
    throw new ConditionError(
      'the aggregation syntax ("| count", "| near") is obsolete; use a correlation rule',
    );
  }
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (m === null) break;
    out.push(m[1]!);
    pos = TOKEN.lastIndex;
  }
  if (text.slice(pos).trim() !== '') throw new ConditionError('cannot read condition');
  return out;
}

const IDENT = /^[A-Za-z0-9_-]+$/;
const PATTERN = /^[A-Za-z0-9_*-]+$/;

/** Parses a condition against the rule's search identifiers. */
/** Parentheses and `not` nesting allowed in one condition (SigmaHQ rules use a handful). */
export const MAX_CONDITION_DEPTH = 256;

export function parseCondition(text: string, identifiers: readonly string[]): CondNode {
  const toks = tokenize(text);
  let i = 0;
  // Nesting is bounded so a hostile rule (`((((…sel…))))`, `not not … sel`) is a reported
  // failure, not a stack overflow (found by fuzzing: 50,000 levels escaped as RangeError).
  let depth = 0;
  const peek = (): string | undefined => toks[i];
  const lower = (): string | undefined => toks[i]?.toLowerCase();
  const fail = (msg: string): never => {
    const shown = text.length > 200 ? text.slice(0, 200) + '…' : text;
    throw new ConditionError(`${msg} in condition "${shown}"`);
  };

  const parseOr = (): CondNode => {
    const args = [parseAnd()];
    while (lower() === 'or') {
      i++;
      args.push(parseAnd());
    }
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  };
  const parseAnd = (): CondNode => {
    const args = [parseNot()];
    while (lower() === 'and') {
      i++;
      args.push(parseNot());
    }
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  };
  const parseNot = (): CondNode => {
    if (++depth > MAX_CONDITION_DEPTH) fail(`nested deeper than ${MAX_CONDITION_DEPTH}`);
    try {
      if (lower() === 'not') {
        i++;
        return { kind: 'not', arg: parseNot() };
      }
      return parseOperand();
    } finally {
      depth--;
    }
  };
  const parseOperand = (): CondNode => {
    const t = peek();
    if (t === undefined) return fail('unexpected end');
    if (t === '(') {
      i++;
      const inner = parseOr();
      if (peek() !== ')') fail('missing ")"');
      i++;
      return inner;
    }
    const tl = t.toLowerCase();
    if ((tl === '1' || tl === 'any' || tl === 'all') && toks[i + 1]?.toLowerCase() === 'of') {
      const target = toks[i + 2];
      if (target === undefined) return fail('"of" without a target');
      i += 3;
      return selector(tl === 'all' ? 'all' : 'one', target);
    }
    if (['and', 'or', 'not', 'of', ')'].includes(tl)) return fail(`unexpected "${t}"`);
    if (!IDENT.test(t)) return fail(`invalid identifier "${t}"`);
    if (!identifiers.includes(t)) return fail(`unknown search identifier "${t}"`);
    i++;
    return { kind: 'id', name: t };
  };
  const selector = (quantifier: 'one' | 'all', target: string): CondNode => {
    let names: string[];
    if (target.toLowerCase() === 'them') {
      names = identifiers.filter((n) => !n.startsWith('_'));
    } else {
      if (!PATTERN.test(target)) return fail(`invalid pattern "${target}"`);
      const re = new RegExp('^' + target.replace(/[-]/g, '\\-').replace(/\*/g, '.*') + '$');
      names = identifiers.filter(
        (n) => re.test(n) && (!n.startsWith('_') || target.startsWith('_')),
      );
    }
    if (names.length === 0) return fail(`"${target}" matches no search identifier`);
    return { kind: 'of', quantifier, names, pattern: target };
  };

  const root = parseOr();
  if (i !== toks.length) fail(`unexpected "${toks[i]}"`);
  return root;
}

/** Names the condition refers to (for evidence and unused-identifier checks). */
export function referencedIdentifiers(node: CondNode, out = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'id':
      out.add(node.name);
      break;
    case 'not':
      referencedIdentifiers(node.arg, out);
      break;
    case 'and':
    case 'or':
      for (const a of node.args) referencedIdentifiers(a, out);
      break;
    case 'of':
      for (const n of node.names) out.add(n);
  }
  return out;
}

/** Turns a parsed condition into a closure over the identifiers' predicates. */
export function compileCondition<E>(
  node: CondNode,
  preds: ReadonlyMap<string, (e: E) => boolean>,
): (e: E) => boolean {
  switch (node.kind) {
    case 'id': {
      const p = preds.get(node.name);
      if (!p) throw new ConditionError(`unknown search identifier "${node.name}"`);
      return p;
    }
    case 'not': {
      const p = compileCondition(node.arg, preds);
      return (e) => !p(e);
    }
    case 'and': {
      const ps = node.args.map((a) => compileCondition(a, preds));
      return (e) => ps.every((p) => p(e));
    }
    case 'or': {
      const ps = node.args.map((a) => compileCondition(a, preds));
      return (e) => ps.some((p) => p(e));
    }
    case 'of': {
      const ps = node.names.map((n) => compileCondition({ kind: 'id', name: n }, preds));
      return node.quantifier === 'all' ? (e) => ps.every((p) => p(e)) : (e) => ps.some((p) => p(e));
    }
  }
}
