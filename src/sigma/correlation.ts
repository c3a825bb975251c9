/**
 * Evaluates correlation rules over the matches of their base rules
 * (sigma-correlation-rules-specification.md).
 *
 * Matches are grouped by the `group-by` fields (through `aliases` where a rule names the field
 * differently) and sorted by event time. Windows are anchored at each event and span
 * `timespan`; when a window meets the condition it is reported and the scan resumes after it,
 * so overlapping windows are not reported twice. Per type, the window value is:
 * - event_count: number of events;
 * - value_count: number of distinct values of `condition.field`;
 * - value_sum / value_avg: sum / average of the numeric values of `condition.field`;
 * - temporal: number of distinct referenced rules (condition defaults to "all of them");
 * - temporal_ordered: the window must start with the first rule and contain the rules in the
 *   listed order; the value is how many of them were seen in order.
 * Events without a timestamp cannot be placed in a window and are not counted.
 */
import { conditionHolds } from './correlation-compile.js';
import { numberOf } from './detection-item.js';
import { EventView } from './event-view.js';
import type { CompiledCorrelation, CorrelationMatch, RuleMatch } from './types.js';

interface Item {
  t: number;
  ruleId: string;
  match: RuleMatch;
  /** The aggregated field's value (value_* types). */
  value: string | undefined;
}

/** ISO 8601 UTC → ms; fractions beyond milliseconds are dropped. NaN when unknown. */
export function timeMs(iso: string): number {
  if (iso === '') return NaN;
  return Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
}

export class Correlator {
  private readonly groups = new Map<
    CompiledCorrelation,
    Map<string, { group: Record<string, string>; items: Item[] }>
  >();

  constructor(private readonly correlations: readonly CompiledCorrelation[]) {
    for (const c of correlations) this.groups.set(c, new Map());
  }

  add(m: RuleMatch): void {
    const id = m.rule.id || (m.rule.name ?? '');
    for (const c of this.correlations) {
      if (!c.ruleIds.includes(id)) continue;
      const t = timeMs(m.event.timeCreated);
      if (Number.isNaN(t)) continue;
      const view = new EventView(m.event);
      const aliases = c.aliases.get(id);
      const fieldFor = (f: string): string => aliases?.get(f) ?? f;
      const group: Record<string, string> = {};
      for (const g of c.groupBy) group[g] = view.get(fieldFor(g)) ?? '';
      const key = JSON.stringify(c.groupBy.map((g) => group[g]));
      const perCorr = this.groups.get(c)!;
      let g = perCorr.get(key);
      if (!g) perCorr.set(key, (g = { group, items: [] }));
      const value = c.field === undefined ? undefined : view.get(fieldFor(c.field));
      g.items.push({ t, ruleId: id, match: m, value });
    }
  }

  finish(): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    for (const c of this.correlations) {
      for (const { group, items } of this.groups.get(c)!.values()) {
        items.sort((a, b) => a.t - b.t);
        out.push(...scan(c, items, group));
      }
    }
    return out;
  }
}

function scan(
  c: CompiledCorrelation,
  items: Item[],
  group: Record<string, string>,
): CorrelationMatch[] {
  const out: CorrelationMatch[] = [];
  let i = 0;
  while (i < items.length) {
    const start = items[i]!;
    if (c.type === 'temporal_ordered' && start.ruleId !== c.ruleIds[0]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && items[j + 1]!.t - start.t <= c.timespanMs) j++;
    const window = items.slice(i, j + 1);
    const value = windowValue(c, window);
    if (conditionHolds(c.condition, value)) {
      out.push({ rule: c.info, type: c.type, group, value, events: window.map((w) => w.match) });
      i = j + 1;
    } else {
      i++;
    }
  }
  return out;
}

function windowValue(c: CompiledCorrelation, w: readonly Item[]): number {
  switch (c.type) {
    case 'event_count':
      return w.length;
    case 'value_count':
      return new Set(w.map((x) => x.value).filter((v) => v !== undefined)).size;
    case 'value_sum':
    case 'value_avg': {
      const nums = w.map((x) => (x.value === undefined ? undefined : numberOf(x.value)));
      const vals = nums.filter((n): n is number => n !== undefined);
      const sum = vals.reduce((a, b) => a + b, 0);
      return c.type === 'value_sum' ? sum : vals.length === 0 ? 0 : sum / vals.length;
    }
    case 'temporal':
      return new Set(w.map((x) => x.ruleId)).size;
    case 'temporal_ordered': {
      let k = 0;
      for (const x of w) if (x.ruleId === c.ruleIds[k]) k++;
      return k;
    }
  }
}
