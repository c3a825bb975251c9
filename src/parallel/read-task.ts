import { fileSource } from '../ingest/byte-source.js';
import { readEvtxEvents, threadTemplateStore } from '../ingest/evtx/index.js';
import type { readInputs as ReadInputs } from '../ingest/read-inputs.js';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import type { NormalizedEvent } from '../model/normalized.js';
import { HUNT_READ_FILTER, normalizeEvent } from '../normalize/sysmon.js';
import type { Task, WorkerMessage } from './messages.js';
import { blankUnread } from '../correlate/slim.js';

/** Events per message: large enough to amortise a post, small enough to stream. */
const BATCH_EVENTS = 1000;

/**
 * Reads one task the way the one-thread hunt reads that input (same fast-path filter, same
 * issues) and normalises its events. Nothing more happens here on purpose: the detectors' data
 * (catalogs, command and value tables) costs about half a second per thread to load, which is
 * paid once, on the main thread, instead of once per worker; and this module's imports stay
 * small, so a worker starts reading within a few hundred milliseconds. readInputs (with the
 * archive and text readers) is passed in: a worker loads it only when a task needs it.
 */
export function readTask(
  task: number,
  t: Task,
  post: (m: WorkerMessage) => void,
  readInputs: typeof ReadInputs,
): void {
  let events: NormalizedEvent[] = [];
  let scanned = 0;
  const onRaw = (raw: RawEvent): void => {
    scanned++;
    const e = normalizeEvent(raw);
    if (!e) return;
    // Fields the hunt drops on arrival anyway: not worth cloning.
    blankUnread(e);
    events.push(e);
    if (events.length >= BATCH_EVENTS) {
      post({ type: 'batch', task, scanned, events });
      events = [];
      scanned = 0;
    }
  };
  const summaries: InputSummary[] = [];
  const issues: InputIssue[] = [];
  let records = 0;
  if (t.kind === 'file') {
    const read = readInputs([t.path], {
      ...HUNT_READ_FILTER,
      onInput: (s) => void summaries.push(s),
    });
    for (const raw of read) onRaw(raw);
  } else {
    const src = fileSource(t.path);
    try {
      const ctx = {
        source: t.path,
        onIssue: (i: InputIssue) => void issues.push(i),
        ...HUNT_READ_FILTER,
        onSkipped: () => void records++,
      };
      for (const raw of readEvtxEvents(src, ctx, {
        chunks: { from: t.from, to: t.to },
        templates: threadTemplateStore(),
      })) {
        records++;
        onRaw(raw);
      }
    } finally {
      src.close();
    }
  }
  post({ type: 'done', task, scanned, events, summaries, records, issues });
}
