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
