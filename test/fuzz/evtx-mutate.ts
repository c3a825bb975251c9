/**
 * Structure-aware damage for EVTX files. Each mutation knows the byte ranges it touched, so the
 * "nothing lost" check can tell records the damage may cost from records that must survive.
 * Targets (libyal EVTX notes): file header, chunk header fields (first/last record number and
 * id, last record offset, free space offset, both CRCs), record size and its trailing copy,
 * record ids, template instance pointers (self-loops, other records, out of range), counts and
 * sizes inside BinXML (0xffff / 0xffffffff), lone UTF-16 surrogates, truncation, zeroed ranges,
 * a chunk copied over another.
 */
import { crc32 } from 'node:zlib';
import type { EvtxLayout } from './evtx-layout.js';
import type { Rng } from './rng.js';

export type Range = [number, number];

export interface Mutated {
  bytes: Uint8Array;
  /** Byte ranges of the original that were changed (a cut is [cut, size)). */
  touched: Range[];
  /** What was done, for the failure message and the regression sample's name. */
  ops: string[];
}

const CHUNK_FIELDS = [8, 16, 24, 32, 40, 44, 48, 52] as const;
const NASTY_U32 = [0, 1, 0x1ff, 0x200, 0xfffc, 0x10000, 0x7fffffff, 0xffffffff] as const;

type Op = (b: Uint8Array, v: DataView, l: EvtxLayout, r: Rng, t: Range[]) => string;

function put32(v: DataView, at: number, x: number, t: Range[]): void {
  if (at + 4 > v.byteLength) return;
  v.setUint32(at, x >>> 0, true);
  t.push([at, at + 4]);
}

function nasty(r: Rng): number {
  return r.next() < 0.6 ? r.pick(NASTY_U32) : r.int(0x100000000);
}

/** Re-seals a chunk header so the damage is not caught by its CRC (the harder case). */
function resealChunk(b: Uint8Array, v: DataView, base: number): void {
  if (base + 512 > b.length) return;
  const c = crc32(b.subarray(base + 128, base + 512), crc32(b.subarray(base, base + 120)));
  v.setUint32(base + 124, c, true);
}

