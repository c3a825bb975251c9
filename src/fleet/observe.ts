/**
 * One autostart entry as seen in one event, in the form fleet stacking, prevalence and baseline
 * learning all group by. The grouping key is the canonical location (registry: the logical key,
 * hive folded to HKLM/HKCU, Wow6432Node removed; Startup folders: the folder path normalised), the
 * value name (case folded; for Startup folders the file name) and the data folded by
 * normalizeAutostartData (users, SIDs, GUIDs, versions, temp names, hex runs).
 */
import type { Candidate } from '../model/candidate.js';
import type { ObservedEntry } from '../detect/baseline/baseline.js';
import { normalizeAutostartData } from '../detect/baseline/normalize-data.js';
import { canonicalRegistryPath } from '../normalize/registry-path.js';

export interface AutostartObservation {
  /** Canonical location: `HKLM\software\...\run` or a normalised Startup folder path. */
  key: string;
  /** Value name as logged (file name for Startup folders); grouping folds its case. */
  valueName: string;
  /** Data after normalizeAutostartData (for Startup folders: the file path). */
  data: string;
  /** Data as logged. */
  example: string;
  /** Catalog location id (`run`, `startup-folder-user`, ...). */
  locationId: string;
  scope?: 'machine' | 'user';
  /** Event Computer, as logged. */
  host: string;
  /** Account of the writing process; '' when the log has none. */
  user: string;
  /** Event time, UTC ISO 8601. */
  time: string;
  /** Image of the writing process. */
  writerImage: string;
}

/** `key`, folded value name and data joined: the identity of an entry across hosts. */
export function observationKey(
  o: Pick<AutostartObservation, 'key' | 'valueName' | 'data'>,
): string {
  return `${o.key}\u0000${o.valueName.toLowerCase()}\u0000${o.data}`;
}

/**
 * The entry a candidate describes, or null when it names none (a command line that writes a
 * Startup file by a name we cannot read). Registry writes and command-line writes of a value give
 * the same key for the same value, so both count towards one entry.
 */
export function observeCandidate(c: Candidate): AutostartObservation | null {
  const e = c.event;
  const base = {
    locationId: c.location.id,
    host: e.host,
    user: c.writer?.user || e.user,
    time: e.time,
    writerImage: c.writer?.image ?? e.image,
  };
  if (c.registry) {
    const p = canonicalRegistryPath(c.registry.targetObject);
    const o: AutostartObservation = {
      ...base,
      key: c.registry.key,
      valueName: c.registry.valueName,
      data: normalizeAutostartData(c.registry.details),
      example: c.registry.details,
    };
    if (p.scope !== 'unknown') o.scope = p.scope;
    return o;
  }
  if (c.file) {
    const path = c.file.targetFilename;
    const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    if (cut < 0) return null;
    return {
      ...base,
      key: normalizeAutostartData(path.slice(0, cut)),
      valueName: path.slice(cut + 1),
      data: normalizeAutostartData(path),
      example: path,
      scope:
        c.location.id.includes('common') || c.location.id.includes('system') ? 'machine' : 'user',
    };
  }
  return null;
}

/** The observation as baseline learning and matching see it. */
export function toObservedEntry(o: AutostartObservation): ObservedEntry {
  const out: ObservedEntry = {
    locationId: o.locationId,
    valueName: o.valueName,
    data: o.example,
    writerImage: o.writerImage,
    host: o.host,
  };
  if (o.scope) out.scope = o.scope;
  return out;
}
