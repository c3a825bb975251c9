/**
 * Least-frequency-of-occurrence stacking of autostart entries across hosts: the classic fleet
 * hunt (existing-tools.md §3.7: Elastic's low-occurrence Run-key query). Entries are grouped by
 * canonical location, value name and normalised data (./observe.ts), and ranked by how many
 * distinct hosts carry them, rarest first.
 *
 * Memory: one record per distinct entry, holding its distinct hosts and users as small integer
 * ids (host and user names are interned once) and at most `maxExamples` raw data strings. Events
 * are never kept, so memory grows with the number of distinct (entry, host) pairs, not events.
 */
import type { AutostartObservation } from './observe.js';
import { observationKey } from './observe.js';

/** One entry of `stack --format json` (design/ARCHITECTURE.md "stack --format json"). */
export interface StackEntry {
  key: string;
  valueName: string;
  data: string;
  /** Data as logged, distinct, at most `maxExamples`. */
  examples: string[];
  hostCount: number;
  hosts: string[];
  users: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface StackResult {
  /** Distinct hosts in the input (every host with an autostart entry, and any added with addHost). */
  hosts: number;
  entries: StackEntry[];
}

export interface StackOptions {
  /** Raw data examples kept per entry (default 3). */
  maxExamples?: number;
}

interface Acc {
  key: string;
  valueName: string;
  data: string;
  examples: string[];
  hosts: Set<number>;
  users: Set<number>;
  firstSeen: string;
  lastSeen: string;
}

/** Host names compare case-insensitively: `WKS-01` and `wks-01` are one machine. */
export const hostId = (host: string): string => host.toLowerCase();

class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string, fold: (s: string) => string = (s) => s): number {
    const k = fold(name);
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(k, id);
      this.names.push(name);
    }
    return id;
  }
  get size(): number {
    return this.names.length;
  }
}

export class Stacker {
  private readonly entries = new Map<string, Acc>();
  private readonly hostNames = new Interner();
  private readonly userNames = new Interner();
  private readonly maxExamples: number;

  constructor(opts: StackOptions = {}) {
    this.maxExamples = Math.max(0, opts.maxExamples ?? 3);
  }

  /** Counts a host in the input even when it has no autostart entry. */
  addHost(host: string): void {
    if (host !== '') this.hostNames.id(host, hostId);
  }

  add(o: AutostartObservation): void {
    const k = observationKey(o);
    let acc = this.entries.get(k);
    if (!acc) {
      acc = {
        key: o.key,
        valueName: o.valueName,
        data: o.data,
        examples: [],
        hosts: new Set(),
        users: new Set(),
        firstSeen: o.time,
        lastSeen: o.time,
      };
      this.entries.set(k, acc);
    }
    if (acc.examples.length < this.maxExamples && !acc.examples.includes(o.example)) {
      acc.examples.push(o.example);
    }
    acc.hosts.add(this.hostNames.id(o.host, hostId));
    if (o.user !== '') acc.users.add(this.userNames.id(o.user, (u) => u.toLowerCase()));
    if (o.time !== '' && (acc.firstSeen === '' || o.time < acc.firstSeen)) acc.firstSeen = o.time;
    if (o.time > acc.lastSeen) acc.lastSeen = o.time;
  }

  /** Entries rarest first: fewest hosts, then fewest users, then earliest, then by key/name/data. */
  result(): StackResult {
    const names = (set: Set<number>, table: Interner): string[] =>
      [...set].map((i) => table.names[i] ?? '').sort(compareText);
    const entries = [...this.entries.values()].map((a): StackEntry => ({
      key: a.key,
      valueName: a.valueName,
      data: a.data,
      examples: a.examples,
      hostCount: a.hosts.size,
      hosts: names(a.hosts, this.hostNames),
      users: names(a.users, this.userNames),
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
    }));
    entries.sort(
      (x, y) =>
        x.hostCount - y.hostCount ||
        x.users.length - y.users.length ||
        compareText(x.firstSeen, y.firstSeen) ||
        compareText(x.key, y.key) ||
        compareText(x.valueName.toLowerCase(), y.valueName.toLowerCase()) ||
        compareText(x.data, y.data),
    );
    return { hosts: this.hostNames.size, entries };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stacks observations in one go. */
export function stackObservations(
  observations: Iterable<AutostartObservation>,
  opts: StackOptions = {},
): StackResult {
  const s = new Stacker(opts);
  for (const o of observations) s.add(o);
  return s.result();
}
