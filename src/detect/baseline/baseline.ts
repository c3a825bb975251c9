/**
 * Baseline matching: is an autostart entry one we already know?
 *
 * Two sources share one file format (schemas/data/baseline.schema.json, docs/data-files.md):
 *  - the shipped known-good catalog, data/known-good.yaml (`complete: false`: it only knows
 *    common software, so an entry it lacks is 'unknown', not 'new');
 *  - user baselines given with `--baseline FILE`, usually written by `runhunt baseline learn`
 *    (`complete: true`: learned from the environment, so an entry it lacks is 'new').
 *
 * Verdicts:
 *  known    location + value name + normalised data (+ writer, where the baseline names writers) match
 *  changed  a baseline knows this value name at this location, but the data or the writer differ:
 *           renaming a malicious value "OneDrive" does not hide it, it makes it stand out
 *  new      a complete baseline covers this location (and host) and has no such entry
 *  unknown  no complete baseline covers it
 */
import type { BaselineStatus } from '../../model/finding.js';
import { readFileSync } from 'node:fs';
import { DataFileError, loadDataFile, parseDataText } from '../../util/data-loader.js';
import { decodeText, findAutorunsHeader, parseAutoruns } from './autoruns.js';
import { globMatch } from './glob.js';
import { normalizeAutostartData } from './normalize-data.js';

export const BASELINE_SCHEMA = 'baseline.schema.json';

/** One entry of a baseline file. Patterns use the syntax of ./glob.ts. */
export interface BaselineEntry {
  id?: string;
  /** Product or publisher, for the reader. */
  name?: string;
  /** ASEP location id(s) from data/asep-locations.yaml, or a Startup-folder id. */
  location: string | string[];
  scope?: 'machine' | 'user';
  /** Value name pattern, case-insensitive; '' for (Default) or a hidden name. For Startup folders: the file name. */
  valueName: string;
  /** Data pattern, compared after normalisation; for Startup folders, the file path. */
  data: string;
  /** Writer image patterns: a bare file name matches the image's base name; a path matches the whole image. */
  writers?: string[];
  /** Host names (case-insensitive) this entry was seen on; absent = any host. */
  hosts?: string[];
  /** How often it was seen when learned (informational). */
  count?: number;
  notes?: string;
}

export interface BaselineFile {
  kind: 'runhunt-baseline';
  version: 1;
  name: string;
  description?: string;
  /** ISO 8601 time the file was written (`baseline learn`). */
  generatedAt?: string;
  /** True when learned from the environment: what it lacks is 'new'. */
  complete: boolean;
  /** Location ids this baseline covers; absent = every location. */
  locations?: string[];
  /** Hosts this baseline covers; absent = every host. */
  hosts?: string[];
  entries: BaselineEntry[];
}

/** What is being checked: one observed autostart entry. */
export interface ObservedEntry {
  locationId: string;
  valueName: string;
  /** Data as logged. */
  data: string;
  writerImage?: string;
  host?: string;
  scope?: 'machine' | 'user';
}

export interface BaselineVerdict {
  status: BaselineStatus;
  /** `<baseline name>:<entry id or index>` of the entry that decided 'known' or 'changed'. */
  match?: string;
}

interface CompiledEntry {
  ref: string;
  locations: Set<string>;
  scope?: 'machine' | 'user';
  valueName: string;
  /** The name pattern has literal text: only such entries can call a mismatch 'changed'. */
  specificName: boolean;
  data: string;
  writers?: string[];
  hosts?: Set<string>;
}

/** A baseline file prepared for matching; build with {@link compileBaseline}. */
export interface Baseline {
  name: string;
  complete: boolean;
  locations?: Set<string>;
  hosts?: Set<string>;
  /** Entries by location id. */
  byLocation: Map<string, CompiledEntry[]>;
}

const lowerSet = (xs: readonly string[] | undefined): Set<string> | undefined =>
  xs && new Set(xs.map((x) => x.toLowerCase()));

