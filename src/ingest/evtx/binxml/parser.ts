import { CHUNK_HEADER_BYTES, LIMITS } from '../constants.js';
import { EvtxParseError, truncated } from '../errors.js';
import type { ChunkContext, TemplatePrint } from './chunk-context.js';
import { formatGuid, sidLength } from './format.js';
import {
  NodeKind,
  type AttrNode,
  type ElementNode,
  type Node,
  type Template,
  type TemplateNode,
  type ValueTable,
} from './ir.js';
import { damagedNameAt, NO_REPAIRS, type Repair } from './repair.js';
import { TOKEN, TOKEN_MORE_FLAG } from './tokens.js';
import { sameNodes } from './same-structure.js';
import { decodeUtf16 } from './utf16.js';
import { ARRAY_FLAG, FIXED_ITEM_BYTES, VALUE_TYPE } from './value-types.js';

/**
 * BinXML → IR decoder (MS-EVEN6 §2.2.12, libyal "Binary XML"). All offsets are chunk-relative;
 * every read is bounds-checked against the end of the enclosing structure and failures carry the
 * offset and the field being read.
 */

/** A read position and the end of the structure being decoded. */
interface Cursor {
  pos: number;
  end: number;
}

/** Template definition header: next-definition offset u32, GUID, data size u32. */
const TEMPLATE_DEFINITION_HEADER_BYTES = 24;

function need(c: Cursor, n: number, what: string): void {
  if (c.pos + n > c.end) throw truncated(what, c.pos, n, c.end - c.pos);
}

/**
 * Decodes a fragment stream: fragment headers, elements, template instances and PIs up to an
 * end-of-stream token or the end of the range. `withDepId` selects the element layout that
 * carries a dependency identifier: record fragments and template definitions have it, BinXML
 * substitution values do not (libyal "Element start" notes).
 */
export function parseFragment(
  ctx: ChunkContext,
  start: number,
  end: number,
  withDepId: boolean,
  depth: number,
): Node[] {
  if (depth > LIMITS.maxDepth) {
    throw new EvtxParseError(
      'limit-exceeded',
      start,
      `BinXML nested deeper than ${LIMITS.maxDepth}`,
    );
  }
  const c: Cursor = { pos: start, end: Math.min(end, ctx.size) };
  const nodes: Node[] = [];
  const buf = ctx.buf;
  while (c.pos < c.end) {
    const tok = buf[c.pos]!;
    switch (tok & ~TOKEN_MORE_FLAG) {
      case TOKEN.EOF:
        c.pos++;
        return nodes;
      case TOKEN.FRAGMENT_HEADER:
        need(c, 4, 'fragment header');
        c.pos += 4;
        break;
      case TOKEN.OPEN_START_ELEMENT:
        nodes.push(parseElement(ctx, c, withDepId, depth + 1));
        break;
      case TOKEN.TEMPLATE_INSTANCE:
        nodes.push(parseTemplateInstance(ctx, c, depth + 1));
        break;
      case TOKEN.PI_TARGET:
        nodes.push(parsePI(ctx, c));
        break;
      default:
        if (nodes.length > 0) {
          // The content is complete (its elements closed) and only the end-of-stream token is
          // damaged: keep it, report the rest of the fragment as unread.
          ctx.repairs.push({
            code: 'damaged-binxml',
            offset: c.pos,
            detail: `unexpected BinXML token 0x${hex8(tok)} after the content; ${c.end - c.pos} bytes after it not read`,
          });
          return nodes;
        }
        throw invalidToken(c.pos, tok, 'fragment');
    }
  }
  return nodes;
}

const hex8 = (n: number): string => n.toString(16).padStart(2, '0');

function invalidToken(offset: number, tok: number, where: string): EvtxParseError {
  return new EvtxParseError(
    'invalid-token',
    offset,
    `unexpected BinXML token 0x${hex8(tok)} in ${where}`,
  );
}

/**
 * XML 1.0 (5th ed.) §2.3 Name: NameStartChar NameChar*. A stored name that is not one is damage
 * (fuzzing found a newline in one breaking the one-line output; the fault table a `;`), and the
 * event XML must stay well-formed, so such names are replaced (see damagedName).
 */
const START =
  ':A-Z_a-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0370-\\u037d\\u037f-\\u1fff\\u200c\\u200d' +
  '\\u2070-\\u218f\\u2c00-\\u2fef\\u3001-\\ud7ff\\uf900-\\ufdcf\\ufdf0-\\ufffd\\u{10000}-\\u{effff}';
