import { emptyData, type RawEvent } from '../../model/events.js';
import { derivedGuid, foldGuid, isEvtxDumpGuid } from '../guid.js';
import { toUtcIso } from '../time.js';
import { xmlDataFragment } from '../xml/data-fragment.js';
import { scalarText, sysmonUtcTime, toInteger } from '../values.js';
import type { DataRule, FieldMapFile, LayoutSpec, Source } from './field-map.js';
import { getPath, isObject, type JsonObject } from './paths.js';

/** What mapping one parsed JSON record gave. */
export type MapResult =
  | { kind: 'event'; event: RawEvent; layout: string }
  /** The record carries the event as XML (Splunk `_raw`): parse that instead. */
  | { kind: 'xml'; xml: string; layout: string }
  | {
      kind: 'skip';
      code: 'unknown-layout' | 'missing-event-id' | 'unmapped-action';
      detail: string;
    };

/**
 * Maps parsed JSON records onto RawEvent with the layouts of the field map
 * (data/field-maps/json-layouts.yaml). The layout is chosen per record, so a file mixing
 * shippers still reads; the last layout that matched is tried first.
 */
export class LayoutMapper {
  private readonly channels: Map<string, string>;
  private readonly guidFields: readonly string[];
  private last: LayoutSpec | undefined;

  constructor(private readonly map: FieldMapFile) {
    this.channels = new Map(map.channels.map((c) => [c.toLowerCase(), c]));
    this.guidFields = map.guidFields;
  }

  /**
   * The records in one parsed JSON value: the elements of an array, the records of a container
   * document that is not itself an event (field map `containers`), or the value itself.
   */
  records(value: unknown): unknown[] {
    if (Array.isArray(value)) return value;
    const obj = this.unwrapped(value);
    if (!isObject(obj) || this.pick(obj)) return [value];
    for (const path of this.map.containers ?? []) {
      const inner = getPath(obj, path);
      if (Array.isArray(inner)) return inner;
    }
    return [value];
  }

  private unwrapped(record: unknown): unknown {
    let obj = record;
    for (let depth = 0; depth < 3 && isObject(obj); depth++) {
      const inner = this.map.unwrap.find((k) => Object.hasOwn(obj as JsonObject, k));
      const v = inner === undefined ? undefined : (obj as JsonObject)[inner];
      if (!isObject(v)) break;
      obj = v;
    }
    return obj;
  }

  mapRecord(record: unknown, source: string): MapResult {
    const obj = this.unwrapped(record);
    if (!isObject(obj)) {
      return {
        kind: 'skip',
        code: 'unknown-layout',
        detail: `a JSON ${jsonType(obj)}, not an object`,
      };
    }
    const layout = this.pick(obj);
    if (!layout) {
      const keys = Object.keys(obj);
      const shown =
        keys.slice(0, 15).join(', ') + (keys.length > 15 ? `, … (${keys.length} keys)` : '');
      return { kind: 'skip', code: 'unknown-layout', detail: `fields seen: ${shown || '(none)'}` };
    }
    if (layout.xml !== undefined) {
      const xml = scalarText(getPath(obj, layout.xml));
      if (xml !== null && xml.trimStart().startsWith('<'))
        return { kind: 'xml', xml, layout: layout.id };
    }
    return this.build(
      layout.parseJson ? withParsedJson(obj, layout.parseJson) : obj,
      layout,
      source,
    );
  }

  canonicalChannel(channel: string): string {
    return this.channels.get(channel.toLowerCase()) ?? channel;
  }

  private readonly dropCache = new Map<LayoutSpec, [string, RegExp][]>();

  private dropPatterns(layout: LayoutSpec): [string, RegExp][] {
    let hit = this.dropCache.get(layout);
    if (!hit) {
      hit = Object.entries(layout.dropValues ?? {}).map(([f, re]) => [f, new RegExp(re)]);
      this.dropCache.set(layout, hit);
    }
    return hit;
  }

  private pick(obj: JsonObject): LayoutSpec | undefined {
    if (this.last && matches(this.last, obj)) return this.last;
    const hit = this.map.layouts.find((l) => matches(l, obj));
    if (hit) this.last = hit;
    return hit;
  }

  private build(obj: JsonObject, layout: LayoutSpec, source: string): MapResult {
    const sys = layout.system;
    const data = emptyData();
    let eventId: number | null;
    if (layout.action) {
      const action = text(obj, layout.action.field) ?? '';
      const entry = Object.hasOwn(layout.action.table, action)
        ? layout.action.table[action]
        : undefined;
      if (!entry) {
        return {
          kind: 'skip',
          code: 'unmapped-action',
          detail: `${layout.action.field} "${action}"`,
        };
      }
      eventId = entry.eventId;
      for (const [k, v] of Object.entries(entry.set ?? {})) data[k] = v;
    } else {
      eventId = toInteger(first(obj, sys.eventId, this.map));
    }
    if (eventId === null) {
      return {
        kind: 'skip',
        code: 'missing-event-id',
        detail: `layout ${layout.id} without an event ID`,
      };
    }
    for (const rule of layout.data) applyRule(obj, rule, eventId, data, this.map);
    for (const [field, re] of this.dropPatterns(layout)) {
      const v = data[field];
      if (v !== undefined && re.test(v)) delete data[field];
    }
    for (const f of this.guidFields) {
      const v = data[f];
      if (v !== undefined) data[f] = foldGuid(v);
    }
    if (layout.guidStyle === 'evtx-dump') {
      for (const [k, v] of Object.entries(data)) if (isEvtxDumpGuid(v)) data[k] = foldGuid(v);
    }
    const time = first(obj, sys.timeCreated, this.map);
    const event: RawEvent = {
      source,
      recordId: toInteger(first(obj, sys.recordId, this.map)),
      timeCreated: (time === undefined ? null : toUtcIso(time)) ?? '',
      eventId,
      provider: layout.constants?.provider ?? first(obj, sys.provider, this.map) ?? '',
      channel: this.canonicalChannel(
        layout.constants?.channel ?? first(obj, sys.channel, this.map) ?? '',
      ),
      computer: first(obj, sys.computer, this.map) ?? '',
      data,
    };
    const version = toInteger(first(obj, sys.version, this.map));
    if (version !== null) event.version = version;
    const userId = first(obj, sys.userId, this.map);
    if (userId) event.userId = userId;
    return { kind: 'event', event, layout: layout.id };
  }
}

