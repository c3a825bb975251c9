import type { ChunkContext } from './chunk-context.js';
import { NodeKind, type Node, type Template, type ValueTable } from './ir.js';
import { escapeXmlText, renderXml } from './render-xml.js';
import { parseBinXmlValue } from './substitution.js';
import { VALUE_TYPE } from './value-types.js';
import { scalarText } from './values.js';

/**
 * A template definition flattened for XML output: literal markup between substitution slots,
 * built once per chunk, so a record costs one concatenation per value instead of a tree walk.
 * `lits[i]` precedes `slots[i]`; the last literal closes the document.
 */
export interface CompiledXml {
  lits: string[];
  slots: Slot[];
}

interface Slot {
  index: number;
  /** Attribute left out when its optional value is NULL: ` name='` + value + `'`. */
  optionalAttr: boolean;
  prefix: string;
}

/** Why a template cannot be flattened (a nested template instance inside its definition). */
const NOT_FLAT = null;

const compiledCache = new WeakMap<Template, CompiledXml | null>();

export function compiledXml(t: Template): CompiledXml | null {
  let c = compiledCache.get(t);
  if (c === undefined) {
    c = compile(t.nodes);
    compiledCache.set(t, c);
  }
  return c;
}

function compile(nodes: readonly Node[]): CompiledXml | null {
  const lits: string[] = [];
  const slots: Slot[] = [];
  let cur = '';
  const slot = (index: number, optionalAttr: boolean, prefix: string): void => {
    lits.push(cur);
    slots.push({ index, optionalAttr, prefix });
    cur = '';
  };
  const walk = (n: Node): boolean => {
    switch (n.k) {
      case NodeKind.Element: {
        cur += '<' + n.name;
        for (const a of n.attrs) {
          const only = a.parts.length === 1 ? a.parts[0]! : null;
          if (only !== null && only.k === NodeKind.Subst && only.optional) {
            slot(only.index, true, ' ' + a.name + "='");
            continue;
          }
          cur += ' ' + a.name + "='";
          for (const p of a.parts) if (!walk(p)) return false;
          cur += "'";
        }
        if (n.children.length === 0) {
          cur += '/>';
          return true;
        }
        cur += '>';
        for (const ch of n.children) if (!walk(ch)) return false;
        cur += '</' + n.name + '>';
        return true;
      }
      case NodeKind.Text:
      case NodeKind.CData:
        cur += escapeXmlText(n.text);
        return true;
      case NodeKind.Subst:
        slot(n.index, false, '');
        return true;
      case NodeKind.CharRef:
        cur += '&#' + n.code + ';';
        return true;
      case NodeKind.EntityRef:
        cur += '&' + n.name + ';';
        return true;
      case NodeKind.PI:
        cur += '<?' + n.target + (n.data ? ' ' + n.data : '') + '?>';
        return true;
      case NodeKind.Template:
        return false;
    }
  };
  for (const n of nodes) if (!walk(n)) return NOT_FLAT;
  lits.push(cur);
  return { lits, slots };
}

const scratch: string[][] = [];

/** Renders a template instance, flat when possible, through the tree renderer otherwise. */
export function renderTemplateXml(
  ctx: ChunkContext,
  t: Template,
  values: ValueTable,
  depth: number,
): string {
  const c = compiledXml(t);
  if (c === null || values.hasArray) return renderXml(ctx, t.nodes, values, depth);
  const { lits, slots } = c;
  const { types, offsets, sizes } = values;
  // Reused per nesting depth (BinXML values render inside their parent): no array per record.
  const out = (scratch[depth] ??= []);
  out.length = 0;
  out.push(lits[0]!);
  for (let i = 0; i < slots.length; i++) {
    const sl = slots[i]!;
    const idx = sl.index;
    const type = idx < types.length ? types[idx]! : VALUE_TYPE.NULL;
    let v: string;
    if (type === VALUE_TYPE.NULL) {
      // Empty content, or an optional attribute left out altogether.
      out.push(lits[i + 1]!);
      continue;
    } else if (type === VALUE_TYPE.BINXML) {
      v = renderBinXmlValue(ctx, values, idx, depth);
    } else {
      v = scalarText(ctx, type, offsets[idx]!, sizes[idx]!);
      // Only text types can hold markup characters; numbers, GUIDs, SIDs and times cannot.
      if (
        type === VALUE_TYPE.STRING ||
        type === VALUE_TYPE.ANSI_STRING ||
        type === VALUE_TYPE.EVT_XML
      ) {
        v = escapeXmlText(v);
      }
    }
    if (sl.optionalAttr) out.push(sl.prefix, v, "'", lits[i + 1]!);
    else out.push(v, lits[i + 1]!);
  }
  // One join gives a flat string; `+=` would leave a rope for the writer to flatten.
  return out.join('');
}

function renderBinXmlValue(
  ctx: ChunkContext,
  values: ValueTable,
  idx: number,
  depth: number,
): string {
  const nodes = parseBinXmlValue(ctx, values, idx, depth);
  let s = '';
  for (const n of nodes) {
    s +=
      n.k === NodeKind.Template
        ? renderTemplateXml(ctx, n.template, n.values, depth + 1)
        : renderXml(ctx, [n], null, depth + 1);
  }
  return s;
}
