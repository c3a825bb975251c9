import type { ChunkContext } from './chunk-context.js';
import { NodeKind, type ElementNode, type Node, type ValueTable } from './ir.js';
import { parseFragment } from './parser.js';
import { ARRAY_FLAG, VALUE_TYPE } from './value-types.js';

/** What a substitution slot resolves to for one record. */
export const enum SlotKind {
  /** No value (NULL type, or an index past the value table). */
  Null,
  Scalar,
  Array,
  BinXml,
}

/** Classifies substitution `index` of `values` without decoding it. */
export function slotKind(values: ValueTable | null, index: number): SlotKind {
  if (values === null || index >= values.types.length) return SlotKind.Null;
  const type = values.types[index]!;
  if (type === VALUE_TYPE.NULL) return SlotKind.Null;
  if (type === VALUE_TYPE.BINXML) return SlotKind.BinXml;
  if (type & ARRAY_FLAG) return SlotKind.Array;
  return SlotKind.Scalar;
}

/** Decodes a BinXML substitution value (no dependency ids: libyal "Element start" notes). */
export function parseBinXmlValue(
  ctx: ChunkContext,
  values: ValueTable,
  index: number,
  depth: number,
): Node[] {
  const off = values.offsets[index]!;
  return parseFragment(ctx, off, off + values.sizes[index]!, false, depth + 1);
}

/**
 * The first substitution in an element's attributes or direct content that holds an array
 * value. MS-EVEN6 §3.1.4.7.5: such an element is repeated once per array item.
 */
export function arraySlot(el: ElementNode, values: ValueTable | null): number {
  if (values === null || !values.hasArray) return -1;
  for (const a of el.attrs) {
    for (const p of a.parts) {
      if (p.k === NodeKind.Subst && slotKind(values, p.index) === SlotKind.Array) return p.index;
    }
  }
  for (const c of el.children) {
    if (c.k === NodeKind.Subst && slotKind(values, c.index) === SlotKind.Array) return c.index;
  }
  return -1;
}

/** An array item chosen for one repetition of an element (see arraySlot). */
export interface Pick {
  index: number;
  item: string;
}

/** True when an attribute is only an optional substitution with no value: it is left out. */
export function isOmittedAttr(parts: readonly Node[], values: ValueTable | null): boolean {
  if (parts.length !== 1) return false;
  const p = parts[0]!;
  return p.k === NodeKind.Subst && p.optional && slotKind(values, p.index) === SlotKind.Null;
}

/** Entity references that BinXML may carry, resolved for plain-text output. */
export const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