const ops: Record<string, Op> = {
  flip(b, _v, _l, r, t) {
    const n = 1 + r.int(8);
    for (let i = 0; i < n; i++) {
      const at = r.int(b.length);
      b[at] = b[at]! ^ (1 << r.int(8));
      t.push([at, at + 1]);
    }
    return `flip${n}`;
  },
  zero(b, _v, _l, r, t) {
    const at = r.int(b.length);
    const len = 1 + r.int(r.next() < 0.5 ? 64 : 65536);
    b.fill(0, at, at + len);
    t.push([at, Math.min(b.length, at + len)]);
    return `zero@${at}+${len}`;
  },
  chunkField(b, v, l, r, t) {
    const base = r.pick(l.chunks);
    const f = r.pick(CHUNK_FIELDS);
    const wide = f < 40;
    put32(v, base + f, nasty(r), t);
    if (wide) put32(v, base + f + 4, r.next() < 0.5 ? 0 : nasty(r), t);
    const seal = r.next() < 0.5;
    if (seal) resealChunk(b, v, base);
    return `chunk@${base}.${f}${seal ? '+crc' : ''}`;
  },
  crc(_b, v, l, r, t) {
    const base = r.next() < 0.2 ? 0 : r.pick(l.chunks);
    const at = base === 0 ? 124 : base + r.pick([52, 124]);
    put32(v, at, v.getUint32(at, true) ^ (1 + r.int(0xffffffff)), t);
    return `crc@${at}`;
  },
  recordSize(_b, v, l, r, t) {
    const rec = r.pick(l.records);
    const where = r.next() < 0.7 ? rec.offset + 4 : rec.offset + rec.size - 4;
    const x = r.next() < 0.5 ? nasty(r) : rec.size + (r.int(5) - 2) * 8;
    put32(v, where, x, t);
    return `recsize@${where}=${x}`;
  },
  recordId(_b, v, l, r, t) {
    const rec = r.pick(l.records);
    put32(v, rec.offset + 8, nasty(r), t);
    put32(v, rec.offset + 12, nasty(r), t);
    return `recid@${rec.offset}`;
  },
  templatePointer(b, v, l, r, t) {
    // Record BinXML: fragment header 0f 01 01 00, then template instance 0c, u8, u32 id, u32 offset.
    const rec = r.pick(l.records);
    const at = rec.offset + 24;
    if (b[at] !== 0x0f || b[at + 4] !== 0x0c) return 'tpl-none';
    const base = 4096 + Math.floor((rec.offset - 4096) / 65536) * 65536;
    const choices = [
      at + 4 - base, // points at the instance token itself
      rec.offset - base, // the record header
      rec.offset + 24 - base, // the fragment header
      r.int(65536),
      ...NASTY_U32,
    ];
    const x = r.pick(choices);
    put32(v, at + 10, x, t);
    return `tplptr@${at + 10}=${x}`;
  },
  templateBody(b, _v, l, r, t) {
    // The first record of a chunk normally carries the inline template definitions.
    const base = r.pick(l.chunks);
    const first = l.records.find((x) => x.offset === base + 512);
    if (first === undefined) return 'tplbody-none';
    const n = 1 + r.int(4);
    for (let i = 0; i < n; i++) {
      const at = first.offset + 38 + r.int(Math.max(1, first.size - 42));
      b[at] = r.pick([0x00, 0x01, 0x02, 0x0c, 0x0d, 0x0e, 0x41, 0x81, 0xff]);
      t.push([at, at + 1]);
    }
    return `tplbody@${base}x${n}`;
  },
  bigCount(_b, v, l, r, t) {
    const rec = r.pick(l.records);
    const at = rec.offset + 24 + 2 * r.int(Math.max(1, (rec.size - 28) / 2));
    if (r.next() < 0.5) {
      v.setUint16(at, 0xffff, true);
      t.push([at, at + 2]);
    } else put32(v, at, r.pick([0xffff, 0x7fffffff, 0xffffffff]), t);
    return `count@${at}`;
  },
  badUtf16(b, v, l, r, t) {
    const rec = r.pick(l.records);
    const at = rec.offset + 24 + 2 * r.int(Math.max(1, (rec.size - 30) / 2));
    v.setUint16(at, r.pick([0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe]), true);
    t.push([at, at + 2]);
    void b;
    return `utf16@${at}`;
  },
  chunkCopy(b, _v, l, r, t) {
    if (l.chunks.length < 2) return 'copy-none';
    const from = r.pick(l.chunks);
    const to = r.pick(l.chunks);
    if (from === to) return 'copy-same';
    b.copyWithin(to, from, Math.min(b.length, from + 65536));
    t.push([to, Math.min(b.length, to + 65536)]);
    return `copy${from}->${to}`;
  },
};

const OP_NAMES = Object.keys(ops);

/** 1-4 mutations, then sometimes a truncation. The input is not modified. */
export function mutateEvtx(original: Uint8Array, layout: EvtxLayout, r: Rng): Mutated {
  let bytes = Uint8Array.from(original);
  const view = new DataView(bytes.buffer);
  const touched: Range[] = [];
  const done: string[] = [];
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) {
    const name = r.pick(OP_NAMES);
    if (layout.records.length === 0 && name !== 'flip' && name !== 'zero') continue;
    done.push(ops[name]!(bytes, view, layout, r, touched));
  }
  if (r.next() < 0.15) {
    const cut = r.int(bytes.length);
    bytes = bytes.subarray(0, cut);
    touched.push([cut, original.length]);
    done.push(`cut@${cut}`);
  }
  return { bytes, touched, ops: done };
}
