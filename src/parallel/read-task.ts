import { createDetector } from '../detect/detector.js';
import { inWindow, keepForLinks } from '../hunt.js';
import { fileSource } from '../ingest/byte-source.js';
import { readEvtxEvents } from '../ingest/evtx/index.js';
import { readInputs } from '../ingest/read-inputs.js';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import type { NormalizedEvent } from '../model/normalized.js';
import { isHuntRelevant, normalizeEvent } from '../normalize/sysmon.js';
import type { Item, Task, WorkerMessage, WorkerSettings } from './messages.js';

/** Items per message: large enough to amortise a post, small enough to stream. */
const BATCH_ITEMS = 2000;

export type ReadTask = (task: number, t: Task, post: (m: WorkerMessage) => void) => void;

/**
 * Reads one task the way the one-thread hunt reads that input (same fast-path filter, same
 * issues) and does the per-event work that needs no other event: normalising, the time window,
 * the detector's judgement and whether a chain could use the event (src/hunt.ts Hunter.add
 * repeats nothing of it). Everything else is reduced to its clock-skew vote or dropped.
 */
export function readTask(settings: WorkerSettings): ReadTask {
  // Candidates do not depend on baselines (those are applied in Detector.finish, on the main
  // thread), so the workers need no baseline files.
  const detector = createDetector({});
  const since = settings.since ? Date.parse(settings.since) : -Infinity;
  const until = settings.until ? Date.parse(settings.until) : Infinity;

  const prepare = (e: NormalizedEvent, items: Item[]): void => {
    const votes = !e.timeFromLog && e.loggedTime !== '';
    const skewOnly = (): void => {
      if (votes) items.push({ s: 1, file: e.ref.file, time: e.time, loggedTime: e.loggedTime });
    };
    if (!inWindow(e, since, until)) return skewOnly();
    const keep = keepForLinks(detector, e);
    const c = detector.candidate(e);
    if (!keep && !c) return skewOnly();
    items.push({ s: 0, e, keep, c });
  };

  return (task, t, post) => {
    let items: Item[] = [];
    let scanned = 0;
    const onRaw = (raw: RawEvent): void => {
      scanned++;
      const e = normalizeEvent(raw);
      if (e) prepare(e, items);
      if (items.length >= BATCH_ITEMS) {
        post({ type: 'batch', task, scanned, items });
        items = [];
        scanned = 0;
      }
    };
    const summaries: InputSummary[] = [];
    const issues: InputIssue[] = [];
    let events = 0;
    if (t.kind === 'file') {
      const read = readInputs([t.path], {
        want: isHuntRelevant,
        onInput: (s) => void summaries.push(s),
      });
      for (const raw of read) onRaw(raw);
    } else {
      const src = fileSource(t.path);
      try {
        const ctx = {
          source: t.path,
          onIssue: (i: InputIssue) => void issues.push(i),
          want: isHuntRelevant,
          onSkipped: () => void events++,
        };
        for (const raw of readEvtxEvents(src, ctx, { chunks: { from: t.from, to: t.to } })) {
          events++;
          onRaw(raw);
        }
      } finally {
        src.close();
      }
    }
    post({ type: 'done', task, scanned, items, summaries, events, issues });
  };
}
