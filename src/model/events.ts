/**
 * The one event shape every reader (EVTX, XML, JSON, CSV) yields. Downstream stages never
 * know which format an event came from.
 */
export interface RawEvent {
  /** The input it came from, as given by the user (`archive.zip!member` for archive members). */
  source: string;
  /** EventRecordID, or null when the export lost it. */
  recordId: number | null;
  /** System/TimeCreated as ISO 8601 UTC ending in `Z` (up to 7 fraction digits); '' when unknown. */
  timeCreated: string;
  eventId: number;
  /** Provider name, e.g. `Microsoft-Windows-Sysmon`. */
  provider: string;
  channel: string;
  computer: string;
  /** System/Version when present. */
  version?: number;
  /** System/Security/@UserID when present (a SID string). */
  userId?: string;
  /**
   * `<EventData><Data Name=..>` pairs (or the leaf elements of `<UserData>`), values rendered as
   * Windows renders them in event XML. A null-prototype object: keys come from the log.
   */
  data: Record<string, string>;
}

/** A problem with one input, reported rather than thrown. */
export interface InputIssue {
  /** Stable machine-readable code, e.g. `bad-chunk-magic`, `record-crc-mismatch`, `unrecognized-format`. */
  code: string;
  /** Byte offset in the input (or line number where `line` is set), null when not applicable. */
  offset: number | null;
  message: string;
  /** Length of the byte range skipped because of this issue, when bytes were skipped. */
  skippedBytes?: number;
  /** 1-based line number for text formats. */
  line?: number;
}

export type InputFormat = 'evtx' | 'xml' | 'json' | 'jsonl' | 'csv';

/** Summary of one input after it was read. */
export interface InputSummary {
  path: string;
  format: InputFormat | 'unknown';
  events: number;
  bytes: number;
  issues: InputIssue[];
}

/** Creates the null-prototype object used for `RawEvent.data`. */
export function emptyData(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}
