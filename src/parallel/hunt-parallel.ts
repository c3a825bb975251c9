import { Hunter, type HuntOptions } from '../hunt.js';
import { capIssues } from '../ingest/evtx/index.js';
import { STDIN_PATH } from '../ingest/read-inputs.js';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import { emptyData } from '../model/events.js';
import type { Report } from '../model/finding.js';
import type { EventBatch, Task, TaskMessage } from './messages.js';
import { unpackEvents } from './pack.js';
import { planTasks, type SplitOptions } from './plan.js';
import { runInThread, runPool, workerEntry } from './pool.js';

/**
 * The hunt with its reading spread over worker threads (`threads` > 1), or null when it has to
 * run in one thread (stdin cannot be shared). The workers read and normalise events
 * (src/parallel/read-task.ts); this thread feeds them to the Hunter in input order and chunk
 * order, so the report is byte-for-byte the one-thread report (generatedAt aside).
 * `inThread` runs the same split-and-merge without workers (tests from sources).
 */
export function huntParallel(
  paths: readonly string[],
  opts: HuntOptions,
  how: { inThread?: boolean } & SplitOptions = {},
): Report | null {
  const inThread = how.inThread === true;
  if (paths.includes(STDIN_PATH)) return null;
  const entry = inThread ? null : workerEntry();
  if (!entry && !inThread) return null;
  const inputs: InputSummary[] = [];
  const report = (s: InputSummary): void => {
    inputs.push(s);
    opts.onInput?.(s);
  };
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  const tasks = planTasks(paths, threads, report, how);
  // The Hunter (which loads the detectors' data) is made while the workers start up.
  let merge: Merge | undefined;
  const start = (): Merge => (merge ??= new Merge(tasks, new Hunter(opts), report, opts.onEvent));
  const deliver = (m: TaskMessage): void => start().add(m);
  if (entry) runPool(entry, tasks, threads, deliver, start);
  else runInThread(tasks, deliver);
  return start().hunter.report(inputs);
}

/** Applies task messages (already in task order) to the hunt and reassembles split inputs. */
class Merge {
  /** The chunk ranges of the EVTX being reassembled: their events and issues so far. */
  private records = 0;
  private issues: InputIssue[] = [];

  constructor(
    private readonly tasks: readonly Task[],
    readonly hunter: Hunter,
    private readonly report: (s: InputSummary) => void,
    private readonly onEvent: ((e: RawEvent) => void) | undefined,
  ) {}

  add(m: TaskMessage): void {
    const t = this.tasks[m.task]!;
    this.hunter.scanned += m.scanned;
    if (this.onEvent) {
      const stand = placeholder(t.path);
      for (let i = 0; i < m.scanned; i++) this.onEvent(stand);
    }
    this.apply(m.events);
    if (m.type !== 'done') return;
    if (t.kind === 'file') {
      m.summaries.forEach(this.report);
      return;
    }
    this.records += m.records;
    this.issues.push(...m.issues);
    if (!t.last) return;
    this.report({
      path: t.path,
      format: 'evtx',
      events: this.records,
      bytes: t.size,
      // Capped as one pass over the whole file caps them (readers.ts): same report.
      issues: capIssues(this.issues),
    });
    this.records = 0;
    this.issues = [];
  }

  /** A batch's events to the hunt, with the votes of those left out where they came. */
  private apply(b: EventBatch): void {
    const events = Array.isArray(b.events) ? b.events : unpackEvents(b.events);
    const v = b.votes;
    let at = 0;
    for (let i = 0; i <= events.length; i++) {
      for (; at < v.length && v[at] === i; at += 4) {
        this.hunter.vote(v[at + 1] as string, v[at + 2] as number, v[at + 3] as number);
      }
      if (i < events.length) this.hunter.add(events[i]!);
    }
  }
}

/** What `onEvent` gets for an event read by a worker: only the input is known here. */
function placeholder(source: string): RawEvent {
  return {
    source,
    recordId: null,
    timeCreated: '',
    eventId: 0,
    provider: '',
    channel: '',
    computer: '',
    data: emptyData(),
  };
}
