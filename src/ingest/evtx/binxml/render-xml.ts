import { escapeXmlText } from '../../../util/xml-escape.js';
import { LIMITS } from '../constants.js';
import { EvtxParseError } from '../errors.js';
import type { ChunkContext } from './chunk-context.js';
import { NodeKind, type ElementNode, type Node, type ValueTable } from './ir.js';
import {
  arraySlot,
  isOmittedAttr,
  parseBinXmlValue,
  slotKind,
  SlotKind,
  type Pick,
} from './substitution.js';
import { arrayItems, scalarText } from './values.js';

/**
 * IR + substitution values → event XML on one line, the way Windows' EvtRender writes it:
 * attributes in single quotes, no whitespace between elements, `xmlns` as stored on `<Event>`.
 * To keep one event per line, CR and LF (and other C0 controls except tab) are written as
 * character references (`&#10;`), and CDATA sections are written as escaped text.
 */
export function renderXml(
  ctx: ChunkContext,
  nodes: readonly Node[],
  values: ValueTable | null,
  depth: number,
): string {
  let s = '';
  for (const n of nodes) s += renderNode(ctx, n, values, null, depth);
  return s;
}

export { escapeXmlText };

function renderNode(
  ctx: ChunkContext,
  n: Node,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
): string {
  switch (n.k) {
    case NodeKind.Element:
      return renderElement(ctx, n, values, depth + 1);
    case NodeKind.Text:
      return escapeXmlText(n.text);
    case NodeKind.Subst:
      return renderSubst(ctx, n.index, values, pick, depth);
    case NodeKind.CharRef:
      return '&#' + n.code + ';';
    case NodeKind.EntityRef:
      return '&' + n.name + ';';
    case NodeKind.CData:
      return escapeXmlText(n.text);
    case NodeKind.PI:
      return '<?' + n.target + (n.data ? ' ' + n.data : '') + '?>';
    case NodeKind.Template:
      return renderXml(ctx, n.template.nodes, n.values, depth + 1);
  }
}

function renderSubst(
  ctx: ChunkContext,
  index: number,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
): string {
  if (pick !== null && pick.index === index) return escapeXmlText(pick.item);
  switch (slotKind(values, index)) {
    case SlotKind.Null:
      return '';
    case SlotKind.Scalar:
      return escapeXmlText(
        scalarText(ctx, values!.types[index]!, values!.offsets[index]!, values!.sizes[index]!),
      );
    case SlotKind.BinXml:
      if (depth > LIMITS.maxDepth)
        throw new EvtxParseError(
          'limit-exceeded',
          values!.offsets[index]!,
          'BinXML values nested too deep',
        );
      return renderXml(ctx, parseBinXmlValue(ctx, values!, index, depth), null, depth + 1);
    case SlotKind.Array:
      // Reached only for an array inside a value that is not element content (e.g. a second
      // array in the same element): Windows lists the items comma-separated there.
      return escapeXmlText(
        arrayItems(ctx, values!.types[index]!, values!.offsets[index]!, values!.sizes[index]!).join(
          ',',
        ),
      );
  }
}

function renderElement(
  ctx: ChunkContext,
  el: ElementNode,
  values: ValueTable | null,
  depth: number,
): string {
  const slot = arraySlot(el, values);
  if (slot < 0) return renderElementOnce(ctx, el, values, null, depth);
  const items = arrayItems(ctx, values!.types[slot]!, values!.offsets[slot]!, values!.sizes[slot]!);
  // An empty array still yields one (empty) element (libyal "Normal substitution").
  if (items.length === 0) items.push('');
  let s = '';
  for (const item of items) s += renderElementOnce(ctx, el, values, { index: slot, item }, depth);
  return s;
}

function renderElementOnce(
  ctx: ChunkContext,
  el: ElementNode,
  values: ValueTable | null,
  pick: Pick | null,
  depth: number,
): string {
  let s = '<' + el.name;
  for (const a of el.attrs) {
    if (isOmittedAttr(a.parts, values)) continue;
    let v = '';
    for (const p of a.parts) v += renderNode(ctx, p, values, pick, depth);
    s += ' ' + a.name + "='" + v + "'";
  }
  if (el.children.length === 0) return s + '/>';
  s += '>';
  for (const c of el.children) s += renderNode(ctx, c, values, pick, depth);
  return s + '</' + el.name + '>';
}
