/**
 * Compiles a rule's `detection` section: each search identifier into a predicate, then the
 * condition over them.
 *
 * Sigma rules specification "Search-Identifier", "Lists", "Maps", "Keywords search":
 * - a map is the AND of its items; a list of maps is the OR of the maps;
 * - a list of plain values (no field) is a keyword list: OR, or AND under the `'|all':` key;
 * - a condition given as a list is the OR of its conditions.
 */
import { compileCondition, ConditionError, parseCondition, type CondNode } from './condition.js';
import { compileItem, ItemError, type ItemContext } from './detection-item.js';
import { ModifierError, parseKey } from './modifiers.js';
import type { Predicate } from './types.js';

export class DetectionError extends Error {
  override readonly name = 'DetectionError';
}

export interface CompiledDetection {
  test: Predicate;
  identifiers: Map<string, Predicate>;
  identifierFields: Map<string, string[]>;
}

const RESERVED = new Set(['condition', 'timeframe']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The search identifiers of a detection section (every key but condition/timeframe). */
export function identifierNames(detection: Record<string, unknown>): string[] {
  return Object.keys(detection).filter((k) => !RESERVED.has(k));
}

/** Parses the condition(s) of a detection section. Throws ConditionError. */
export function parseConditions(detection: Record<string, unknown>): CondNode {
  const cond = detection['condition'];
  const names = identifierNames(detection);
  const list = Array.isArray(cond) ? cond : [cond];
  if (list.length === 0 || list.some((c) => typeof c !== 'string')) {
    throw new ConditionError('condition must be a string or a list of strings');
  }
  const nodes = (list as string[]).map((c) => parseCondition(c.replace(/\s+/g, ' ').trim(), names));
  return nodes.length === 1 ? nodes[0]! : { kind: 'or', args: nodes };
}

export function compileDetection(
  detection: Record<string, unknown>,
  ctx: ItemContext,
  condition: CondNode = parseConditions(detection),
): CompiledDetection {
  const identifiers = new Map<string, Predicate>();
  const identifierFields = new Map<string, string[]>();
  for (const name of identifierNames(detection)) {
    try {
      const { pred, fields } = compileIdentifier(detection[name], ctx);
      identifiers.set(name, pred);
      identifierFields.set(name, [...new Set(fields)]);
    } catch (e) {
      if (e instanceof ItemError || e instanceof ModifierError || e instanceof DetectionError) {
        throw new DetectionError(`search identifier "${name}": ${e.message}`);
      }
      throw e;
    }
  }
  return { test: compileCondition(condition, identifiers), identifiers, identifierFields };
}

interface Compiled {
  pred: Predicate;
  fields: string[];
}

function compileIdentifier(value: unknown, ctx: ItemContext): Compiled {
  if (isPlainObject(value)) return compileMap(value, ctx);
  if (Array.isArray(value)) {
    if (value.length === 0) throw new DetectionError('empty list');
    const maps = value.filter(isPlainObject);
    const scalars = value.filter((v) => !isPlainObject(v));
    const parts: Compiled[] = maps.map((m) => compileMap(m, ctx));
    if (scalars.length > 0) {
      if (scalars.some(Array.isArray)) throw new DetectionError('nested lists are not allowed');
      parts.push(compileItem(parseKey(''), scalars, ctx));
    }
    return orOf(parts);
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return compileItem(parseKey(''), [value], ctx);
  }
  throw new DetectionError('must be a map, a list of maps or a list of keywords');
}

function compileMap(map: Record<string, unknown>, ctx: ItemContext): Compiled {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new DetectionError('empty map');
  const items = keys.map((k) => {
    const v = map[k];
    if (isPlainObject(v)) throw new DetectionError(`"${k}": a value cannot be a map`);
    if (Array.isArray(v) && v.some((x) => isPlainObject(x) || Array.isArray(x))) {
      throw new DetectionError(`"${k}": list values must be plain values`);
    }
    let chain;
    try {
      chain = parseKey(k);
    } catch (e) {
      if (e instanceof ModifierError) throw new DetectionError(`${k}: ${e.message}`);
      throw e;
    }
    return compileItem(chain, v, ctx);
  });
  if (items.length === 1) return items[0]!;
  const preds = items.map((i) => i.pred);
  return { pred: (ev) => preds.every((p) => p(ev)), fields: items.flatMap((i) => i.fields) };
}

function orOf(parts: Compiled[]): Compiled {
  if (parts.length === 1) return parts[0]!;
  const preds = parts.map((p) => p.pred);
  return { pred: (ev) => preds.some((p) => p(ev)), fields: parts.flatMap((p) => p.fields) };
}
