import type { RawEvent } from '../../../model/events.js';
import type { ChunkContext } from './chunk-context.js';
import { LIMITS } from '../constants.js';
import {
  Field,
  sectionsPlan,
  type AttrPlan,
  type HuntPlan,
  type Part,
  type PlanOp,
} from './hunt-plan.js';
import { NodeKind, type ValueTable } from './ir.js';
import { slotText } from './slot-text.js';
import { parseBinXmlValue, slotKind, SlotKind } from './substitution.js';
import type { WantFilter } from './to-raw-event.js';
import { decodeUtf16Value } from './utf16.js';
import { VALUE_TYPE } from './value-types.js';

/** Outcome of running a plan on one record. */
export const enum PlanResult {
  /** The record needs the tree walker (the event may hold fields the plan already read). */
  Walk = 0,
  Wanted = 1,
  Rejected = 2,
}

/** Result bits of runOps: a PlanResult, plus whether a Provider was read (the walker's state). */
const RESULT_MASK = 3;
const SAW_PROVIDER = 4;

/** Depth of <Event>'s children in the walker (record 0, template 1, <Event> visit 2). */
const RECORD_SECTIONS_DEPTH = 2;

/**
 * Fills `ev` from one record's template instance by the template's plan, in the order the tree
 * walker reads the fields, so the same values are decoded (and the same errors thrown) up to the
 * same point. On `Walk` the caller resets the event and walks the tree instead.
 */
export function runPlan(
  ctx: ChunkContext,
  plan: HuntPlan,
  values: ValueTable,
  ev: RawEvent,
  want: WantFilter | undefined,
  fields?: ReadonlySet<string>,
): PlanResult {
  if (values.hasArray) return PlanResult.Walk;
  return runOps(ctx, plan, values, RECORD_SECTIONS_DEPTH, ev, want, fields, 0) & RESULT_MASK;
}

