/**
 * Reads a Sigma rule document into a rule tree, for converting existing Sigma rules with the
 * same dialect renderers as generated ones. The subset converted is what query languages can
 * express without an engine: selections that are maps of `Field|contains|startswith|endswith|all`
 * with string/number values or null. Anything else throws a ConvertError with the reason.
 */
import { parseKey } from '../../sigma/modifiers.js';
import { literal, parseSigmaString } from '../../sigma/sigma-string.js';
import type { FieldItem, ItemOp, Level, RuleTree } from './tree.js';

export class ConvertError extends Error {
  override readonly name = 'ConvertError';
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

export function ruleTreeFromSigma(doc: Record<string, unknown>): RuleTree {
  const det = doc['detection'];
  if (!isMap(det)) throw new ConvertError('no detection section');
  const selections: Record<string, FieldItem[]> = {};
  for (const [name, body] of Object.entries(det)) {
    if (name === 'condition' || name === 'timeframe') continue;
    if (!isMap(body))
      throw new ConvertError(
        `selection "${name}" is not a map (lists of maps and keywords are not converted)`,
      );
    selections[name] = Object.entries(body).map(([key, value]) => item(key, value));
  }
  const cond = det['condition'];
  if (typeof cond !== 'string') throw new ConvertError('condition must be one string');
  const ls = isMap(doc['logsource']) ? doc['logsource'] : {};
  return {
    title: str(doc['title']),
    id: str(doc['id']),
    status: 'experimental',
    description: str(doc['description']),
    author: str(doc['author']),
    date: str(doc['date']),
    tags: Array.isArray(doc['tags']) ? doc['tags'].map(String) : [],
    logsource: { category: str(ls['category']), product: str(ls['product'], 'windows') },
    selections,
    condition: cond,
    falsepositives: Array.isArray(doc['falsepositives']) ? doc['falsepositives'].map(String) : [],
    level: str(doc['level'], 'medium') as Level,
  };
}

function item(key: string, value: unknown): FieldItem {
  const chain = parseKey(key);
  if (chain.field === null) throw new ConvertError(`keyword items are not converted ("${key}")`);
  if (chain.type !== null || chain.cased || chain.neq) {
    throw new ConvertError(`modifier in "${key}" is not converted`);
  }
  const ops = chain.transforms;
  if (ops.length > 1 || ops.some((o) => !['contains', 'startswith', 'endswith'].includes(o))) {
    throw new ConvertError(`modifiers of "${key}" are not converted`);
  }
  const op: ItemOp = (ops[0] as ItemOp | undefined) ?? 'equals';
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 1 && values[0] === null) return { field: chain.field, op: 'null' };
  return {
    field: chain.field,
    op,
    all: chain.all,
    values: values.map((v) => {
      if (typeof v === 'string') return parseSigmaString(v);
      if (typeof v === 'number') return literal(String(v));
      throw new ConvertError(`value of "${key}" is not a string or number`);
    }),
  };
}
