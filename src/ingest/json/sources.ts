import { derivedGuid } from '../guid.js';
import { toUtcIso } from '../time.js';
import { scalarText, sysmonUtcTime } from '../values.js';
import type { FieldMapFile, Source } from './field-map.js';
import { getPath, type JsonObject } from './paths.js';

/**
 * Value sources of the field map: a dotted path, or a value computed from several (joined
 * names, folder + file name, Sysmon-style times and Details, derived GUIDs).
 */

export function text(obj: JsonObject, path: string): string | undefined {
  const v = getPath(obj, path);
  if (v === undefined) return undefined;
  return scalarText(v) ?? undefined;
}

/** The first source that yields a value. */
export function first(
  obj: JsonObject,
  sources: readonly Source[] | undefined,
  map: FieldMapFile,
): string | undefined {
  for (const s of sources ?? []) {
    const v = resolve(obj, s, map);
    if (v !== undefined) return v;
  }
  return undefined;
}

function resolve(obj: JsonObject, s: Source, map: FieldMapFile): string | undefined {
  if (typeof s === 'string') return text(obj, s);
  if ('join' in s) {
    const parts = s.join.map((p) => text(obj, p)).filter((p): p is string => !!p);
    if (parts.length === 0) return undefined;
    const joined = parts.join(s.sep);
    return s.hive ? sysmonHive(joined, map) : joined;
  }
  if ('path' in s) {
    const [dirPath, namePath] = s.path;
    const dir = text(obj, dirPath);
    const name = text(obj, namePath);
    if (!dir) return name || undefined;
    if (!name || dir.toLowerCase().endsWith(name.toLowerCase())) return dir;
    return dir.endsWith('\\') ? dir + name : `${dir}\\${name}`;
  }
  if ('ecsRegistryData' in s) return sysmonDetails(obj, s.ecsRegistryData);
  if ('guidOf' in s) {
    const parts = s.guidOf.map((p) => text(obj, p));
    if (parts.some((p) => !p)) return undefined;
    // Times are written differently per table and export; hash their canonical form.
    return derivedGuid(parts.map((p) => canonicalTime(p as string)));
  }
  const t = text(obj, s.sysmonTime);
  const iso = t === undefined ? null : toUtcIso(t);
  return iso === null ? undefined : sysmonUtcTime(iso);
}

/**
 * Sysmon's Details text from ECS registry.data: the sysmon pipeline turns `DWORD (0x0000000a)`
 * into strings ["10"] with type SZ_DWORD; everything else keeps its text. QWORD values are
 * combined by the pipeline in a way that cannot be undone, so they come back as the number.
 */
function sysmonDetails(
  obj: JsonObject,
  [stringsPath, typePath]: [string, string],
): string | undefined {
  const strings = getPath(obj, stringsPath);
  const first = Array.isArray(strings) ? strings[0] : strings;
  const value = first === undefined ? undefined : (scalarText(first) ?? undefined);
  if (value === undefined) return undefined;
  if (text(obj, typePath) === 'SZ_DWORD' && /^\d+$/.test(value)) {
    return `DWORD (0x${Number(value).toString(16).padStart(8, '0')})`;
  }
  return value;
}

/** A time in one spelling whatever its precision (`...00.0000000Z` = `...00Z`); other text lower-cased. */
function canonicalTime(v: string): string {
  const iso = toUtcIso(v);
  if (iso === null) return v.toLowerCase();
  return iso.replace(/\.(\d*?)0+Z$/, '.$1Z').replace(/\.Z$/, 'Z');
}

function sysmonHive(path: string, map: FieldMapFile): string {
  const upper = path.toUpperCase();
  for (const { from, to } of map.hivePrefixes) {
    if (upper === from || upper.startsWith(`${from}\\`)) return to + path.slice(from.length);
  }
  return path;
}