const XML_NAME = new RegExp(
  // The class lists code point ranges (combining marks included, as NameChar does), by design.
  // eslint-disable-next-line no-misleading-character-class
  `^[${START}][${START}\\-.0-9\\u00b7\\u0300-\\u036f\\u203f\\u2040]*$`,
  'u',
);

/** A name offset is plausible if the name is inline (right here) or earlier in the records area. */
function nameOffsetOk(ctx: ChunkContext, nameOff: number, here: number): boolean {
  if (nameOff === here) return here + 8 <= ctx.size;
  return nameOff >= CHUNK_HEADER_BYTES && nameOff < here && nameOff + 8 <= ctx.size;
}

/**
 * Reads the name at `nameOff` (cached per chunk). When the name is stored inline (`nameOff ===
 * c.pos`), the cursor moves past it: next-offset u32, hash u16, count u16, UTF-16, NUL u16.
 * A damaged name whose extent is still known (a back-reference, or an inline name whose length
 * fits) is rendered as a placeholder and reported as a repair: the structure around it is intact.
 */
function readName(ctx: ChunkContext, c: Cursor, nameOff: number): string {
  const inline = nameOff === c.pos;
  let name = ctx.names.get(nameOff);
  const units = nameOff + 8 <= ctx.size ? ctx.view.getUint16(nameOff + 6, true) : -1;
  const byteEnd = nameOff + 8 + units * 2 + 2;
  if (name === undefined) {
    if (units < 0 || byteEnd - 2 > ctx.size) {
      // An inline name of unknown length leaves the cursor nowhere to go: the record is lost.
      if (inline)
        throw new EvtxParseError('bad-name', nameOff, 'name runs past the end of the chunk');
      name = damagedName(ctx, nameOff, 'name runs past the end of the chunk');
    } else {
      name = decodeUtf16(ctx.buf, nameOff + 8, units);
      if (!XML_NAME.test(name)) {
        name = damagedName(ctx, nameOff, 'name holds characters no XML name can');
      }
    }
    ctx.names.set(nameOff, name);
  } else if (ctx.damagedNames.size > 0) {
    const r = ctx.damagedNames.get(nameOff);
    if (r !== undefined) ctx.repairs.push(r);
  }
  if (!inline && ctx.nameLog !== null) ctx.nameLog.push(nameOff);
  if (inline) {
    if (byteEnd > c.end) throw truncated('inline name', c.pos, byteEnd - c.pos, c.end - c.pos);
    c.pos = byteEnd;
  }
  return name;
}

function damagedName(ctx: ChunkContext, nameOff: number, why: string): string {
  const name = damagedNameAt(ctx.base + nameOff);
  const r: Repair = {
    code: 'damaged-name',
    offset: nameOff,
    detail: `${why}; rendered as ${name}`,
  };
  ctx.damagedNames.set(nameOff, r);
  ctx.repairs.push(r);
  return name;
}

function parseElement(
  ctx: ChunkContext,
  c: Cursor,
  withDepId: boolean,
  depth: number,
): ElementNode {
  if (depth > LIMITS.maxDepth) {
    throw new EvtxParseError(
      'limit-exceeded',
      c.pos,
      `elements nested deeper than ${LIMITS.maxDepth}`,
    );
  }
  const at = c.pos;
  const tok = ctx.buf[at]!;
  const view = ctx.view;
  // The dependency identifier (u16) is absent in BinXML values (libyal "Element start" notes)
  // and, per some writers, in forwarded events without templates. The expected layout is tried
  // first; the other one wins if only its name offset makes sense.
  let p = -1;
  for (const withDep of withDepId ? [true, false] : [false, true]) {
    const q = at + 1 + (withDep ? 2 : 0);
    if (q + 8 > c.end) continue;
    if (nameOffsetOk(ctx, view.getUint32(q + 4, true), q + 8)) {
      p = q;
      break;
    }
  }
  if (p < 0) {
    c.pos = at + 1;
    need(c, 8, 'element start');
    throw new EvtxParseError('bad-name', at, 'element name offset points nowhere');
  }
  // The element's data size (u32 at p) is not needed: the token stream is authoritative.
  const nameOff = view.getUint32(p + 4, true);
  c.pos = p + 8;
  const name = readName(ctx, c, nameOff);
  const attrs: AttrNode[] = [];
  if (tok & TOKEN_MORE_FLAG) {
    need(c, 4, 'attribute list size');
    let attrEnd = c.pos + 4 + view.getUint32(c.pos, true);
    c.pos += 4;
    if (attrEnd > c.end) {
      // The size only bounds the attribute tokens, which carry their own extents: read them
      // up to the end of the structure instead.
      ctx.repairs.push({
        code: 'damaged-binxml',
        offset: c.pos - 4,
        detail: `attribute list size ${attrEnd - c.pos} runs past the end (${c.end - c.pos} bytes left); attributes read by their tokens`,
      });
      attrEnd = c.end;
    }
    while (c.pos < attrEnd && (ctx.buf[c.pos]! & ~TOKEN_MORE_FLAG) === TOKEN.ATTRIBUTE) {
      c.pos++;
      need(c, 4, 'attribute name offset');
      const attrNameOff = view.getUint32(c.pos, true);
      c.pos += 4;
      const attrName = readName(ctx, c, attrNameOff);
      attrs.push({ name: attrName, parts: parseContent(ctx, c, withDepId, depth, true) });
    }
  }
  need(c, 1, 'element close token');
  const close = ctx.buf[c.pos]!;
  c.pos++;
  const el: ElementNode = { k: NodeKind.Element, name, attrs, children: [] };
  if (close === TOKEN.CLOSE_EMPTY_ELEMENT) return el;
  if (close !== TOKEN.CLOSE_START_ELEMENT) throw invalidToken(c.pos - 1, close, `<${name}>`);
  el.children = parseContent(ctx, c, withDepId, depth, false);
  return el;
}

