/**
 * Compiles one detection item (`Field|modifiers: value or list`) into a predicate.
 *
 * Semantics (Sigma rules specification "Lists", "Maps", "Special Field Values"; modifiers
 * appendix) and the choices this engine makes where the specification leaves them open
 * (documented in docs/sigma.md):
 * - values are compared case-insensitively and as a full match, unless `cased` or `re`;
 * - a value list is an OR, `all` makes it an AND (one value expanded by base64offset/windash
 *   stays an OR of its variants);
 * - a field the event does not have never matches a non-null value;
 * - `null` matches when the field is absent or empty; `''` matches only an empty value;
 * - integers and booleans compare by their text (`EventID: 13` matches `"13"`);
 * - keyword items (no field) search every value of the event: a plain keyword is a substring
 *   search (it gets `*` on both sides unless startswith/endswith/re says otherwise);
 * - `neq` negates the whole item (pySigma's reading of "the field is different").
 */
import { parseCidr, CidrError } from './cidr.js';
import {
  base64,
  base64Offset,
  encodeUtf16,
  TransformError,
  windash,
  wrapContains,
  wrapEndsWith,
  wrapStartsWith,
  type Encoded,
} from './encode.js';
import type { EventView } from './event-view.js';
import { compileGlob, type StringTest } from './glob-match.js';
import { ModifierError, type ModifierChain } from './modifiers.js';
import { compileRuleRegex, regexSearch, RegexRejected } from './regex-guard.js';
import { literal, parseSigmaString, type SigmaString } from './sigma-string.js';
import type { Predicate } from './types.js';

/** Why an item cannot be compiled (becomes the rule's failure reason). */
export class ItemError extends Error {
  override readonly name = 'ItemError';
}

export interface ItemContext {
  /** Rule field → event field for the logsource variant being compiled. */
  fieldmap: Readonly<Record<string, string>>;
  /** `expand` placeholder values (name without `%` → Sigma string values). */
  placeholders: Readonly<Record<string, readonly string[]>>;
}

export interface CompiledItem {
  pred: Predicate;
  /** Event fields the item reads (empty for keywords). */
  fields: string[];
}

/** Tests one value of one event field; `undefined` = the field is absent. */
type ValueTest = (ev: EventView, field: string) => boolean;

const mapField = (ctx: ItemContext, f: string): string => ctx.fieldmap[f] ?? f;

export function compileItem(chain: ModifierChain, raw: unknown, ctx: ItemContext): CompiledItem {
  try {
    return compileItemUnsafe(chain, raw, ctx);
  } catch (e) {
    if (
      e instanceof TransformError ||
      e instanceof RegexRejected ||
      e instanceof CidrError ||
      e instanceof ModifierError
    ) {
      throw new ItemError(`${chain.field ?? '(keywords)'}: ${e.message}`);
    }
    throw e;
  }
}

function compileItemUnsafe(chain: ModifierChain, raw: unknown, ctx: ItemContext): CompiledItem {
  // pySigma: a key with an empty list means null.
  const values: unknown[] = Array.isArray(raw) ? (raw.length === 0 ? [null] : raw) : [raw];
  const label = chain.field ?? '(keywords)';
  const field = chain.field === null ? null : mapField(ctx, chain.field);

  if (chain.type === 'exists') {
    if (field === null) throw new ItemError('"exists" needs a field');
    const v = values[0];
    if (values.length !== 1 || typeof v !== 'boolean') {
      throw new ItemError(`${label}: "exists" takes true or false`);
    }
    return { pred: (ev) => (ev.get(field) !== undefined) === v, fields: [field] };
  }

  // One predicate per listed value, each an OR of its expansions.
  const perValue: ValueTest[] = values.map((v) => compileValue(chain, v, ctx, label));
  const fields: string[] = field === null ? [] : [field];
  if (chain.type === 'fieldref') {
    for (const v of values) if (typeof v === 'string') fields.push(mapField(ctx, v));
  }

  let pred: Predicate;
  if (field === null) {
    // Keywords: each value searched in every value of the event.
    pred = chain.all
      ? (ev) => perValue.every((t) => t(ev, ''))
      : (ev) => perValue.some((t) => t(ev, ''));
  } else if (perValue.length === 1) {
    const t = perValue[0]!;
    pred = (ev) => t(ev, field);
  } else {
    pred = chain.all
      ? (ev) => perValue.every((t) => t(ev, field))
      : (ev) => perValue.some((t) => t(ev, field));
  }
  if (chain.neq) {
    const inner = pred;
    pred = (ev) => !inner(ev);
  }
  return { pred, fields };
}

