/**
 * A query dialect is a table: how to spell and/or/not, which operators bind tighter, when a
 * sub-expression needs parentheses, how to quote and escape literal text and wildcards, and a
 * field map. `renderNode` walks the rule tree with it.
 *
 * Parentheses follow pySigma's converter (sigma/conversion/base.py `compare_precedence`): a child
 * is wrapped when it binds less tightly than its parent, or, for dialects with
 * `parenthesizeAll`, whenever it is not a single comparison. A value list counts as an OR (or an
 * AND under `all`) even when the dialect writes it as one `IN (...)` expression.
 */
import { ANY, ONE, type Part, type SigmaString } from '../../sigma/sigma-string.js';
import type { FieldItem, ItemOp, Node } from './tree.js';

export type Op = 'and' | 'or' | 'not';

export class DialectError extends Error {
  override readonly name = 'DialectError';
}

export interface Dialect {
  name: string;
  and: string;
  or: string;
  not(expr: string): string;
  /** Most tightly binding first (pySigma `precedence`). */
  precedence: readonly Op[];
  parenthesizeAll: boolean;
  /** The event field name in this target; throws DialectError for unmapped fields. */
  field(sigmaField: string): string;
  /** One comparison `field op value`. */
  compare(field: string, op: ItemOp, value: SigmaString): string;
  /** An OR of one field's values as one expression, when the dialect has one (IN lists). */
  inList?(field: string, op: ItemOp, values: readonly SigmaString[]): string | null;
  isNull(field: string): string;
}

/** Puts the wildcards a modifier means around a value (contains → `*v*`). */
export function withWildcards(op: ItemOp, v: SigmaString): SigmaString {
  const A: Part = ANY;
  const starts = v[0] === ANY;
  const ends = v[v.length - 1] === ANY;
  if (op === 'contains') return [...(starts ? [] : [A]), ...v, ...(ends ? [] : [A])];
  if (op === 'startswith') return [...v, ...(ends ? [] : [A])];
  if (op === 'endswith') return [...(starts ? [] : [A]), ...v];
  return v;
}

/** Renders literal text with `lit` and each wildcard with `any` / `one`. */
export function spell(
  v: SigmaString,
  lit: (s: string) => string,
  any: string,
  one: string,
): string {
  return v.map((p) => (p === ANY ? any : p === ONE ? one : lit(p))).join('');
}

/** A value that is a plain decimal number (EventIDs): written unquoted where the dialect allows. */
export function isNumber(v: SigmaString): boolean {
  return v.length === 1 && typeof v[0] === 'string' && /^\d+$/.test(v[0]);
}

export function hasInnerWildcard(v: SigmaString): boolean {
  return v.some((p) => typeof p !== 'string');
}

type Kind = Op | 'leaf';

interface Rendered {
  text: string;
  kind: Kind;
}

function binding(d: Dialect, k: Kind): number {
  if (k === 'leaf') return -1;
  return d.precedence.indexOf(k);
}

function wrapIfNeeded(d: Dialect, child: Rendered, parent: Op): string {
  if (child.kind === 'leaf') return child.text;
  if (d.parenthesizeAll) return `(${child.text})`;
  return binding(d, child.kind) > binding(d, parent) ? `(${child.text})` : child.text;
}

function join(d: Dialect, op: 'and' | 'or', parts: Rendered[]): Rendered {
  return {
    text: parts.map((p) => wrapIfNeeded(d, p, op)).join(op === 'and' ? d.and : d.or),
    kind: op,
  };
}

function renderItem(d: Dialect, item: FieldItem): Rendered {
  const field = d.field(item.field);
  if (item.op === 'null') return { text: d.isNull(field), kind: 'leaf' };
  const leaves = item.values.map((v) => ({
    text: d.compare(field, item.op, v),
    kind: 'leaf' as const,
  }));
  if (leaves.length === 1) return leaves[0]!;
  if (!item.all && d.inList) {
    const list = d.inList(field, item.op, item.values);
    if (list !== null) return { text: list, kind: 'or' };
  }
  return join(d, item.all ? 'and' : 'or', leaves);
}

export function render(d: Dialect, n: Node): Rendered {
  switch (n.kind) {
    case 'item':
      return renderItem(d, n.item);
    case 'and':
    case 'or':
      return join(
        d,
        n.kind,
        n.args.map((a) => render(d, a)),
      );
    case 'not': {
      const inner = render(d, n.arg);
      return { text: d.not(wrapIfNeeded(d, inner, 'not')), kind: 'not' };
    }
  }
}

export function renderNode(d: Dialect, n: Node): string {
  return render(d, n).text;
}
