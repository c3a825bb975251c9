import type { NormalizedEvent } from '../model/normalized.js';

/** Offsets are whole time-zone steps: 15 minutes. */
const STEP_MS = 15 * 60 * 1000;

/** The offset an event votes for (logged minus UTC, in steps, ms), or null when it has none. */
export function skewVote(e: NormalizedEvent): number | null {
  if (e.timeFromLog || e.loggedTime === '') return null;
  const logged = Date.parse(e.loggedTime);
  const utc = Date.parse(e.time);
  if (Number.isNaN(logged) || Number.isNaN(utc)) return null;
  return Math.round((logged - utc) / STEP_MS) * STEP_MS;
}

/**
 * Some exports write local time and call it UTC (the NXLog JSON of the Mordor datasets: its
 * TimeCreated is four hours behind Sysmon's own UtcTime). Sysmon events carry both clocks, so
 * their difference, rounded to a time-zone step, tells each input's offset; events that only
 * have the logged time (Security 4688/4657) are then moved onto the UTC clock, so that ordering
 * across providers ("executed after the write") holds.
 */
export class ClockSkew {
  private readonly votes = new Map<string, Map<number, number>>();
  private readonly corrected = new WeakSet<NormalizedEvent>();

  observe(e: NormalizedEvent): void {
    const delta = skewVote(e);
    if (delta !== null) this.vote(e.ref.file, delta, 1);
  }

  /**
   * `count` votes of `file`'s events for `delta` (what observe adds per event; the hunt's
   * workers send the votes of events they leave out). Ties go to the offset voted for first.
   */
  vote(file: string, delta: number, count: number): void {
    let v = this.votes.get(file);
    if (!v) this.votes.set(file, (v = new Map()));
    v.set(delta, (v.get(delta) ?? 0) + count);
  }

  /** The dominant offset of an input (logged minus UTC, ms); 0 when none was seen. */
  offset(file: string): number {
    let best = 0;
    let bestCount = 0;
    for (const [delta, n] of this.votes.get(file) ?? []) {
      if (n > bestCount) [best, bestCount] = [delta, n];
    }
    return best;
  }

  /** Moves a logged-time-only event onto the UTC clock of its input. */
  correct(e: NormalizedEvent): void {
    if (!e.timeFromLog || this.corrected.has(e)) return;
    this.corrected.add(e);
    const off = this.offset(e.ref.file);
    const t = Date.parse(e.time);
    if (off === 0 || Number.isNaN(t)) return;
    e.time = new Date(t - off).toISOString();
  }
}