/**
 * Element content (up to and including the end-element token) or, with `attrValue`, the parts
 * of one attribute value (stops at the first token that is not value-like).
 */
function parseContent(
  ctx: ChunkContext,
  c: Cursor,
  withDepId: boolean,
  depth: number,
  attrValue: boolean,
): Node[] {
  const out: Node[] = [];
  const buf = ctx.buf;
  const view = ctx.view;
  for (;;) {
    need(c, 1, attrValue ? 'attribute value' : 'element content');
    const at = c.pos;
    const tok = buf[at]!;
    switch (tok & ~TOKEN_MORE_FLAG) {
      case TOKEN.VALUE: {
        need(c, 4, 'value text');
        const units = view.getUint16(at + 2, true);
        c.pos = at + 4;
        need(c, units * 2, 'value text characters');
        out.push({ k: NodeKind.Text, text: decodeUtf16(buf, c.pos, units) });
        c.pos += units * 2;
        break;
      }
      case TOKEN.NORMAL_SUBSTITUTION:
      case TOKEN.OPTIONAL_SUBSTITUTION:
        need(c, 4, 'substitution');
        out.push({
          k: NodeKind.Subst,
          index: view.getUint16(at + 1, true),
          type: buf[at + 3]!,
          optional: tok === TOKEN.OPTIONAL_SUBSTITUTION,
        });
        c.pos = at + 4;
        break;
      case TOKEN.CHAR_REF:
        need(c, 3, 'character reference');
        out.push({ k: NodeKind.CharRef, code: view.getUint16(at + 1, true) });
        c.pos = at + 3;
        break;
      case TOKEN.ENTITY_REF: {
        need(c, 5, 'entity reference');
        const nameOff = view.getUint32(at + 1, true);
        c.pos = at + 5;
        out.push({ k: NodeKind.EntityRef, name: readName(ctx, c, nameOff) });
        break;
      }
      default:
        if (attrValue) return out;
        switch (tok & ~TOKEN_MORE_FLAG) {
          case TOKEN.END_ELEMENT:
            c.pos++;
            return out;
          case TOKEN.OPEN_START_ELEMENT:
            out.push(parseElement(ctx, c, withDepId, depth + 1));
            break;
          case TOKEN.CDATA_SECTION: {
            need(c, 3, 'CDATA section');
            const units = view.getUint16(at + 1, true);
            c.pos = at + 3;
            need(c, units * 2, 'CDATA characters');
            out.push({ k: NodeKind.CData, text: decodeUtf16(buf, c.pos, units) });
            c.pos += units * 2;
            break;
          }
          case TOKEN.PI_TARGET:
            out.push(parsePI(ctx, c));
            break;
          case TOKEN.TEMPLATE_INSTANCE:
            out.push(parseTemplateInstance(ctx, c, depth + 1));
            break;
          default:
            throw invalidToken(at, tok, 'element content');
        }
    }
  }
}

