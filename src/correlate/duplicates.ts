import type { NormalizedEvent } from '../model/normalized.js';

/** How many events the filter remembers; beyond that the oldest are forgotten first. */
export const DEFAULT_DUPLICATE_WINDOW = 300_000;

/**
 * Recognises an event read a second time from the same input: the same record id, event id,
 * time and every other field. Logs hold such copies when chunks were carved or recovered twice,
 * when overlapping exports were concatenated, or when a big file was built by repeating chunks
 * (`make-big-evtx.py`, whose record ids repeat across copies). A copy adds nothing a finding or
 * a chain can use, so the hunt counts it (`summary.duplicateEvents`) and drops it: the findings
 * and the correlation index hold each event once, and their memory follows the distinct events.
 *
 * Events from different inputs are never duplicates of each other (a hunter who passes an EVTX
 * and its JSON export gets both sets of evidence). Memory: one short key and one reference per
 * remembered event, at most `window` of them.
 */
export class DuplicateFilter {
  /**
   * Remembered events per input, by record id (a number hashes far faster than a string key;
   * the few events sharing an id are kept in a list), or by `eventId|time` when the input has
   * no record ids. Inputs and their keys iterate in insertion order: the oldest come first.
   */
  private readonly byInput = new Map<string, Map<number | string, Remembered>>();
  private lastInput = '';
  private last: Map<number | string, Remembered> | undefined;
  private size = 0;
  duplicates = 0;

  constructor(private readonly window = DEFAULT_DUPLICATE_WINDOW) {}

  /** True when `e` repeats an event already seen (and counts it); else remembers `e`. */
  isDuplicate(e: NormalizedEvent): boolean {
    const seen = this.input(e.ref.file);
    const id = e.ref.eventRecordId;
    const key = id ?? `${e.ref.eventId}|${e.time}`;
    const had = seen.get(key);
    if (had === undefined) seen.set(key, e);
    else if (Array.isArray(had)) {
      for (const h of had) if (sameEvent(h, e)) return this.copy();
      had.push(e);
    } else {
      if (sameEvent(had, e)) return this.copy();
      // Same id but other content: two distinct events, both remembered.
      seen.set(key, [had, e]);
    }
    if (++this.size > this.window) this.forgetOldest(Math.ceil(this.window / 10));
    return false;
  }

  private copy(): true {
    this.duplicates++;
    return true;
  }

  private input(file: string): Map<number | string, Remembered> {
    if (this.last !== undefined && file === this.lastInput) return this.last;
    let m = this.byInput.get(file);
    if (m === undefined) {
      m = new Map();
      this.byInput.set(file, m);
    }
    this.lastInput = file;
    this.last = m;
    return m;
  }

  /** Forgets at least `n` of the oldest remembered events (whole keys at a time). */
  private forgetOldest(n: number): void {
    for (const [file, m] of this.byInput) {
      for (const [k, v] of m) {
        if (n <= 0) return;
        const count = Array.isArray(v) ? v.length : 1;
        m.delete(k);
        this.size -= count;
        n -= count;
      }
      if (m.size === 0) {
        this.byInput.delete(file);
        if (this.last === m) this.last = undefined;
      }
    }
  }
}

type Remembered = NormalizedEvent | NormalizedEvent[];

/** Field-by-field equality of two normalised events (all flat values except `ref`). */
function sameEvent(a: NormalizedEvent, b: NormalizedEvent): boolean {
  if (a.type !== b.type) return false;
  if (a.ref.file !== b.ref.file || a.ref.eventRecordId !== b.ref.eventRecordId) return false;
  if (a.ref.eventId !== b.ref.eventId) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  // Two passes over the keys, no arrays: this runs for every kept event of a repetitive log.
  for (const k in ra) {
    if (k !== 'ref' && ra[k] !== rb[k]) return false;
  }
  for (const k in rb) {
    if (!(k in ra)) return false;
  }
  return true;
}
