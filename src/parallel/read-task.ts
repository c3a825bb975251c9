import { fileSource } from '../ingest/byte-source.js';
import { readEvtxEvents, threadTemplateStore } from '../ingest/evtx/index.js';
import type { readInputs as ReadInputs } from '../ingest/read-inputs.js';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import type { NormalizedEvent } from '../model/normalized.js';
import { HUNT_READ_FILTER, normalizeEvent } from '../normalize/sysmon.js';
import type { Task, TaskEvents, WorkerMessage } from './messages.js';
import { EventPacker } from './pack.js';
import { blankUnread } from '../correlate/slim.js';

/**
 * Events per message: large enough to amortise a post, small enough that a batch dies young on
 * both sides (1,000 made a worker's and the hunt's garbage collections cost 4x one thread's).
 */
const BATCH_EVENTS = 250;

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
  pack: boolean,
): void {
  const batch = new Batch(pack);
  let scanned = 0;
  const onRaw = (raw: RawEvent): void => {
    scanned++;
    const e = normalizeEvent(raw);
    if (!e) return;
    // Fields the hunt drops on arrival anyway: not worth cloning.
    blankUnread(e);
    batch.add(e);
    if (batch.size >= BATCH_EVENTS) {
      post({ type: 'batch', task, scanned, events: batch.take() });
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
  post({ type: 'done', task, scanned, events: batch.take(), summaries, records, issues });
}

/** A batch of events, packed when it leaves the thread (pack.ts), else as they are. */
class Batch {
  private events: NormalizedEvent[] = [];
  private readonly packer: EventPacker | null;

  constructor(pack: boolean) {
    this.packer = pack ? new EventPacker() : null;
  }

  get size(): number {
    return this.packer ? this.packer.size : this.events.length;
  }

  add(e: NormalizedEvent): void {
    if (this.packer) this.packer.add(e);
    else this.events.push(e);
  }

  take(): TaskEvents {
    if (this.packer) return this.packer.take();
    const events = this.events;
    this.events = [];
    return events;
  }
}
