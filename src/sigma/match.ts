/**
 * Matching events against a compiled rule set.
 *
 * `matchEvent` is stateless: the detection rules that match one event. `SigmaSession` adds the
 * correlation rules, which need the stream of matches: feed every event, then `finish()`.
 */
import type { RawEvent } from '../model/events.js';
import type { SigmaRuleSet } from './compile.js';
import { Correlator } from './correlation.js';
import { EventView } from './event-view.js';
import type { IndexEntry } from './rule-index.js';
import type { CompiledVariant, CorrelationMatch, MatchEvidence, RuleMatch } from './types.js';

const NONE: readonly IndexEntry[] = [];

function variantApplies(v: CompiledVariant, channel: string, provider: string): boolean {
  if (v.channels.size === 0) return true;
  if (channel !== '') return v.channels.has(channel);
  return v.providers.has(provider);
}

function evidenceOf(v: CompiledVariant, ev: EventView): MatchEvidence {
  const identifiers: string[] = [];
  const fields: Record<string, string> = {};
  for (const [name, pred] of v.identifiers) {
    if (!pred(ev)) continue;
    identifiers.push(name);
    for (const f of v.identifierFields.get(name) ?? []) {
      const x = ev.get(f);
      if (x !== undefined) fields[f] = x;
    }
  }
  return { identifiers, fields };
}

/**
 * Every rule that matches the event, including rules only used by correlations
 * (`CompiledRule.standalone` false). A rule matches at most once per event.
 */
export function matchEventAll(set: SigmaRuleSet, event: RawEvent): RuleMatch[] {
  const byId = set.index.byEventId.get(event.eventId) ?? NONE;
  const any = set.index.anyEventId;
  if (byId.length === 0 && any.length === 0) return [];
  const channel = event.channel.toLowerCase();
  const provider = event.provider.toLowerCase();
  let view: EventView | undefined;
  let out: RuleMatch[] | undefined;
  let seen: Set<unknown> | undefined;
  for (const list of [byId, any]) {
    for (const { rule, variant } of list) {
      if (!variantApplies(variant, channel, provider)) continue;
      view ??= new EventView(event);
      if (seen?.has(rule) || !variant.test(view)) continue;
      (seen ??= new Set()).add(rule);
      (out ??= []).push({ rule: rule.info, event, evidence: evidenceOf(variant, view) });
    }
  }
  return out ?? [];
}

/** The detection rules to report for one event (rules not hidden behind a correlation). */
export function matchEvent(set: SigmaRuleSet, event: RawEvent): RuleMatch[] {
  const all = matchEventAll(set, event);
  if (all.length === 0) return all;
  const hidden = hiddenIds(set);
  return hidden.size === 0 ? all : all.filter((m) => !hidden.has(m.rule));
}

const hiddenCache = new WeakMap<SigmaRuleSet, Set<unknown>>();
function hiddenIds(set: SigmaRuleSet): Set<unknown> {
  let h = hiddenCache.get(set);
  if (!h) {
    h = new Set(set.rules.filter((r) => !r.standalone).map((r) => r.info));
    hiddenCache.set(set, h);
  }
  return h;
}

/** Runs detection and correlation rules over a stream of events. */
export class SigmaSession {
  private readonly correlator: Correlator | undefined;

  constructor(readonly set: SigmaRuleSet) {
    this.correlator = set.correlations.length > 0 ? new Correlator(set.correlations) : undefined;
  }

  /** The detection matches to report for this event. */
  feed(event: RawEvent): RuleMatch[] {
    const all = matchEventAll(this.set, event);
    if (all.length === 0) return all;
    if (this.correlator) for (const m of all) this.correlator.add(m);
    const hidden = hiddenIds(this.set);
    return hidden.size === 0 ? all : all.filter((m) => !hidden.has(m.rule));
  }

  /** Correlation matches over everything fed. */
  finish(): CorrelationMatch[] {
    return this.correlator ? this.correlator.finish() : [];
  }
}
