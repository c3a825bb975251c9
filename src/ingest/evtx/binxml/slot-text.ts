import type { ChunkContext } from './chunk-context.js';
import type { ValueTable } from './ir.js';
import { renderXml } from './render-xml.js';
import { parseBinXmlValue, slotKind, SlotKind } from './substitution.js';
import { arrayItems, scalarText } from './values.js';

/**
 * Plain text (no XML escaping) of substitution `index` where it stands as text: nothing for a
 * missing or NULL value, an array's items joined by commas, a BinXML value rendered as XML.
 * Shared by the RawEvent tree walker and the hunt plans so both render a slot the same way.
 */
export function slotText(
  ctx: ChunkContext,
  values: ValueTable | null,
  index: number,
  depth: number,
): string {
  const kind = slotKind(values, index);
  if (kind === SlotKind.Null) return '';
  const type = values!.types[index]!;
  const off = values!.offsets[index]!;
  const size = values!.sizes[index]!;
  if (kind === SlotKind.Scalar) return scalarText(ctx, type, off, size);
  if (kind === SlotKind.Array) return arrayItems(ctx, type, off, size).join(',');
  return renderXml(ctx, parseBinXmlValue(ctx, values!, index, depth), null, depth + 1);
}