export function compileBaseline(file: BaselineFile): Baseline {
  const byLocation = new Map<string, CompiledEntry[]>();
  file.entries.forEach((e, i) => {
    const locations = new Set([e.location].flat());
    const c: CompiledEntry = {
      ref: `${file.name}:${e.id ?? String(i)}`,
      locations,
      valueName: e.valueName.toLowerCase(),
      specificName: e.valueName.replaceAll('*', '') !== '',
      data: normalizeAutostartData(e.data),
    };
    if (e.scope) c.scope = e.scope;
    if (e.writers) c.writers = e.writers.map((w) => normalizeAutostartData(w));
    const hosts = lowerSet(e.hosts);
    if (hosts) c.hosts = hosts;
    for (const loc of locations) {
      const list = byLocation.get(loc) ?? [];
      list.push(c);
      byLocation.set(loc, list);
    }
  });
  const out: Baseline = { name: file.name, complete: file.complete, byLocation };
  const locations = lowerSet(file.locations);
  if (locations) out.locations = locations;
  const hosts = lowerSet(file.hosts);
  if (hosts) out.hosts = hosts;
  return out;
}

function writerMatches(patterns: readonly string[], image: string): boolean {
  const full = normalizeAutostartData(image);
  const base = full.slice(full.lastIndexOf('\\') + 1);
  return patterns.some((p) => (p.includes('\\') ? globMatch(p, full) : globMatch(p, base)));
}

export function matchBaseline(
  entry: ObservedEntry,
  baselines: readonly Baseline[],
): BaselineVerdict {
  const name = entry.valueName.toLowerCase();
  const data = normalizeAutostartData(entry.data);
  const host = entry.host?.toLowerCase();
  let changed: string | undefined;
  let covered = false;
  for (const b of baselines) {
    const hostOk = !b.hosts || host === undefined || b.hosts.has(host);
    if (b.complete && hostOk && (!b.locations || b.locations.has(entry.locationId))) covered = true;
    for (const e of b.byLocation.get(entry.locationId) ?? []) {
      if (e.scope && entry.scope && e.scope !== entry.scope) continue;
      if (e.hosts && host !== undefined && !e.hosts.has(host)) continue;
      if (!globMatch(e.valueName, name)) continue;
      // The value name is known here: from now on, anything short of a full match is 'changed'.
      const writerOk =
        !e.writers ||
        entry.writerImage === undefined ||
        entry.writerImage === '' ||
        writerMatches(e.writers, entry.writerImage);
      if (writerOk && globMatch(e.data, data)) return { status: 'known', match: e.ref };
      if (e.specificName) changed ??= e.ref;
    }
  }
  if (changed !== undefined) return { status: 'changed', match: changed };
  return { status: covered ? 'new' : 'unknown' };
}

/**
 * Reads a baseline file, recognised by content: autorunsc CSV or tab-separated output
 * (./autoruns.ts), else a runhunt baseline in YAML or JSON. Throws DataFileError (or
 * AutorunsFormatError) on any problem.
 */
export function readBaselineFile(path: string): BaselineFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataFileError(path, '$', `cannot read: ${(e as Error).message}`);
  }
  const text = decodeText(bytes);
  if (findAutorunsHeader(text)) return parseAutoruns(text, baselineNameFromPath(path));
  return parseDataText<BaselineFile>(text, BASELINE_SCHEMA, path);
}

/** `fleet/golden.csv` → `golden`: the name an imported baseline's matches are reported under. */
function baselineNameFromPath(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.[^.]*$/, '') || 'autoruns';
}

/** Reads and compiles a `--baseline FILE` (any format {@link readBaselineFile} accepts). */
export function loadBaselineFile(path: string): Baseline {
  return compileBaseline(readBaselineFile(path));
}

let knownGood: Baseline | undefined;

/** The shipped known-good catalog, data/known-good.yaml. */
export function shippedKnownGood(): Baseline {
  knownGood ??= compileBaseline(loadDataFile<BaselineFile>('known-good.yaml', BASELINE_SCHEMA));
  return knownGood;
}
