/**
 * Maps a rule's `logsource` to the Windows events it applies to, from
 * `data/sigma-logsources.yaml` (taxonomy appendix + SigmaHQ's thor.yml; see the file header).
 */
import { loadDataFile } from '../util/data-loader.js';
import type { EventView } from './event-view.js';

export interface LogsourceVariant {
  channels: string[];
  providers?: string[];
  eventIds?: number[];
  conditions?: Record<string, string[]>;
  fieldmap?: Record<string, string>;
}

export interface LogsourceEntry {
  product: string;
  category?: string;
  service?: string;
  variants: LogsourceVariant[];
}

interface LogsourceFile {
  logsources: LogsourceEntry[];
}

export interface RuleLogsource {
  product?: unknown;
  category?: unknown;
  service?: unknown;
}

export function logsourceTable(): readonly LogsourceEntry[] {
  return loadDataFile<LogsourceFile>('sigma-logsources.yaml', 'sigma-logsources.schema.json')
    .logsources;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.toLowerCase() : undefined;

/**
 * The entry for a rule's logsource: the one with exactly the same product/category/service;
 * failing that, a rule with category and service uses the category's entry (e.g. `category:
 * process_creation, service: sysmon`). Undefined when the logsource is not mapped.
 */
export function findLogsource(
  ls: RuleLogsource,
  table: readonly LogsourceEntry[] = logsourceTable(),
): LogsourceEntry | undefined {
  const product = str(ls.product);
  const category = str(ls.category);
  const service = str(ls.service);
  const exact = table.find(
    (e) => e.product === product && e.category === category && e.service === service,
  );
  if (exact) return exact;
  if (category !== undefined && service !== undefined) {
    return table.find(
      (e) => e.product === product && e.category === category && e.service === undefined,
    );
  }
  return undefined;
}

/** Renders a logsource for messages: `product/category/service`. */
export function describeLogsource(ls: RuleLogsource): string {
  return ['product', 'category', 'service']
    .map((k) => {
      const v = (ls as Record<string, unknown>)[k];
      return typeof v === 'string' ? `${k}: ${v}` : undefined;
    })
    .filter((x) => x !== undefined)
    .join(', ');
}

/** The extra field conditions of a variant (e.g. registry_add's EventType), as a predicate. */
export function variantConditions(v: LogsourceVariant): ((ev: EventView) => boolean) | undefined {
  const conds = Object.entries(v.conditions ?? {}).map(
    ([field, values]) => [field, new Set(values.map((x) => x.toLowerCase()))] as const,
  );
  if (conds.length === 0) return undefined;
  return (ev) =>
    conds.every(([field, set]) => {
      const x = ev.lower(field);
      return x !== undefined && set.has(x);
    });
}
