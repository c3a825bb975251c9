/**
 * What the hunt's main thread and its reading workers send each other. Only what the main thread
 * needs crosses (structured clone): the normalised events of the types the hunt reads (a quarter
 * of the records of a Sysmon log, with a fraction of their fields) and the input summaries.
 * Raw events never do.
 */
import type { InputIssue, InputSummary } from '../model/events.js';
import type { NormalizedEvent } from '../model/normalized.js';
import type { PackedEvents } from './pack.js';
import type { MessagePort } from 'node:worker_threads';

/** A unit of reading: a whole input (any format, archives too) or a chunk range of one EVTX. */
export type Task =
  | {
      kind: 'file';
      path: string;
      /** Bytes on disk (compressed, for an archive): what the pool balances by. */
      size: number;
    }
  | {
      kind: 'evtx-range';
      path: string;
      size: number;
      from: number;
      to: number;
      /** The last range of its file: the main thread then reports the file's summary. */
      last: boolean;
    };

export interface WorkerData {
  /** Bumped (and notified) after every message, so the main thread can block on it. */
  signal: Int32Array;
  port: MessagePort;
}

/** A task's events since its previous message. */
export interface EventBatch {
  /** Normalised events in reading order: as read in this thread, or packed by a worker. */
  events: NormalizedEvent[] | PackedEvents;
  /**
   * The clock-skew votes of the events left out (registry events that only vote, see
   * read-task.ts), as runs of four values: the index in `events` of the event they came before
   * (its length: after the last), the input, the offset voted for, the number of votes.
   */
  votes: (string | number)[];
}

export interface BatchMessage {
  type: 'batch';
  task: number;
  /** Events read since the previous batch (fast-path skips excluded, as in one thread). */
  scanned: number;
  events: EventBatch;
}

export interface DoneMessage {
  type: 'done';
  task: number;
  scanned: number;
  events: EventBatch;
  /** Whole-input tasks: the summaries readInputs reported, in order. */
  summaries: InputSummary[];
  /** Chunk-range tasks: the range's records (skips included) and issues. */
  records: number;
  issues: InputIssue[];
}

export interface ErrorMessage {
  type: 'error';
  task: number;
  message: string;
}

export type TaskMessage = BatchMessage | DoneMessage;
export type WorkerMessage = TaskMessage | ErrorMessage;

export type MainMessage = { type: 'task'; task: number; t: Task } | { type: 'exit' };
