/**
 * Replays recorded events as a fleet: the same events once per host, only the Computer field
 * rewritten (in memory), plus extra entries for chosen hosts. Used by the fleet tests and the
 * stack benchmark's test twin.
 */
import type { RawEvent } from '../../src/model/events.js';
import { readInputs } from '../../src/ingest/read-inputs.js';

export const hostName = (i: number): string => `WKS-${String(i + 1).padStart(3, '0')}`;

export function loadEvents(paths: readonly string[]): RawEvent[] {
  return [...readInputs(paths)];
}

export function* replayAsHosts(
  events: readonly RawEvent[],
  hosts: number,
  extra: (host: string, i: number) => RawEvent[] = () => [],
): Generator<RawEvent> {
  for (let i = 0; i < hosts; i++) {
    const host = hostName(i);
    for (const e of events) yield { ...e, computer: host };
    yield* extra(host, i);
  }
}