/** PI target (name offset) followed by PI data (counted UTF-16). */
function parsePI(ctx: ChunkContext, c: Cursor): Node {
  need(c, 5, 'PI target');
  const nameOff = ctx.view.getUint32(c.pos + 1, true);
  c.pos += 5;
  const target = readName(ctx, c, nameOff);
  let data = '';
  if (c.pos < c.end && ctx.buf[c.pos] === TOKEN.PI_DATA) {
    need(c, 3, 'PI data');
    const units = ctx.view.getUint16(c.pos + 1, true);
    c.pos += 3;
    need(c, units * 2, 'PI data characters');
    data = decodeUtf16(ctx.buf, c.pos, units);
    c.pos += units * 2;
  }
  return { k: NodeKind.PI, target, data };
}

/**
 * Template instance (libyal "Template instance"): token, u8, template id u32, definition offset
 * u32, the definition itself when it is stored right here, then the instance data: value count,
 * 4-byte descriptors (size u16, type u8, pad) and the values back to back.
 */
export function parseTemplateInstance(ctx: ChunkContext, c: Cursor, depth: number): TemplateNode {
  need(c, 10, 'template instance');
  const defOff = ctx.view.getUint32(c.pos + 6, true);
  c.pos += 10;
  let template = ctx.templates.get(defOff);
  // A cached definition's damage affects this record too.
  if (template !== undefined && template.repairs.length > 0) ctx.repairs.push(...template.repairs);
  if (defOff === c.pos) {
    need(c, TEMPLATE_DEFINITION_HEADER_BYTES, 'template definition header');
    const dataSize = ctx.view.getUint32(c.pos + 20, true);
    if (template === undefined) template = parseTemplateDefinition(ctx, defOff, depth);
    c.pos = defOff + TEMPLATE_DEFINITION_HEADER_BYTES + dataSize;
  } else if (template === undefined) {
    if (defOff < CHUNK_HEADER_BYTES || defOff >= ctx.size) {
      throw new EvtxParseError(
        'missing-template',
        c.pos - 4,
        `template offset ${defOff} is outside the chunk`,
      );
    }
    template = parseTemplateDefinition(ctx, defOff, depth);
  }
  return { k: NodeKind.Template, template, values: parseValueTable(ctx, c) };
}

function parseTemplateDefinition(ctx: ChunkContext, defOff: number, depth: number): Template {
  if (ctx.decoding.has(defOff)) {
    throw new EvtxParseError('invalid-token', defOff, 'template definition instantiates itself');
  }
  if (ctx.templates.size >= LIMITS.maxTemplatesPerChunk) {
    throw new EvtxParseError(
      'limit-exceeded',
      defOff,
      `more than ${LIMITS.maxTemplatesPerChunk} templates in one chunk`,
    );
  }
  const c: Cursor = { pos: defOff, end: ctx.size };
  need(c, TEMPLATE_DEFINITION_HEADER_BYTES, 'template definition header');
  const dataSize = ctx.view.getUint32(defOff + 20, true);
  const body = defOff + TEMPLATE_DEFINITION_HEADER_BYTES;
  if (body + dataSize > ctx.size)
    throw truncated('template definition', body, dataSize, ctx.size - body);
  const printed = findPrint(ctx, defOff, dataSize, depth);
  if (printed !== undefined) {
    ctx.templates.set(defOff, printed);
    return printed;
  }
  const guid = formatGuid(ctx.buf, defOff + 4);
  ctx.decoding.add(defOff);
  const repairsBefore = ctx.repairs.length;
  const outerLog = ctx.nameLog;
  const nameLog: number[] = [];
  ctx.nameLog = nameLog;
  try {
    const nodes = parseFragment(ctx, body, body + dataSize, true, depth);
    const repairs =
      ctx.repairs.length > repairsBefore ? ctx.repairs.slice(repairsBefore) : NO_REPAIRS;
    // A repaired definition is kept to its chunk: its repairs are reported with every record
    // that uses it, and an intact one of the same GUID elsewhere must not inherit them.
    let template: Template;
    if (repairs.length > 0) {
      template = { offset: defOff, guid, nodes, repairs };
    } else {
      template = sharedTemplate(ctx, { offset: defOff, guid, nodes, repairs });
      addPrint(ctx, template, defOff, dataSize, depth, nameLog);
    }
    ctx.templates.set(defOff, template);
    return template;
  } finally {
    ctx.decoding.delete(defOff);
    ctx.nameLog = outerLog;
  }
}

