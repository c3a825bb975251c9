import { Hunter, type HuntOptions } from '../hunt.js';
import { STDIN_PATH } from '../ingest/read-inputs.js';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import { emptyData } from '../model/events.js';
import type { Report } from '../model/finding.js';
import type { Task, TaskMessage, WorkerSettings } from './messages.js';
import { planTasks, type SplitOptions } from './plan.js';
import { runInThread, runPool, workerEntry } from './pool.js';

/**
 * The hunt with its reading spread over worker threads (`threads` > 1), or null when it has to
 * run in one thread (stdin cannot be shared). The workers read, normalise and judge events
 * (src/parallel/read-task.ts); this thread feeds their results to the Hunter in input order and
 * chunk order, so the report is byte-for-byte the one-thread report (generatedAt aside).
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
  const hunter = new Hunter(opts);
  const merge = new Merge(tasks, hunter, report, opts.onEvent);
  const settings: WorkerSettings = {
    ...(opts.since !== undefined ? { since: opts.since } : {}),
    ...(opts.until !== undefined ? { until: opts.until } : {}),
  };
  const deliver = (m: TaskMessage): void => merge.add(m);
  if (entry) runPool(entry, tasks, threads, settings, deliver);
  else runInThread(tasks, settings, deliver);
  return hunter.report(inputs);
}

/** Applies task messages (already in task order) to the hunt and reassembles split inputs. */
class Merge {
  /** The chunk ranges of the EVTX being reassembled: their events and issues so far. */
  private events = 0;
  private issues: InputIssue[] = [];

  constructor(
    private readonly tasks: readonly Task[],
    private readonly hunter: Hunter,
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
    for (const item of m.items) {
      if (item.s === 1) {
        this.hunter.observeSkew({
          ref: { file: item.file, eventRecordId: null, eventId: 0 },
          time: item.time,
          loggedTime: item.loggedTime,
          timeFromLog: false,
        });
      } else {
        this.hunter.add(item.e, { keep: item.keep, candidate: item.c });
      }
    }
    if (m.type !== 'done') return;
    if (t.kind === 'file') {
      m.summaries.forEach(this.report);
      return;
    }
    this.events += m.events;
    this.issues.push(...m.issues);
    if (!t.last) return;
    this.report({
      path: t.path,
      format: 'evtx',
      events: this.events,
      bytes: t.size,
      issues: this.issues,
    });
    this.events = 0;
    this.issues = [];
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