function runOps(
  ctx: ChunkContext,
  plan: HuntPlan,
  values: ValueTable,
  level: number,
  ev: RawEvent,
  want: WantFilter | undefined,
  fields: ReadonlySet<string> | undefined,
  state: number,
): number {
  // The walker reports nesting past the limit in its own words: leave such records to it.
  if (level + plan.depth + 2 > LIMITS.maxDepth) return PlanResult.Walk;
  let sawProvider = (state & SAW_PROVIDER) !== 0;
  // With distinct literal keys on an empty map, pairs go into an ordinary object that becomes
  // `data` once complete: V8 keeps it in fast mode (shapes shared by every record of the
  // template), where Object.create(null) starts as a hash table; same keys, order and prototype.
  const direct = plan.distinctKeys && isEmpty(ev.data);
  let pairs: Record<string, string> | null = null;
  for (const op of plan.ops) {
    const depth = level + op.depth;
    switch (op.field) {
      case Field.Provider:
        ev.provider = attrText(ctx, values, op.attr, depth, op) ?? '';
        sawProvider = true;
        break;
      case Field.EventId:
        ev.eventId = numberOf(ctx, values, op.text, depth) & 0xffff;
        // Provider and EventID come first in System (the Windows event schema): a record the
        // filter rejects costs these two reads.
        if (want !== undefined && sawProvider && !want(ev.provider, ev.eventId)) {
          if (pairs !== null) ev.data = nullPrototype(pairs);
          return PlanResult.Rejected;
        }
        break;
      case Field.Version: {
        const v = numberOf(ctx, values, op.text, depth);
        if (Number.isFinite(v)) ev.version = v;
        break;
      }
      case Field.TimeCreated:
        ev.timeCreated = attrText(ctx, values, op.attr, depth) ?? ev.timeCreated;
        break;
      case Field.RecordId: {
        const id = numberOf(ctx, values, op.text, depth);
        if (Number.isSafeInteger(id)) ev.recordId = id;
        break;
      }
      case Field.Channel:
        ev.channel = memoText(ctx, values, op.text, depth, op);
        break;
      case Field.Computer:
        ev.computer = memoText(ctx, values, op.text, depth, op);
        break;
      case Field.UserId: {
        const sid = attrText(ctx, values, op.attr, depth);
        if (sid !== undefined) ev.userId = sid;
        break;
      }
      case Field.Gate:
        if (want !== undefined && !want(ev.provider, ev.eventId)) {
          if (pairs !== null) ev.data = nullPrototype(pairs);
          return PlanResult.Rejected;
        }
        break;
      case Field.Data: {
        // A field the caller does not read is left out when it is one plain string: decoding
        // it could not fail (utf16.ts), so leaving it out hides no damage the record holds, and
        // with distinct keys no other key's name depends on it (addData's suffixes).
        if (
          fields !== undefined &&
          op.attr === null &&
          plan.distinctKeys &&
          !fields.has(op.key) &&
          plainString(values, op.text)
        ) {
          break;
        }
        const key = op.attr === null ? op.key : (attrText(ctx, values, op.attr, depth) ?? op.key);
        const value = partsText(ctx, values, op.text, depth);
        if (direct) (pairs ??= {})[key] = value;
        else addData(ev.data, key, value);
        break;
      }
      case Field.Guard:
        if (values.types[op.text[0] as number] === VALUE_TYPE.BINXML) return PlanResult.Walk;
        break;
      case Field.Sections: {
        const slot = op.text[0] as number;
        if (slotKind(values, slot) !== SlotKind.BinXml) break;
        // The walker decodes the value one level down and visits its nodes as sections; a
        // template instance there (what Windows writes) has a plan of its own.
        for (const n of parseBinXmlValue(ctx, values, slot, depth)) {
          if (n.k === NodeKind.PI) continue;
          if (n.k !== NodeKind.Template) return PlanResult.Walk;
          const inner = sectionsPlan(n.template);
          if (inner === null || n.values.hasArray) return PlanResult.Walk;
          const r = runOps(
            ctx,
            inner,
            n.values,
            depth + 2,
            ev,
            want,
            fields,
            sawProvider ? SAW_PROVIDER : 0,
          );
          if ((r & RESULT_MASK) !== PlanResult.Wanted) return r;
          sawProvider = (r & SAW_PROVIDER) !== 0;
        }
        break;
      }
    }
  }
  if (pairs !== null) ev.data = nullPrototype(pairs);
  return PlanResult.Wanted | (sawProvider ? SAW_PROVIDER : 0);
}

/** The value is one string substitution (or literal text): partsText cannot throw on it. */
function plainString(values: ValueTable, parts: Part[]): boolean {
  if (parts.length !== 1) return false;
  const p = parts[0]!;
  return typeof p === 'string' || values.types[p] === VALUE_TYPE.STRING;
}

/** The pairs as RawEvent.data wants them: no prototype, so no inherited keys. */
function nullPrototype(pairs: Record<string, string>): Record<string, string> {
  return Object.setPrototypeOf(pairs, null) as Record<string, string>;
}

export function isEmpty(data: Record<string, string>): boolean {
  for (const k in data) return k === undefined;
  return true;
}

/** Adds a data pair; a repeated key gets a numeric suffix (`Data`, `Data1`, `Data2`, ...). */
export function addData(data: Record<string, string>, key: string, value: string): void {
  if (!(key in data)) {
    data[key] = value;
    return;
  }
  let i = 1;
  while (key + i in data) i++;
  data[key + i] = value;
}

function partsText(ctx: ChunkContext, values: ValueTable, parts: Part[], depth: number): string {
  if (parts.length === 1) {
    const p = parts[0]!;
    if (typeof p === 'string') return p;
    // Most values are strings: decoded here as scalarText would, without its dispatch.
    if (values.types[p] === VALUE_TYPE.STRING) {
      return decodeUtf16Value(ctx.buf, values.offsets[p]!, values.sizes[p]!);
    }
    return slotText(ctx, values, p, depth);
  }
  let s = '';
  for (const p of parts) s += typeof p === 'string' ? p : slotText(ctx, values, p, depth);
  return s;
}

