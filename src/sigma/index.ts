/**
 * The Sigma engine: load and compile rules once, then match events.
 *
 * ```ts
 * const { rules, failed } = compileRules(['rules/']);
 * for (const e of events) for (const m of matchEvent(rules, e)) ...;
 * ```
 * `SigmaSession` adds correlation rules (feed events, then `finish()`).
 */
export { compileRules, compileDocs } from './compile.js';
export type { CompileOptions, CompileResult, SigmaRuleSet } from './compile.js';
export { matchEvent, matchEventAll, SigmaSession } from './match.js';
export { wantedByRules } from './rule-index.js';
export { parseRuleText } from './loader.js';
export type {
  CompiledCorrelation,
  CompiledRule,
  CorrelationMatch,
  MatchEvidence,
  RuleFailure,
  RuleInfo,
  RuleMatch,
} from './types.js';
