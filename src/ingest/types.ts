import type { InputFormat, InputIssue, RawEvent } from '../model/events.js';
import type { ByteSource } from './byte-source.js';

/** Decides from a record's provider and event id alone whether the rest is worth decoding. */
export type WantFilter = (provider: string, eventId: number) => boolean;

/** What a reader needs besides the bytes. */
export interface ReadContext {
  /** The input's display path (`archive.zip!member` for members). Goes into RawEvent.source. */
  source: string;
  /** Called for every problem found; the reader then resumes at the next thing it can trust. */
  onIssue(issue: InputIssue): void;
  /**
   * Fast path: readers that can tell provider and event id before decoding the rest (EVTX;
   * JSON and CSV when the record names its provider) skip records this rejects and call
   * `onSkipped` for each, so they are still counted.
   */
  want?: WantFilter;
  onSkipped?(): void;
  /**
   * Fast path: the EventData names the caller reads. Readers that decode values one by one
   * (EVTX) may leave out the others, when leaving them out cannot hide damage (plain strings);
   * other readers yield every field. Absent: every field.
   */
  fields?: ReadonlySet<string>;
}

/** Every input format has one: bytes in, RawEvents out, problems reported through ctx. */
export type EventReader = (src: ByteSource, ctx: ReadContext) => Iterable<RawEvent>;

export interface FormatReader {
  format: InputFormat;
  read: EventReader;
}
