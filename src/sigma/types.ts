/**
 * Public types of the Sigma engine. A rule file is loaded and compiled once into closures
 * (`CompiledRule`); matching an event never re-reads the rule text.
 */
import type { RawEvent } from '../model/events.js';
import type { EventView } from './event-view.js';

/** A rule (or document) the engine could not run, with the reason. Never silently skipped. */
export interface RuleFailure {
  /** The rule file as given. */
  file: string;
  /** Why it cannot run (schema error, unsupported modifier, bad condition, unmapped logsource...). */
  reason: string;
  /** Title or id when the document got far enough to have one. */
  rule?: string;
  /** 0-based index of the YAML document in a multi-document file. */
  document?: number;
}

/** Rule metadata reported with each match. */
export interface RuleInfo {
  id: string;
  title: string;
  level: string;
  tags: string[];
  status?: string;
  author?: string;
  /** `name` (correlations may refer to a rule by it). */
  name?: string;
  file: string;
}

/** A compiled boolean test over one event. */
export type Predicate = (ev: EventView) => boolean;

/** One way a rule's logsource applies to events (data/sigma-logsources.yaml). */
export interface CompiledVariant {
  /** Lower-case channels; empty = any channel. */
  channels: ReadonlySet<string>;
  /** Lower-case providers, used when an event has no channel. */
  providers: ReadonlySet<string>;
  /** EventIDs; null = any. */
  eventIds: ReadonlySet<number> | null;
  /** Extra logsource conditions (e.g. EventType for registry_add/delete) and the detection. */
  test: Predicate;
  /** Each search identifier's own test, for evidence. */
  identifiers: ReadonlyMap<string, Predicate>;
  /** Fields each identifier reads (after the variant's fieldmap), for evidence. */
  identifierFields: ReadonlyMap<string, readonly string[]>;
}

export interface CompiledRule {
  info: RuleInfo;
  variants: CompiledVariant[];
  /**
   * False when the rule is only referenced by correlations with `generate: false`
   * (correlation spec: such rules are not reported on their own).
   */
  standalone: boolean;
}

/** What matched inside a rule: the true search identifiers and the fields they read. */
export interface MatchEvidence {
  identifiers: string[];
  /** Field → value as logged, for the fields the true identifiers test (absent fields left out). */
  fields: Record<string, string>;
}

export interface RuleMatch {
  rule: RuleInfo;
  event: RawEvent;
  evidence: MatchEvidence;
}

export type CorrelationType =
  'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';

/** gt/gte/lt/lte/eq/neq bounds, all of which must hold. */
export interface CountCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
}

export interface CompiledCorrelation {
  info: RuleInfo;
  type: CorrelationType;
  /** Referenced rules, resolved to their ids (in the order of `rules:`). */
  ruleIds: string[];
  groupBy: string[];
  /** Per referenced rule id: group-by field name → field of that rule's events (aliases). */
  aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  timespanMs: number;
  condition: CountCondition;
  /** value_count / value_sum / value_avg: the field aggregated. */
  field?: string;
}

export interface CorrelationMatch {
  rule: RuleInfo;
  type: CorrelationType;
  /** Group-by field → value. */
  group: Record<string, string>;
  /** The counted/aggregated value that met the condition. */
  value: number;
  /** The events of the window, in time order. */
  events: RuleMatch[];
}
