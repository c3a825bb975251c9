// Public library API: re-exports only.
export type { RawEvent, InputIssue, InputFormat, InputSummary } from './model/events.js';
export type {
  Finding,
  Report,
  Severity,
  Technique,
  IndicatorHit,
  LinkedEvent,
  CommandInfo,
} from './model/finding.js';
export type { NormalizedEvent } from './model/normalized.js';
export { hunt, huntEvents, type HuntOptions } from './hunt.js';
export { readInputs as readEvents, type ReadInputsOptions } from './ingest/read-inputs.js';
export { normalizeEvent } from './normalize/sysmon.js';
export { VERSION } from './version.js';
export { compileRules, matchEvent, SigmaSession } from './sigma/index.js';
export {
  generateRules,
  TARGETS as RULE_TARGETS,
  type Target as RuleTarget,
} from './emit/rules/index.js';
export { stackPaths, stackEvents } from './fleet/collect.js';
export { applyPrevalence } from './correlate/prevalence.js';
export {
  loadBaselineFile,
  matchBaseline,
  shippedKnownGood,
  type Baseline,
  type BaselineFile,
} from './detect/baseline/baseline.js';
export { mergeBaselines } from './detect/baseline/merge.js';
export { baselineToSigmaFilters } from './emit/allowlist-sigma.js';
export * from './report/index.js';
