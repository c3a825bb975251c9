/**
 * Compiles correlation (meta) rules (sigma-correlation-rules-specification.md): resolves the
 * referenced rules by id or name, parses `timespan`, `group-by`, `aliases` and `condition`.
 */
import type { LoadedDoc } from './loader.js';
import type {
  CompiledCorrelation,
  CompiledRule,
  CorrelationType,
  CountCondition,
  RuleInfo,
} from './types.js';

export class CorrelationError extends Error {
  override readonly name = 'CorrelationError';
}

const SUPPORTED: readonly CorrelationType[] = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
];

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/** `10m`, `1h`, `2d` (spec: s, m, h, d; pySigma also w, M, y). */
export function parseTimespan(t: unknown): number {
  const m = /^(\d+)([smhdwMy])$/.exec(String(t).trim());
  if (!m) throw new CorrelationError(`invalid timespan "${String(t)}"`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function compileCorrelation(
  d: LoadedDoc,
  rules: readonly CompiledRule[],
  info: RuleInfo,
): CompiledCorrelation {
  const c = d.doc['correlation'] as Record<string, unknown>;
  const type = c['type'] as CorrelationType;
  if (!SUPPORTED.includes(type)) {
    throw new CorrelationError(`correlation type "${String(c['type'])}" is not supported`);
  }
  const refs = (Array.isArray(c['rules']) ? c['rules'] : [c['rules']]).map(String);
  const ruleIds: string[] = [];
  const refToId = new Map<string, string>();
  for (const ref of refs) {
    const r = rules.find((x) => x.info.id === ref || x.info.name === ref);
    if (!r) {
      throw new CorrelationError(
        `referenced rule "${ref}" is not among the loaded detection rules (chained correlations are not supported)`,
      );
    }
    const key = r.info.id || (r.info.name ?? '');
    ruleIds.push(key);
    refToId.set(ref, key);
  }
  const gb = c['group-by'];
  const groupBy = gb === undefined ? [] : (Array.isArray(gb) ? gb : [gb]).map(String);

  const aliases = new Map<string, Map<string, string>>();
  if (isPlainObject(c['aliases'])) {
    for (const [alias, perRule] of Object.entries(c['aliases'])) {
      if (!isPlainObject(perRule))
        throw new CorrelationError(`alias "${alias}" must map rules to fields`);
      for (const [ref, field] of Object.entries(perRule)) {
        const id = refToId.get(ref);
        if (id === undefined)
          throw new CorrelationError(`alias "${alias}" names unknown rule "${ref}"`);
        let m = aliases.get(id);
        if (!m) aliases.set(id, (m = new Map()));
        m.set(alias, String(field));
      }
    }
  }

  const condition: CountCondition = {};
  let field: string | undefined;
  const rawCond = c['condition'];
  if (isPlainObject(rawCond)) {
    for (const [k, v] of Object.entries(rawCond)) {
      if (k === 'field') field = String(v);
      else if (['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(k) && typeof v === 'number') {
        condition[k as keyof CountCondition] = v;
      } else throw new CorrelationError(`unsupported condition "${k}: ${String(v)}"`);
    }
  } else if (rawCond !== undefined) {
    throw new CorrelationError(
      'correlation condition must be a map (extended conditions are not supported)',
    );
  }
  if (Object.keys(condition).length === 0) {
    if (type === 'temporal' || type === 'temporal_ordered') condition.gte = ruleIds.length;
    else throw new CorrelationError(`"${type}" needs a condition`);
  }
  if ((type === 'value_count' || type === 'value_sum' || type === 'value_avg') && !field) {
    throw new CorrelationError(`"${type}" needs condition.field`);
  }
  return {
    info,
    type,
    ruleIds,
    groupBy,
    aliases,
    timespanMs: parseTimespan(c['timespan']),
    condition,
    ...(field !== undefined ? { field } : {}),
  };
}

export function conditionHolds(c: CountCondition, n: number): boolean {
  return (
    (c.gt === undefined || n > c.gt) &&
    (c.gte === undefined || n >= c.gte) &&
    (c.lt === undefined || n < c.lt) &&
    (c.lte === undefined || n <= c.lte) &&
    (c.eq === undefined || n === c.eq) &&
    (c.neq === undefined || n !== c.neq)
  );
}