function compileValue(
  chain: ModifierChain,
  v: unknown,
  ctx: ItemContext,
  label: string,
): ValueTest {
  const keyword = chain.field === null;
  if (v === null) {
    if (keyword) throw new ItemError('null is not a keyword');
    if (chain.type !== null || chain.transforms.length > 0) {
      throw new ItemError(`${label}: null cannot take modifiers`);
    }
    return (ev, f) => {
      const x = ev.get(f);
      return x === undefined || x === '';
    };
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new ItemError(`${label}: a value must be a string, number, boolean or null`);
  }
  const text = String(v);

  switch (chain.type) {
    case 're': {
      const re = compileRuleRegex(text, chain.reFlags);
      return keyword
        ? (ev) => ev.values().some((x) => regexSearch(re, x))
        : (ev, f) => {
            const x = ev.get(f);
            return x !== undefined && regexSearch(re, x);
          };
    }
    case 'cidr': {
      const inNet = parseCidr(text);
      return keyword
        ? (ev) => ev.values().some(inNet)
        : (ev, f) => {
            const x = ev.get(f);
            return x !== undefined && inNet(x);
          };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return numericTest(chain.type, v, label, keyword);
    case 'fieldref':
      return fieldrefTest(chain, mapField(ctx, text), keyword, label);
    default:
      return stringTest(chain, v, ctx, keyword, label);
  }
}

/** Parses a field value as a number: decimal, or `0x` hex as Windows renders HexInt. */
export function numberOf(x: string): number | undefined {
  const t = x.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  return undefined;
}

function numericTest(op: string, v: unknown, label: string, keyword: boolean): ValueTest {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? numberOf(v) : undefined;
  if (n === undefined || Number.isNaN(n)) throw new ItemError(`${label}: "${op}" needs a number`);
  if (keyword) throw new ItemError(`"${op}" needs a field`);
  const cmp =
    op === 'gt'
      ? (x: number) => x > n
      : op === 'gte'
        ? (x: number) => x >= n
        : op === 'lt'
          ? (x: number) => x < n
          : (x: number) => x <= n;
  return (ev, f) => {
    const x = ev.get(f);
    const num = x === undefined ? undefined : numberOf(x);
    return num !== undefined && cmp(num);
  };
}

function fieldrefTest(
  chain: ModifierChain,
  other: string,
  keyword: boolean,
  label: string,
): ValueTest {
  if (keyword) throw new ItemError('"fieldref" needs a field');
  const mode = chain.transforms[chain.transforms.length - 1] ?? 'equals';
  if (chain.transforms.length > 1)
    throw new ItemError(`${label}: fieldref takes one of contains/startswith/endswith`);
  const get = chain.cased
    ? (ev: EventView, f: string) => ev.get(f)
    : (ev: EventView, f: string) => ev.lower(f);
  return (ev, f) => {
    const a = get(ev, f);
    const b = get(ev, other);
    if (a === undefined || b === undefined) return false;
    if (mode === 'contains') return a.includes(b);
    if (mode === 'startswith') return a.startsWith(b);
    if (mode === 'endswith') return a.endsWith(b);
    return a === b;
  };
}

function stringTest(
  chain: ModifierChain,
  v: string | number | boolean,
  ctx: ItemContext,
  keyword: boolean,
  label: string,
): ValueTest {
  let alts: Encoded[];
  if (typeof v === 'string') {
    const expanded = chain.transforms.includes('expand') ? expandPlaceholders(v, ctx, label) : [v];
    alts = expanded.map((s) => ({ s: parseSigmaString(s), bytes: false }));
  } else {
    alts = [{ s: literal(String(v)), bytes: false }];
  }
  let positioned = false;
  for (const m of chain.transforms) {
    alts = alts.flatMap((a) => applyTransform(m, a));
    if (m === 'contains' || m === 'startswith' || m === 'endswith') positioned = true;
  }
  const patterns: SigmaString[] = alts.map((a) =>
    keyword && !positioned ? wrapContains(a.s) : a.s,
  );
  const tests: StringTest[] = patterns.map((p) => compileGlob(p, chain.cased));
  const test: StringTest = tests.length === 1 ? tests[0]! : (x) => tests.some((t) => t(x));
  if (keyword) {
    return chain.cased ? (ev) => ev.values().some(test) : (ev) => ev.valuesLower().some(test);
  }
  return chain.cased
    ? (ev, f) => {
        const x = ev.get(f);
        return x !== undefined && test(x);
      }
    : (ev, f) => {
        const x = ev.lower(f);
        return x !== undefined && test(x);
      };
}

function applyTransform(m: string, a: Encoded): Encoded[] {
  switch (m) {
    case 'contains':
      return [{ s: wrapContains(a.s), bytes: a.bytes }];
    case 'startswith':
      return [{ s: wrapStartsWith(a.s), bytes: a.bytes }];
    case 'endswith':
      return [{ s: wrapEndsWith(a.s), bytes: a.bytes }];
    case 'utf16le':
    case 'wide':
      return [encodeUtf16(a, 'le')];
    case 'utf16be':
      return [encodeUtf16(a, 'be')];
    case 'utf16':
      return [encodeUtf16(a, 'bom')];
    case 'base64':
      return [base64(a)];
    case 'base64offset':
      return base64Offset(a);
    case 'windash':
      return windash(a);
    case 'expand':
      return [a]; // resolved before parsing (placeholders are raw text)
    default:
      throw new ItemError(`unhandled modifier "${m}"`);
  }
}

/**
 * `expand` (rules specification "Placeholders"): `%name%` is replaced by each configured value
 * (an OR); `\%` is a plain percent sign. An unresolved placeholder rejects the rule, as the
 * specification requires of tools that cannot resolve it.
 */
function expandPlaceholders(raw: string, ctx: ItemContext, label: string): string[] {
  const pieces: (string | string[])[] = [];
  let lit = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && raw[i + 1] === '%') {
      lit += '%';
      i++;
    } else if (c === '%') {
      const end = raw.indexOf('%', i + 1);
      if (end < 0) {
        lit += c;
        continue;
      }
      const name = raw.slice(i + 1, end);
      const vals = ctx.placeholders[name];
      if (!vals) throw new ItemError(`${label}: placeholder %${name}% has no value (expand)`);
      pieces.push(lit, [...vals]);
      lit = '';
      i = end;
    } else {
      lit += c;
    }
  }
  pieces.push(lit);
  let out = [''];
  for (const p of pieces) {
    out = typeof p === 'string' ? out.map((o) => o + p) : out.flatMap((o) => p.map((x) => o + x));
  }
  return out;
}
