/**
 * Turns a rule tree's selections and condition into one `Node` tree, with the shape pySigma's
 * converter gives it (SigmaHQ/pySigma sigma/conditions.py): a selection with one item is that
 * item, otherwise an AND of its items; `1 of x*` is an OR and `all of x*` an AND over the
 * matched selections; `not` and `and`/`or` as written. Dialects rely on this shape for their
 * parenthesisation, which is why it is not flattened.
 */
import { parseCondition, type CondNode } from '../../sigma/condition.js';
import type { Node, RuleTree } from './tree.js';

export function conditionTree(rule: Pick<RuleTree, 'selections' | 'condition'>): Node {
  const names = Object.keys(rule.selections);
  const selection = (name: string): Node => {
    const items = rule.selections[name] ?? [];
    if (items.length === 1) return { kind: 'item', item: items[0]! };
    return { kind: 'and', args: items.map((item) => ({ kind: 'item', item })) };
  };
  const walk = (c: CondNode): Node => {
    switch (c.kind) {
      case 'id':
        return selection(c.name);
      case 'not':
        return { kind: 'not', arg: walk(c.arg) };
      case 'and':
      case 'or':
        return { kind: c.kind, args: c.args.map(walk) };
      case 'of': {
        const args = c.names.map(selection);
        return args.length === 1 ? args[0]! : { kind: c.quantifier === 'all' ? 'and' : 'or', args };
      }
    }
  };
  return walk(parseCondition(rule.condition.replace(/\s+/g, ' ').trim(), names));
}
