import { fileSource } from '../ingest/byte-source.js';
import { readEvtxEvents, threadTemplateStore } from '../ingest/evtx/index.js';
import type { readInputs as ReadInputs } from '../ingest/read-inputs.js';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import type { NormalizedEvent, RegistryEvent } from '../model/normalized.js';
import { autostartRegistryTest, onlyVotes } from '../detect/autostart-registry.js';
import { skewVote } from '../normalize/clock-skew.js';
import { HUNT_READ_FILTER, normalizeEvent } from '../normalize/sysmon.js';
import type { EventBatch, Task, WorkerMessage } from './messages.js';
import { EventPacker } from './pack.js';
import { blankUnread } from '../correlate/slim.js';

/**
 * Events per message: large enough to amortise a post, small enough that a batch dies young on
 * both sides (1,000 made a worker's and the hunt's garbage collections cost 4x one thread's).
 */
const BATCH_EVENTS = 250;

/** This thread's autostart test (its memo serves every task the thread reads). */
let isAutostart: ((e: RegistryEvent) => boolean) | undefined;

/**
 * Reads one task the way the one-thread hunt reads that input (same fast-path filter, same
 * issues) and normalises its events. Registry events off autostart locations, which the hunt
 * would read for their clock-skew vote alone (onlyVotes), are left out and only their votes
 * sent: a quarter of the events of the bench file. Nothing more happens here on purpose: the
 * detectors' other data (command and value tables, baselines) is loaded once, on the main
 * thread, and this module's imports stay small, so a worker starts reading within a few hundred
 * milliseconds. readInputs (with the archive and text readers) is passed in: a worker loads it
 * only when a task needs it.
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
    if (e.type === 'registry' && onlyVotes(e, (isAutostart ??= autostartRegistryTest()))) {
      batch.vote(e);
      return;
    }
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
  private votes: (string | number)[] = [];

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

  /** The clock-skew vote of an event left out, where it came (EventBatch.votes). */
  vote(e: NormalizedEvent): void {
    const delta = skewVote(e);
    if (delta === null) return;
    const v = this.votes;
    const at = this.size;
    const n = v.length;
    if (n > 0 && v[n - 4] === at && v[n - 3] === e.ref.file && v[n - 2] === delta) {
      v[n - 1] = (v[n - 1] as number) + 1;
    } else v.push(at, e.ref.file, delta, 1);
  }

  take(): EventBatch {
    const votes = this.votes;
    this.votes = [];
    if (this.packer) return { events: this.packer.take(), votes };
    const events = this.events;
    this.events = [];
    return { events, votes };
  }
}
