/**
 * Index of compiled rules by EventID, so an event is only tested against the rules whose
 * logsource can apply to it. Most events match no rule; for them the cost is one map lookup
 * and a channel comparison per candidate.
 */
import type { CompiledRule, CompiledVariant } from './types.js';

export interface IndexEntry {
  rule: CompiledRule;
  variant: CompiledVariant;
}

export interface RuleIndex {
  byEventId: ReadonlyMap<number, readonly IndexEntry[]>;
  /** Variants with no EventID constraint (whole-channel services). */
  anyEventId: readonly IndexEntry[];
}

export function buildIndex(rules: readonly CompiledRule[]): RuleIndex {
  const byEventId = new Map<number, IndexEntry[]>();
  const anyEventId: IndexEntry[] = [];
  for (const rule of rules) {
    for (const variant of rule.variants) {
      const entry = { rule, variant };
      if (variant.eventIds === null) {
        anyEventId.push(entry);
        continue;
      }
      for (const id of variant.eventIds) {
        let list = byEventId.get(id);
        if (!list) byEventId.set(id, (list = []));
        list.push(entry);
      }
    }
  }
  return { byEventId, anyEventId };
}

/**
 * The fast-path filter for readers (`want`): only events whose EventID some loaded rule can
 * match. Exact, not a heuristic: matching looks rules up by EventID in this same index, so an
 * event of any other id can match nothing. Undefined (read everything) when a rule applies to
 * any EventID of its channel.
 */
export function wantedByRules(
  index: RuleIndex,
): ((provider: string, eventId: number) => boolean) | undefined {
  if (index.anyEventId.length > 0) return undefined;
  const ids = index.byEventId;
  return (_provider, eventId) => ids.has(eventId);
}