function attrText(
  ctx: ChunkContext,
  values: ValueTable,
  attr: AttrPlan | null,
  depth: number,
  memo: PlanOp | null = null,
): string | undefined {
  if (attr === null) return undefined;
  if (attr.omitIfNull >= 0) {
    const i = attr.omitIfNull;
    if (i >= values.types.length || values.types[i] === VALUE_TYPE.NULL) return undefined;
  }
  if (memo !== null) return memoText(ctx, values, attr.parts, depth, memo);
  return partsText(ctx, values, attr.parts, depth);
}

/** Longest string value kept by memoText (longer ones rarely repeat and cost more to compare). */
const MEMO_MAX_BYTES = 256;

/**
 * partsText for a System string, which repeats record after record (one provider, channel and
 * computer per log): when the value's bytes equal the last ones this op decoded, the same text
 * is returned without decoding it again. Equal bytes decode to equal text, so the result is
 * unchanged, and the 3 in 4 records the hunt rejects allocate nothing for their provider. The
 * bytes are copied into the op's own buffer: the chunk buffer is overwritten by the next chunk.
 * (Tried on EventData strings too: a third of them repeat, but no time was saved on the bench.)
 */
function memoText(
  ctx: ChunkContext,
  values: ValueTable,
  parts: Part[],
  depth: number,
  op: PlanOp,
): string {
  const p = parts.length === 1 ? parts[0]! : '';
  if (typeof p !== 'number' || values.types[p] !== VALUE_TYPE.STRING) {
    return partsText(ctx, values, parts, depth);
  }
  const buf = ctx.buf;
  const off = values.offsets[p]!;
  const size = values.sizes[p]!;
  if (size === op.memoLength && sameBytes(ctx.view, off, op.memoView!, size)) return op.memoText;
  const text = decodeUtf16Value(buf, off, size);
  if (size <= MEMO_MAX_BYTES) {
    op.memoView ??= new DataView(new ArrayBuffer(MEMO_MAX_BYTES));
    new Uint8Array(op.memoView.buffer).set(buf.subarray(off, off + size));
    op.memoLength = size;
    op.memoText = text;
  } else op.memoLength = -1;
  return text;
}

/** `size` bytes at `off` in `a` equal the first `size` of `b`; compared 4 at a time (2.5x a byte loop). */
function sameBytes(a: DataView, off: number, b: DataView, size: number): boolean {
  let i = 0;
  for (; i + 4 <= size; i += 4) if (a.getUint32(off + i) !== b.getUint32(i)) return false;
  for (; i < size; i++) if (a.getUint8(off + i) !== b.getUint8(i)) return false;
  return true;
}

/**
 * `Number(text)` of element text, read straight from the value when it is one unsigned integer
 * (what Windows writes for EventID, Version and EventRecordID): the same number without the
 * string. Short values fall through to the text path, which reports them.
 */
function numberOf(ctx: ChunkContext, values: ValueTable, parts: Part[], depth: number): number {
  const p = parts.length === 1 ? parts[0]! : '';
  if (typeof p === 'number' && p < values.types.length) {
    const off = values.offsets[p]!;
    const size = values.sizes[p]!;
    switch (values.types[p]) {
      case VALUE_TYPE.UINT16:
        if (size >= 2) return ctx.view.getUint16(off, true);
        break;
      case VALUE_TYPE.UINT8:
        if (size >= 1) return ctx.buf[off]!;
        break;
      case VALUE_TYPE.UINT32:
        if (size >= 4) return ctx.view.getUint32(off, true);
        break;
      case VALUE_TYPE.UINT64:
        // Below 2^53 the decimal text round-trips exactly (u64ToString writes it the same way).
        if (size >= 8) {
          const hi = ctx.view.getUint32(off + 4, true);
          if (hi < 0x200000) return hi * 2 ** 32 + ctx.view.getUint32(off, true);
        }
        break;
    }
  }
  return Number(partsText(ctx, values, parts, depth));
}
