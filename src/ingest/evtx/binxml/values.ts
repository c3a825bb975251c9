import { LIMITS } from '../constants.js';
import { EvtxParseError } from '../errors.js';
import type { ChunkContext } from './chunk-context.js';
import {
  formatBinary,
  formatFiletime,
  formatGuid,
  formatSid,
  formatSystemtime,
  hex64,
  i64ToString,
  sidLength,
  u64ToString,
} from './format.js';
import { decodeAnsi, decodeUtf16, decodeUtf16Value } from './utf16.js';
import { ARRAY_FLAG, FIXED_ITEM_BYTES, VALUE_TYPE as T } from './value-types.js';

/**
 * Substitution values → text, as Windows renders them in event XML (ARCHITECTURE.md "dump"):
 * integers in decimal, HexInt32/64 and SizeT as `0x` + lower-case hex, booleans `true`/`false`,
 * GUIDs in braces, SIDs `S-1-...`, FILETIME ISO 8601 with 7 fraction digits, binary as
 * upper-case hex. BinXML values are rendered by the caller (they need the parser).
 */
export function scalarText(ctx: ChunkContext, type: number, off: number, size: number): string {
  const v = ctx.view;
  const fixed = FIXED_ITEM_BYTES[type];
  if (fixed !== undefined && size < fixed) {
    throw new EvtxParseError(
      'invalid-value',
      off,
      `value of type 0x${type.toString(16)} has only ${size} bytes`,
    );
  }
  switch (type) {
    case T.NULL:
      return '';
    case T.STRING:
    case T.EVT_XML:
      return decodeUtf16Value(ctx.buf, off, size);
    case T.ANSI_STRING:
      return decodeAnsi(ctx.buf, off, size);
    case T.INT8:
      return String(v.getInt8(off));
    case T.UINT8:
      return String(v.getUint8(off));
    case T.INT16:
      return String(v.getInt16(off, true));
    case T.UINT16:
      return String(v.getUint16(off, true));
    case T.INT32:
      return String(v.getInt32(off, true));
    case T.UINT32:
      return String(v.getUint32(off, true));
    case T.INT64:
      return i64ToString(v.getUint32(off, true), v.getUint32(off + 4, true));
    case T.UINT64:
      return u64ToString(v.getUint32(off, true), v.getUint32(off + 4, true));
    case T.REAL32:
      return formatReal(v.getFloat32(off, true), 7);
    case T.REAL64:
      return formatReal(v.getFloat64(off, true), 17);
    case T.BOOL:
      return v.getUint32(off, true) !== 0 ? 'true' : 'false';
    case T.BINARY:
      return formatBinary(ctx.buf, off, size);
    case T.GUID:
      return formatGuid(ctx.buf, off);
    case T.SIZE_T:
    case T.EVT_HANDLE:
      if (size >= 8) return hex64(v.getUint32(off, true), v.getUint32(off + 4, true));
      if (size >= 4) return '0x' + v.getUint32(off, true).toString(16);
      throw new EvtxParseError('invalid-value', off, `pointer-sized value has ${size} bytes`);
    case T.FILETIME:
      return formatFiletime(v.getUint32(off, true), v.getUint32(off + 4, true));
    case T.SYSTEMTIME:
      return formatSystemtime(v, off);
    case T.SID:
      if (size < 8 || sidLength(ctx.buf, off) > size) {
        throw new EvtxParseError('invalid-value', off, `SID does not fit its ${size} bytes`);
      }
      return formatSid(v, off, size);
    case T.HEX_INT32:
      return '0x' + v.getUint32(off, true).toString(16);
    case T.HEX_INT64:
      return hex64(v.getUint32(off, true), v.getUint32(off + 4, true));
    default:
      throw new EvtxParseError(
        'invalid-value-type',
        off,
        `unknown value type 0x${type.toString(16)}`,
      );
  }
}

/** Shortest text that round-trips at the type's precision (no exponent for ordinary values). */
function formatReal(n: number, digits: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(digits)));
}

/** Items of an array value (type | 0x80), each rendered like the scalar type. */
export function arrayItems(ctx: ChunkContext, type: number, off: number, size: number): string[] {
  const base = type & ~ARRAY_FLAG;
  const items: string[] = [];
  const end = off + size;
  const push = (s: string): void => {
    if (items.length >= LIMITS.maxArrayItems) {
      throw new EvtxParseError(
        'limit-exceeded',
        off,
        `array has more than ${LIMITS.maxArrayItems} items`,
      );
    }
    items.push(s);
  };
  if (base === T.STRING) {
    // NUL-separated UTF-16 strings; a final terminator does not start another item.
    let start = off;
    for (let p = off; p + 1 < end; p += 2) {
      if (ctx.buf[p] === 0 && ctx.buf[p + 1] === 0) {
        push(decodeUtf16(ctx.buf, start, (p - start) >> 1));
        start = p + 2;
      }
    }
    if (start + 1 < end) push(decodeUtf16(ctx.buf, start, (end - start) >> 1));
    return items;
  }
  if (base === T.ANSI_STRING) {
    let start = off;
    for (let p = off; p < end; p++) {
      if (ctx.buf[p] === 0) {
        push(decodeAnsi(ctx.buf, start, p - start));
        start = p + 1;
      }
    }
    if (start < end) push(decodeAnsi(ctx.buf, start, end - start));
    return items;
  }
  if (base === T.SID) {
    for (let p = off; p + 8 <= end;) {
      const len = sidLength(ctx.buf, p);
      if (p + len > end)
        throw new EvtxParseError('invalid-value', p, 'SID array item runs past its value');
      push(formatSid(ctx.view, p, len));
      p += len;
    }
    return items;
  }
  let step = FIXED_ITEM_BYTES[base] ?? 0;
  if (base === T.SIZE_T || base === T.EVT_HANDLE) step = size % 8 === 0 ? 8 : 4;
  if (step === 0) {
    // Arrays of binary or BinXML are not defined by MS-EVEN6; keep the bytes visible.
    push(formatBinary(ctx.buf, off, size));
    return items;
  }
  for (let p = off; p + step <= end; p += step) push(scalarText(ctx, base, p, step));
  return items;
}
