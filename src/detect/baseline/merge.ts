/**
 * Merging baselines (`runhunt baseline merge A B ... -o FILE`): one file that knows everything
 * its inputs know, e.g. baselines learned per site or per week, or an Autoruns import plus a
 * learned baseline. Entries that agree on location, scope, value name and normalised data become
 * one; their counts add up.
 *
 * Widening rules (a merged baseline must never call 'new' what an input called 'known'):
 *   entry hosts / writers   union; absent on any copy (= any host / any writer) → absent
 *   file hosts / locations  union; absent on any input (= covers all) → absent
 *   complete                true only when every input is complete
 */
import type { BaselineEntry, BaselineFile } from './baseline.js';
import { normalizeAutostartData } from './normalize-data.js';

export interface MergeOptions {
  name: string;
  generatedAt?: string;
}

const unionOrAll = (
  lists: readonly (readonly string[] | undefined)[],
  fold: (s: string) => string = (s) => s,
): string[] | undefined => {
  if (lists.some((l) => l === undefined)) return undefined;
  const out = new Map<string, string>();
  for (const l of lists) for (const x of l ?? []) if (!out.has(fold(x))) out.set(fold(x), x);
  return [...out.values()].sort();
};

function keyOf(e: BaselineEntry): string {
  return [
    [e.location].flat().join(','),
    e.scope ?? '',
    e.valueName.toLowerCase(),
    normalizeAutostartData(e.data),
  ].join('\u0000');
}

export function mergeBaselines(files: readonly BaselineFile[], opts: MergeOptions): BaselineFile {
  const groups = new Map<string, BaselineEntry[]>();
  for (const f of files) {
    for (const e of f.entries) {
      const k = keyOf(e);
      const g = groups.get(k);
      if (g) g.push(e);
      else groups.set(k, [e]);
    }
  }
  const entries = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, copies], i): BaselineEntry => {
      const first = copies[0] as BaselineEntry;
      const e: BaselineEntry = {
        id: `e${i + 1}`,
        location: first.location,
        valueName: first.valueName,
        data: first.data,
      };
      if (first.scope) e.scope = first.scope;
      const name = copies.find((c) => c.name)?.name;
      if (name) e.name = name;
      const writers = unionOrAll(copies.map((c) => c.writers));
      if (writers) e.writers = writers;
      const hosts = unionOrAll(
        copies.map((c) => c.hosts),
        (h) => h.toLowerCase(),
      );
      if (hosts) e.hosts = hosts;
      if (copies.some((c) => c.count !== undefined)) {
        e.count = copies.reduce((n, c) => n + (c.count ?? 0), 0);
      }
      const notes = [...new Set(copies.map((c) => c.notes).filter(Boolean))];
      if (notes.length) e.notes = notes.join(' | ');
      return e;
    });
  const out: BaselineFile = {
    kind: 'runhunt-baseline',
    version: 1,
    name: opts.name,
    description: `Merged from ${files.map((f) => f.name).join(', ')}.`,
    complete: files.length > 0 && files.every((f) => f.complete),
    entries,
  };
  const locations = unionOrAll(files.map((f) => f.locations));
  if (locations) out.locations = locations;
  const hosts = unionOrAll(
    files.map((f) => f.hosts),
    (h) => h.toLowerCase(),
  );
  if (hosts) out.hosts = hosts;
  if (opts.generatedAt !== undefined) out.generatedAt = opts.generatedAt;
  return out;
}