/**
 * The shared template whose print (chunk-context.ts TemplatePrint) this definition matches, if
 * any: same offset, same bytes, same chunk size, the same bytes behind every name it refers back
 * to, and a depth the print's decode is known to fit. A fresh decode would read exactly those
 * bytes and so give the same nodes, which sharedTemplate would resolve to this template: about
 * 93% of the definitions in a real 200 MB log are found this way instead of being decoded.
 */
function findPrint(
  ctx: ChunkContext,
  defOff: number,
  dataSize: number,
  depth: number,
): Template | undefined {
  const list = ctx.store.prints.get(defOff * 0x10000 + dataSize);
  if (list === undefined) return undefined;
  const end = defOff + TEMPLATE_DEFINITION_HEADER_BYTES + dataSize;
  for (const p of list) {
    if (p.chunkSize !== ctx.size || depth > p.depth) continue;
    // Buffer#compare with ranges: native, and no subarray to allocate.
    if (p.bytes.compare(ctx.buf, defOff + 4, end) === 0 && namesMatch(ctx.buf, p)) {
      return p.template;
    }
  }
  return undefined;
}

/** Names are a few dozen bytes: a plain loop beats a native call per name. */
function namesMatch(buf: Buffer, p: TemplatePrint): boolean {
  for (let i = 0; i < p.nameOffsets.length; i++) {
    const at = p.nameOffsets[i]! + 6;
    const want = p.names[i]!;
    // The chunk size matched the print's, and the name fitted it then.
    for (let j = 0; j < want.length; j++) if (buf[at + j] !== want[j]) return false;
  }
  return true;
}

/**
 * Records a cleanly decoded, shared definition's print. One holding a template instance is not
 * printed: its decode depends on the chunk's other templates (and such templates are never
 * shared anyway, see same-structure.ts).
 */
function addPrint(
  ctx: ChunkContext,
  template: Template,
  defOff: number,
  dataSize: number,
  depth: number,
  nameLog: readonly number[],
): void {
  if (holdsTemplate(template.nodes)) return;
  if (ctx.store.printCount >= LIMITS.maxSharedTemplates) {
    ctx.store.prints.clear();
    ctx.store.printCount = 0;
  }
  const nameOffsets = [...new Set(nameLog)];
  const names = nameOffsets.map((off) => {
    const units = ctx.view.getUint16(off + 6, true);
    return Buffer.from(ctx.buf.subarray(off + 6, off + 8 + units * 2));
  });
  const print: TemplatePrint = {
    template,
    bytes: Buffer.from(
      ctx.buf.subarray(defOff + 4, defOff + TEMPLATE_DEFINITION_HEADER_BYTES + dataSize),
    ),
    chunkSize: ctx.size,
    depth,
    nameOffsets,
    names,
  };
  const key = defOff * 0x10000 + dataSize;
  const list = ctx.store.prints.get(key);
  if (list === undefined) ctx.store.prints.set(key, [print]);
  else list.push(print);
  ctx.store.printCount++;
}

function holdsTemplate(nodes: readonly Node[]): boolean {
  for (const n of nodes) {
    if (n.k === NodeKind.Template) return true;
    if (n.k === NodeKind.Element) {
      if (holdsTemplate(n.children)) return true;
      for (const a of n.attrs) if (holdsTemplate(a.parts)) return true;
    }
  }
  return false;
}

/** The file-wide template of the same GUID and structure, or `t` once registered as one. */
function sharedTemplate(ctx: ChunkContext, t: Template): Template {
  const found = ctx.store.shared.get(t.guid)?.find((s) => sameNodes(s.nodes, t.nodes));
  if (found !== undefined) return found;
  if (ctx.store.sharedCount >= LIMITS.maxSharedTemplates) {
    ctx.store.shared.clear();
    ctx.store.sharedCount = 0;
    // Prints resolve to shared templates: forget them with the templates they point to.
    ctx.store.prints.clear();
    ctx.store.printCount = 0;
  }
  const list = ctx.store.shared.get(t.guid) ?? [];
  list.push(t);
  ctx.store.shared.set(t.guid, list);
  ctx.store.sharedCount++;
  return t;
}

