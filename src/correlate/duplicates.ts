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
  private readonly first = new Map<string, NormalizedEvent>();
  duplicates = 0;

  constructor(private readonly window = DEFAULT_DUPLICATE_WINDOW) {}

  /** True when `e` repeats an event already seen (and counts it); else remembers `e`. */
  isDuplicate(e: NormalizedEvent): boolean {
    const key = `${e.ref.eventRecordId ?? ''}|${e.ref.eventId}|${e.time}|${e.ref.file}`;
    const seen = this.first.get(key);
    if (seen) {
      if (sameEvent(seen, e)) {
        this.duplicates++;
        return true;
      }
      // Same id and time but other content: two distinct events (kept, and the first stays).
      return false;
    }
    this.first.set(key, e);
    if (this.first.size > this.window) {
      // Forget the oldest tenth at once (Map iterates in insertion order).
      let n = Math.ceil(this.window / 10);
      for (const k of this.first.keys()) {
        if (n-- <= 0) break;
        this.first.delete(k);
      }
    }
    return false;
  }
}

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
