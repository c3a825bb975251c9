// Public library API: re-exports only.
export type { RawEvent, InputIssue, InputFormat, InputSummary } from './model/events.js';
