import { emptyData, type RawEvent } from '../../model/events.js';
import { foldGuid, isEvtxDumpGuid } from '../guid.js';
import { toUtcIso } from '../time.js';
import type { WantFilter } from '../types.js';
import { scalarText, toInteger } from '../values.js';
import { xmlDataFragment } from '../xml/data-fragment.js';
import { applyRule } from './data-rules.js';
import type { FieldMapFile, LayoutSpec } from './field-map.js';
import { getPath, isObject, type JsonObject } from './paths.js';
import { first, text } from './sources.js';

/** What mapping one parsed JSON record gave. */
export type MapResult =
  | { kind: 'event'; event: RawEvent; layout: string }
  /** The record carries the event as XML (Splunk `_raw`): parse that instead. */
  | { kind: 'xml'; xml: string; layout: string }
  /** The caller's `want` rejected the record's provider and event id (ReadContext.want). */
  | { kind: 'unwanted' }
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

  /**
   * With `want`, a record whose provider is known and rejected is not mapped further (its data
   * fields are most of the work). A record without a provider is always mapped: consumers may
   * still place it by its channel (normalizeEvent does).
   */
  mapRecord(record: unknown, source: string, want?: WantFilter): MapResult {
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
      want,
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

  private build(
    obj: JsonObject,
    layout: LayoutSpec,
    source: string,
    want: WantFilter | undefined,
  ): MapResult {
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
    const provider = layout.constants?.provider ?? first(obj, sys.provider, this.map) ?? '';
    if (want !== undefined && provider !== '' && !want(provider, eventId)) {
      return { kind: 'unwanted' };
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
      provider,
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