function matches(l: LayoutSpec, obj: JsonObject): boolean {
  const { all, any, none, equals } = l.detect;
  if (all && !all.every((p) => getPath(obj, p) !== undefined)) return false;
  if (any && !any.some((p) => getPath(obj, p) !== undefined)) return false;
  if (none && none.some((p) => getPath(obj, p) !== undefined)) return false;
  if (equals && !Object.entries(equals).every(([p, v]) => text(obj, p) === v)) return false;
  return true;
}

function text(obj: JsonObject, path: string): string | undefined {
  const v = getPath(obj, path);
  if (v === undefined) return undefined;
  return scalarText(v) ?? undefined;
}

/** The first source that yields a value. */
function first(
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

/** `rest` exclusion lists as sets, built once per rule of the (cached) field map. */
const excludeSets = new WeakMap<DataRule, Set<string>>();

function applyRule(
  obj: JsonObject,
  rule: DataRule,
  eventId: number,
  data: Record<string, string>,
  map: FieldMapFile,
): void {
  if (rule.when && !rule.when.includes(eventId)) return;
  if (rule.unless && rule.unless.includes(eventId)) return;
  const put = (k: string, v: string | null): void => {
    if (v !== null && k !== '' && !Object.hasOwn(data, k)) data[k] = v;
  };
  if (rule.object !== undefined) {
    const o = getPath(obj, rule.object);
    if (isObject(o)) {
      for (const [k, v] of Object.entries(o)) {
        // A named element ({"@Name":..,"#text":..}) is the namedList rule's, not a value.
        if (k.startsWith('#') || k.startsWith('@') || isNamedElement(v)) continue;
        put(k, scalarText(v));
      }
    }
  }
  if (rule.namedList !== undefined) {
    const v = getPath(obj, rule.namedList);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (!isObject(item)) continue;
      const name = firstText(item, rule.name ?? ['@Name']);
      if (name !== undefined) put(name, firstText(item, rule.text ?? ['#text']) ?? '');
    }
  }
  if (rule.leaves !== undefined) collectLeaves(getPath(obj, rule.leaves), '', put);
  if (rule.rest) {
    let exclude = excludeSets.get(rule);
    if (!exclude) {
      exclude = new Set(rule.exclude ?? []);
      excludeSets.set(rule, exclude);
    }
    const prefixes = rule.excludePrefixes ?? [];
    for (const [k, v] of Object.entries(obj)) {
      if (exclude.has(k) || prefixes.some((p) => k.startsWith(p))) continue;
      put(k, scalarText(v));
    }
  }
  if (rule.fields) {
    for (const [name, sources] of Object.entries(rule.fields)) {
      if (!Object.hasOwn(data, name)) put(name, first(obj, sources, map) ?? null);
    }
  }
}

function isNamedElement(v: unknown): boolean {
  const items = Array.isArray(v) ? v : [v];
  return items.some(
    (i) => isObject(i) && (Object.hasOwn(i, '@Name') || Object.hasOwn(i, '#attributes')),
  );
}

function firstText(obj: JsonObject, paths: readonly string[]): string | undefined {
  for (const p of paths) {
    const v = text(obj, p);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Leaf elements of a UserData-like tree, keyed by their own element name. */
function collectLeaves(
  node: unknown,
  key: string,
  put: (k: string, v: string | null) => void,
): void {
  if (Array.isArray(node)) {
    for (const n of node) collectLeaves(n, key, put);
    return;
  }
  if (isObject(node) && !Object.hasOwn(node, '#text')) {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('#') || k.startsWith('@')) continue;
      collectLeaves(v, k, put);
    }
    return;
  }
  if (key) put(key, scalarText(node));
}

/** A shallow copy with the named text fields replaced by their parsed JSON (or XML data fragment). */
function withParsedJson(obj: JsonObject, fields: readonly string[]): JsonObject {
  const copy: JsonObject = Object.create(null) as JsonObject;
  for (const [k, v] of Object.entries(obj)) copy[k] = v;
  for (const f of fields) {
    const v = copy[f];
    if (typeof v !== 'string') continue;
    if (v.trimStart().startsWith('<')) {
      copy[f] = xmlDataFragment(v) ?? v;
      continue;
    }
    try {
      copy[f] = JSON.parse(v) as unknown;
    } catch {
      // Left as text: the data rules then find nothing under it.
    }
  }
  return copy;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  return v === null ? 'null' : typeof v;
}
