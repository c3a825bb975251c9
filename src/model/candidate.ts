import type { BaselineStatus, CommandInfo, Finding, FindingKind, LinkedEvent } from './finding.js';
import type { EventRef, NormalizedEvent, ProcessEvent } from './normalized.js';

/** An indicator id that fired, with what made it fire. Weights come from data/indicators.yaml. */
export interface Signal {
  id: string;
  detail?: string;
}

/**
 * A finding under construction: detect creates it from one event, correlate links evidence to
 * it, score turns its signals into a score and severity.
 */
export interface Candidate {
  kind: FindingKind;
  /** The event the finding is about (the write, the drop, or the command line). */
  event: NormalizedEvent;
  location: { id: string; description: string; techniques: string[] };
  registry?: NonNullable<Finding['registry']>;
  /** Canonical key + value name, for matching deletes, overwrites and command lines. */
  matchKey: string;
  file?: { targetFilename: string };
  command?: CommandInfo;
  /** Lower-case paths of what the entry runs (exe, dll, script), for chains by path. */
  payloadPaths: string[];
  signals: Signal[];
  writer?: ProcessEvent;
  chain: {
    writer?: LinkedEvent;
    payloadCreated: LinkedEvent[];
    payloadExecuted: LinkedEvent[];
    later: LinkedEvent[];
    /** Other events about the same entry (the command lines that wrote it). */
    related: LinkedEvent[];
  };
  evidence: EventRef[];
  baseline: { status: BaselineStatus; match?: string };
  /** Set when this candidate was folded into another one (e.g. a command line into its EID 13). */
  mergedInto?: Candidate;
}
