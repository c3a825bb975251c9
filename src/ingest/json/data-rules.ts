import type { DataRule, FieldMapFile } from './field-map.js';
import { getPath, isObject, type JsonObject } from './paths.js';
import { first, text } from './sources.js';
import { addDataField, scalarText } from '../values.js';

/**
 * The field map's `data` rules: how a record's event data fields are collected (an object's
 * entries, a list of named elements, UserData leaves, the record's remaining top-level fields,
 * or named fields from sources). Fields of the event itself (object, namedList, leaves) are added
 * as the EVTX reader adds them, repeated names suffixed; the fallbacks (rest, fields) never
 * overwrite a field already set.
 */

/** `rest` exclusion lists as sets, built once per rule of the (cached) field map. */
const excludeSets = new WeakMap<DataRule, Set<string>>();

export function applyRule(
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
  const add = (k: string, v: string | null): void => {
    if (v !== null && k !== '') addDataField(data, k, v);
  };
  if (rule.object !== undefined) {
    const o = getPath(obj, rule.object);
    if (isObject(o)) {
      for (const [k, v] of Object.entries(o)) {
        // A named element ({"@Name":..,"#text":..}) is the namedList rule's, not a value.
        if (k.startsWith('#') || k.startsWith('@') || isNamedElement(v)) continue;
        // Unnamed <Data> elements: evtx_dump writes {"#text": [..]}, xmltodict a plain list.
        const inner = isObject(v) && Object.hasOwn(v, '#text') ? v['#text'] : v;
        if (Array.isArray(inner)) for (const item of inner) add(k, scalarText(item));
        else add(k, scalarText(v));
      }
    }
  }
  if (rule.namedList !== undefined) {
    const v = getPath(obj, rule.namedList);
    for (const item of Array.isArray(v) ? v : [v]) {
      if (!isObject(item)) continue;
      const name = firstText(item, rule.name ?? ['@Name']);
      if (name !== undefined) add(name, firstText(item, rule.text ?? ['#text']) ?? '');
    }
  }
  if (rule.leaves !== undefined) collectLeaves(getPath(obj, rule.leaves), '', add);
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
