/**
 * Building and comparing baseline files (`runhunt baseline learn`, `runhunt baseline diff`).
 * Pure functions over observed entries; the CLI gathers the observations from a hunt.
 */
import type { BaselineEntry, BaselineFile, ObservedEntry } from './baseline.js';
import { normalizeAutostartData } from './normalize-data.js';

export interface LearnOptions {
  name: string;
  /** ISO 8601 time to record in the file. */
  generatedAt?: string;
  /** Record the writers' image names: later writes by another program become 'changed'. Default false. */
  withWriters?: boolean;
}

const baseName = (image: string): string => {
  const lower = image.toLowerCase();
  return lower.slice(Math.max(lower.lastIndexOf('\\'), lower.lastIndexOf('/')) + 1);
};

function entryKey(
  location: string,
  scope: string | undefined,
  valueName: string,
  data: string,
): string {
  return [location, scope ?? '', valueName.toLowerCase(), data].join('\u0000');
}

/**
 * A complete baseline from what was observed: one entry per location, scope, value name and
 * normalised data, with how often it was seen. Its `hosts` are the hosts observed, so events of
 * other hosts stay 'unknown' rather than 'new'. Entries are sorted for stable diffs.
 */
export function learnBaseline(observed: Iterable<ObservedEntry>, opts: LearnOptions): BaselineFile {
  const entries = new Map<string, BaselineEntry & { count: number }>();
  const writers = new Map<string, Set<string>>();
  const hosts = new Set<string>();
  for (const o of observed) {
    if (o.host) hosts.add(o.host.toLowerCase());
    const data = normalizeAutostartData(o.data);
    const key = entryKey(o.locationId, o.scope, o.valueName, data);
    let e = entries.get(key);
    if (!e) {
      e = { location: o.locationId, valueName: o.valueName, data, count: 0 };
      if (o.scope) e.scope = o.scope;
      entries.set(key, e);
    }
    e.count++;
    if (opts.withWriters && o.writerImage) {
      const set = writers.get(key) ?? new Set<string>();
      set.add(baseName(o.writerImage));
      writers.set(key, set);
    }
  }
  const list = [...entries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, e], i) => {
      const w = writers.get(key);
      const out: BaselineEntry = { id: `e${i + 1}`, ...e };
      if (w && w.size > 0) out.writers = [...w].sort();
      return out;
    });
  const file: BaselineFile = {
    kind: 'runhunt-baseline',
    version: 1,
    name: opts.name,
    complete: true,
    entries: list,
  };
  if (hosts.size > 0) file.hosts = [...hosts].sort();
  if (opts.generatedAt !== undefined) file.generatedAt = opts.generatedAt;
  return file;
}

export interface BaselineDiff {
  /** In B, not in A. */
  added: BaselineEntry[];
  /** In A, not in B. */
  removed: BaselineEntry[];
  /** Same location and value name, other data. */
  changed: { before: BaselineEntry; after: BaselineEntry }[];
}

/** What changed from baseline A to baseline B, comparing normalised data. */
export function diffBaselines(a: BaselineFile, b: BaselineFile): BaselineDiff {
  const keyOf = (e: BaselineEntry): string =>
    entryKey([e.location].flat().join(','), e.scope, e.valueName, normalizeAutostartData(e.data));
  const nameOf = (e: BaselineEntry): string =>
    entryKey([e.location].flat().join(','), e.scope, e.valueName, '');
  const inA = new Map(a.entries.map((e) => [keyOf(e), e]));
  const inB = new Map(b.entries.map((e) => [keyOf(e), e]));
  const onlyA = [...inA].filter(([k]) => !inB.has(k)).map(([, e]) => e);
  const onlyB = [...inB].filter(([k]) => !inA.has(k)).map(([, e]) => e);
  const byNameA = new Map<string, BaselineEntry[]>();
  for (const e of onlyA) byNameA.set(nameOf(e), [...(byNameA.get(nameOf(e)) ?? []), e]);
  const diff: BaselineDiff = { added: [], removed: [], changed: [] };
  const paired = new Set<BaselineEntry>();
  for (const e of onlyB) {
    const before = byNameA.get(nameOf(e))?.find((x) => !paired.has(x));
    if (before) {
      paired.add(before);
      diff.changed.push({ before, after: e });
    } else diff.added.push(e);
  }
  diff.removed = onlyA.filter((e) => !paired.has(e));
  return diff;
}
