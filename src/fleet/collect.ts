/**
 * Autostart entries straight from events, for `stack` and `baseline learn`: the hunt's own
 * detector decides what is an entry (registry values on catalog persistence locations, files
 * created in Startup folders, command lines that write either), without chains or scoring.
 */
import type { InputSummary, RawEvent } from '../model/events.js';
import { createDetector, type DetectorOptions } from '../detect/detector.js';
import { readInputs } from '../ingest/read-inputs.js';
import { isHuntRelevant, normalizeEvent } from '../normalize/sysmon.js';
import { observeCandidate, type AutostartObservation } from './observe.js';
import { Stacker, type StackOptions, type StackResult } from './stack.js';

export interface CollectOptions extends DetectorOptions {
  onInput?: (summary: InputSummary) => void;
  /** Called with the Computer of every event read (so hosts without entries still count). */
  onHost?: (host: string) => void;
}

/** Every autostart entry the events hold, in event order. */
export function* observeEvents(
  events: Iterable<RawEvent>,
  opts: CollectOptions = {},
): Generator<AutostartObservation> {
  const detector = createDetector(opts);
  for (const raw of events) {
    opts.onHost?.(raw.computer);
    const e = normalizeEvent(raw);
    if (!e) continue;
    const c = detector.candidate(e);
    if (!c) continue;
    const o = observeCandidate(c);
    if (o) yield o;
  }
}

/** Stacks the autostart entries of events (see ./stack.ts). */
export function stackEvents(
  events: Iterable<RawEvent>,
  opts: CollectOptions & StackOptions = {},
): StackResult {
  const stacker = new Stacker(opts);
  let last = '';
  const onHost = (h: string): void => {
    // Consecutive events nearly always share a host: skip the map look-up then.
    if (h !== last) stacker.addHost(h);
    last = h;
    opts.onHost?.(h);
  };
  for (const o of observeEvents(events, { ...opts, onHost })) stacker.add(o);
  return stacker.result();
}

/** `runhunt stack <path...>`: reads files and folders and stacks their autostart entries. */
export function stackPaths(
  paths: readonly string[],
  opts: CollectOptions & StackOptions = {},
): StackResult {
  // The hunt's fast path: only the event types the detector reads are decoded (EVTX skips the
  // rest after their System ids), so hosts count when they logged such events.
  const events = readInputs(paths, {
    want: isHuntRelevant,
    ...(opts.onInput ? { onInput: opts.onInput } : {}),
  });
  return stackEvents(events, opts);
}