function parseValueTable(ctx: ChunkContext, c: Cursor): ValueTable {
  need(c, 4, 'substitution count');
  const count = ctx.view.getUint32(c.pos, true);
  c.pos += 4;
  if (count > LIMITS.maxSubstitutions) {
    throw new EvtxParseError(
      'limit-exceeded',
      c.pos - 4,
      `${count} substitution values (limit ${LIMITS.maxSubstitutions})`,
    );
  }
  need(c, count * 4, 'substitution descriptors');
  const table = pooledValueTable(ctx);
  const { types, offsets, sizes } = table;
  // A pooled table usually comes back for the same template: skip the length stores then.
  if (types.length !== count) {
    types.length = count;
    offsets.length = count;
    sizes.length = count;
  }
  const buf = ctx.buf;
  let off = c.pos + count * 4;
  let hasArray = false;
  let suspect = false;
  // Almost every Windows record has a SID (System/Security UserID): it is checked on its own
  // below, so an intact one does not send the whole table through nullDamagedValues.
  let sids = 0;
  for (let i = 0, d = c.pos; i < count; i++, d += 4) {
    const size = buf[d]! | (buf[d + 1]! << 8);
    const type = buf[d + 2]!;
    if (type & ARRAY_FLAG) hasArray = true;
    if (size < MIN_VALUE_BYTES[type]!) suspect = true;
    else if (type === VALUE_TYPE.SID) sids++;
    types[i] = type;
    offsets[i] = off;
    sizes[i] = size;
    off += size;
  }
  c.pos += count * 4;
  need(c, off - c.pos, 'substitution values');
  c.pos = off;
  if (suspect || (sids > 0 && someSidOverruns(buf, types, offsets, sizes))) {
    nullDamagedValues(ctx, types, offsets, sizes);
  }
  table.hasArray = hasArray;
  return table;
}

/** A SID value longer than its descriptor's size (nullDamagedValues says which). */
function someSidOverruns(
  buf: Uint8Array,
  types: readonly number[],
  offsets: readonly number[],
  sizes: readonly number[],
): boolean {
  for (let i = 0; i < types.length; i++) {
    if (types[i] === VALUE_TYPE.SID && sidLength(buf, offsets[i]!) > sizes[i]!) return true;
  }
  return false;
}

/** Most value tables a chunk context keeps for reuse (a record normally uses two). */
const POOLED_VALUE_TABLES = 64;

/** A value table from the record's pool (chunk-context.ts valueTables), or a fresh one. */
function pooledValueTable(ctx: ChunkContext): ValueTable {
  const pool = ctx.valueTables;
  const i = ctx.valueTablesUsed;
  if (i < pool.length) {
    ctx.valueTablesUsed = i + 1;
    return pool[i]!;
  }
  const table: ValueTable = { types: [], offsets: [], sizes: [], hasArray: false };
  if (i < POOLED_VALUE_TABLES) {
    pool.push(table);
    ctx.valueTablesUsed = i + 1;
  }
  return table;
}

/**
 * Least bytes a value of each descriptor type needs to be rendered; more than any u16 size for
 * types MS-EVEN6 §2.2.18 does not define (arrays of any type render, as binary at worst).
 */
const MIN_VALUE_BYTES = (() => {
  const t = new Uint32Array(256).fill(0x10000);
  for (let a = ARRAY_FLAG; a < 256; a++) t[a] = 0;
  for (const type of Object.values(VALUE_TYPE)) t[type] = FIXED_ITEM_BYTES[type] ?? 0;
  t[VALUE_TYPE.SIZE_T] = 4;
  t[VALUE_TYPE.EVT_HANDLE] = 4;
  t[VALUE_TYPE.SID] = 8;
  return t;
})();

/**
 * A value its descriptor's type cannot describe (unknown type, too few bytes, a SID longer than
 * its value) is damage confined to that value: the descriptors still say where every value lies,
 * so the record is rendered with that one value empty and the repair reported.
 */
function nullDamagedValues(
  ctx: ChunkContext,
  types: number[],
  offsets: number[],
  sizes: number[],
): void {
  for (let i = 0; i < types.length; i++) {
    const type = types[i]!;
    const size = sizes[i]!;
    const off = offsets[i]!;
    let why: string;
    if (MIN_VALUE_BYTES[type] === 0x10000) why = `unknown value type 0x${hex8(type)}`;
    else if (size < MIN_VALUE_BYTES[type]!)
      why = `type 0x${hex8(type)} needs more than ${size} bytes`;
    else if (type === VALUE_TYPE.SID && sidLength(ctx.buf, off) > size)
      why = `SID does not fit its ${size} bytes`;
    else continue;
    types[i] = VALUE_TYPE.NULL;
    ctx.repairs.push({
      code: 'damaged-value',
      offset: off,
      detail: `value ${i}: ${why}; rendered empty`,
    });
  }
}
