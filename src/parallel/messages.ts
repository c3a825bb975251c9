/**
 * What the hunt's main thread and its reading workers send each other. Only what the main thread
 * needs crosses (structured clone): normalised events that a chain or a finding can use, a
 * clock-skew vote for the rest, and the input summaries. Raw events never do.
 */
import type { Candidate } from '../model/candidate.js';
import type { InputIssue, InputSummary } from '../model/events.js';
import type { NormalizedEvent } from '../model/normalized.js';
import type { MessagePort } from 'node:worker_threads';

/** A unit of reading: a whole input (any format, archives too) or a chunk range of one EVTX. */
export type Task =
  | { kind: 'file'; path: string }
  | {
      kind: 'evtx-range';
      path: string;
      size: number;
      from: number;
      to: number;
      /** The last range of its file: the main thread then reports the file's summary. */
      last: boolean;
    };

/** Settings every worker gets once (plain data only). */
export interface WorkerSettings {
  since?: string;
  until?: string;
}

export interface WorkerData extends WorkerSettings {
  /** Bumped (and notified) after every message, so the main thread can block on it. */
  signal: Int32Array;
  port: MessagePort;
}

/** An event nothing but the clock-skew estimate uses (ClockSkew.observe reads only these). */
export interface SkewItem {
  s: 1;
  file: string;
  time: string;
  loggedTime: string;
}

/** An event the hunt keeps: the worker already ran the detector on it. */
export interface EventItem {
  s: 0;
  e: NormalizedEvent;
  keep: boolean;
  /** Shares `e` with the item (one message keeps the identity). */
  c: Candidate | null;
}

export type Item = SkewItem | EventItem;

export interface BatchMessage {
  type: 'batch';
  task: number;
  /** Events read since the previous batch (fast-path skips excluded, as in one thread). */
  scanned: number;
  items: Item[];
}

export interface DoneMessage {
  type: 'done';
  task: number;
  scanned: number;
  items: Item[];
  /** Whole-input tasks: the summaries readInputs reported, in order. */
  summaries: InputSummary[];
  /** Chunk-range tasks: the range's events (skips included) and issues. */
  events: number;
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
