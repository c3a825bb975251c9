/**
 * Writes EVTX files byte by byte for tests: file header, chunks, records and BinXML tokens with
 * inline names and template definitions, exactly as laid out in libyal's EVTX notes. Lets tests
 * cover every token and value type without depending on logs that happen to contain them.
 */
import { crc32 } from 'node:zlib';

export const T = {
  NULL: 0x00,
  STRING: 0x01,
  ANSI: 0x02,
  INT8: 0x03,
  UINT8: 0x04,
  INT16: 0x05,
  UINT16: 0x06,
  INT32: 0x07,
  UINT32: 0x08,
  INT64: 0x09,
  UINT64: 0x0a,
  REAL32: 0x0b,
  REAL64: 0x0c,
  BOOL: 0x0d,
  BINARY: 0x0e,
  GUID: 0x0f,
  SIZE_T: 0x10,
  FILETIME: 0x11,
  SYSTEMTIME: 0x12,
  SID: 0x13,
  HEX32: 0x14,
  HEX64: 0x15,
  EVT_HANDLE: 0x20,
  BINXML: 0x21,
  EVT_XML: 0x23,
  ARRAY: 0x80,
} as const;

/** A substitution value: its type and raw bytes. */
export interface Value {
  type: number;
  bytes: number[];
}

export const le = (n: number, width: number): number[] => {
  const out: number[] = [];
  let v = BigInt.asUintN(width * 8, BigInt(n));
  for (let i = 0; i < width; i++, v >>= 8n) out.push(Number(v & 0xffn));
  return out;
};
export const utf16 = (s: string): number[] => [...Buffer.from(s, 'utf16le')];
export const guidBytes = (g: string): number[] => {
  const h = g.replace(/[{}-]/g, '');
  const b = [...Buffer.from(h, 'hex')];
  return [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.slice(8)];
};
export const sidBytes = (sid: string): number[] => {
  const [, rev, auth, ...subs] = sid.split('-').map(Number);
  return [rev!, subs.length, 0, 0, 0, 0, 0, auth!, ...subs.flatMap((s) => le(s, 4))];
};

export const v = {
  null: (): Value => ({ type: T.NULL, bytes: [] }),
  str: (s: string): Value => ({ type: T.STRING, bytes: utf16(s) }),
  ansi: (s: string): Value => ({ type: T.ANSI, bytes: [...Buffer.from(s, 'latin1')] }),
  int: (type: number, n: number, width: number): Value => ({ type, bytes: le(n, width) }),
  big: (type: number, n: bigint): Value => ({ type, bytes: le64(n) }),
  f32: (n: number): Value => ({
    type: T.REAL32,
    bytes: [...new Uint8Array(new Float32Array([n]).buffer)],
  }),
  f64: (n: number): Value => ({
    type: T.REAL64,
    bytes: [...new Uint8Array(new Float64Array([n]).buffer)],
  }),
  bool: (b: boolean): Value => ({ type: T.BOOL, bytes: le(b ? 1 : 0, 4) }),
  bin: (bytes: number[]): Value => ({ type: T.BINARY, bytes }),
  guid: (g: string): Value => ({ type: T.GUID, bytes: guidBytes(g) }),
  filetime: (iso: string, extraTicks = 0): Value => ({
    type: T.FILETIME,
    bytes: le64(filetimeOf(iso, extraTicks)),
  }),
  systemtime: (
    y: number,
    mo: number,
    d: number,
    h: number,
    mi: number,
    s: number,
    ms: number,
  ): Value => ({
    type: T.SYSTEMTIME,
    bytes: [y, mo, 0, d, h, mi, s, ms].flatMap((x) => le(x, 2)),
  }),
  sid: (s: string): Value => ({ type: T.SID, bytes: sidBytes(s) }),
  hex32: (n: number): Value => ({ type: T.HEX32, bytes: le(n, 4) }),
  hex64: (n: bigint): Value => ({ type: T.HEX64, bytes: le64(n) }),
  array: (type: number, items: number[][]): Value => ({
    type: type | T.ARRAY,
    bytes: items.flat(),
  }),
  raw: (type: number, bytes: number[]): Value => ({ type, bytes }),
};

export function le64(n: bigint): number[] {
  const u = BigInt.asUintN(64, n);
  return [...Array(8)].map((_, i) => Number((u >> BigInt(8 * i)) & 0xffn));
}

export function filetimeOf(iso: string, extraTicks = 0): bigint {
  return (BigInt(Date.parse(iso)) + 11644473600000n) * 10000n + BigInt(extraTicks);
}

/** Writes BinXML tokens for one chunk; offsets are chunk-relative. */
export class BinXmlWriter {
  readonly out: number[] = [];
  constructor(
    private readonly chunk: ChunkWriter,
    private readonly base: number,
    /** Elements carry a dependency id except inside BinXML values (libyal "Element start"). */
    private readonly depId = true,
  ) {}

  get pos(): number {
    return this.base + this.out.length;
  }
  bytes(b: number[]): this {
    for (const x of b) this.out.push(x);
    return this;
  }
  u8(n: number): this {
    return this.bytes([n & 0xff]);
  }
  u16(n: number): this {
    return this.bytes(le(n, 2));
  }
  u32(n: number): this {
    return this.bytes(le(n, 4));
  }
  private patch32(at: number, n: number): void {
    le(n, 4).forEach((b, i) => (this.out[at + i] = b));
  }

  /** A name offset; the first use in the chunk stores the name inline right after it. */
  name(s: string): this {
    const known = this.chunk.names.get(s);
    if (known !== undefined) return this.u32(known);
    const at = this.pos + 4;
    this.chunk.names.set(s, at);
    return this.u32(at).u32(0).u16(0).u16(s.length).bytes(utf16(s)).u16(0);
  }
  fragmentHeader(): this {
    return this.bytes([0x0f, 1, 1, 0]);
  }
  eof(): this {
    return this.u8(0x00);
  }
  /** <name attrs>content</name>; `content` null makes an empty element. */
  el(
    name: string,
    attrs: Array<[string, (w: this) => void]>,
    content: ((w: this) => void) | null,
  ): this {
    this.u8(attrs.length ? 0x41 : 0x01);
    if (this.depId) this.u16(0xffff);
    const sizeAt = this.out.length;
    this.u32(0).name(name);
    if (attrs.length) {
      const listAt = this.out.length;
      this.u32(0);
      attrs.forEach(([an, parts], i) => {
        this.u8(i < attrs.length - 1 ? 0x46 : 0x06).name(an);
        parts(this);
      });
      this.patch32(listAt, this.out.length - listAt - 4);
    }
    if (content === null) this.u8(0x03);
    else {
      this.u8(0x02);
      content(this);
      this.u8(0x04);
    }
    this.patch32(sizeAt, this.out.length - sizeAt - 4);
    return this;
  }
  text(s: string): this {
    return this.u8(0x05).u8(0x01).u16(s.length).bytes(utf16(s));
  }
  sub(index: number, type: number, optional = false): this {
    return this.u8(optional ? 0x0e : 0x0d)
      .u16(index)
      .u8(type);
  }
  charRef(code: number): this {
    return this.u8(0x08).u16(code);
  }
  entityRef(name: string): this {
    return this.u8(0x09).name(name);
  }
  cdata(s: string): this {
    return this.u8(0x07).u16(s.length).bytes(utf16(s));
  }
  pi(target: string, data: string): this {
    this.u8(0x0a).name(target);
    return this.u8(0x0b).u16(data.length).bytes(utf16(data));
  }
  /** Template instance; the definition is written inline the first time its GUID appears. */
  template(guid: string, body: (w: BinXmlWriter) => void, values: Value[]): this {
    this.u8(0x0c).u8(1).u32(0x1234);
    const known = this.chunk.templates.get(guid);
    if (known !== undefined) this.u32(known);
    else {
      const defAt = this.pos + 4;
      this.chunk.templates.set(guid, defAt);
      this.u32(defAt).u32(0).bytes(guidBytes(guid));
      const def = new BinXmlWriter(this.chunk, defAt + 24, true);
      def.fragmentHeader();
      body(def);
      def.eof();
      this.u32(def.out.length).bytes(def.out);
    }
    this.u32(values.length);
    for (const val of values) this.u16(val.bytes.length).u8(val.type).u8(0);
    for (const val of values) this.bytes(val.bytes);
    return this;
  }
  /** Bytes of a BinXML value (a fragment with its own template instance), written at `at`. */
  static value(chunk: ChunkWriter, at: number, fill: (w: BinXmlWriter) => void): Value {
    const w = new BinXmlWriter(chunk, at, false);
    fill(w);
    return { type: T.BINXML, bytes: w.out };
  }
}

const CHUNK = 65536;

/** One chunk: records appended at the write position, header and CRCs filled in by `finish`. */
export class ChunkWriter {
  readonly names = new Map<string, number>();
  readonly templates = new Map<string, number>();
  readonly buf = new Uint8Array(CHUNK);
  pos = 512;
  first = -1;
  last = -1;
  lastRecordOffset = 0;

  /** Appends a record; `body` writes its BinXML (starting 24 bytes into the record). */
  record(id: number, written: string, body: (w: BinXmlWriter) => void, depId = true): this {
    const w = new BinXmlWriter(this, this.pos + 24, depId);
    body(w);
    let size = 24 + w.out.length + 4;
    size += (8 - (size % 8)) % 8;
    const r = [...le(0x2a2a, 4), ...le(size, 4), ...le64(BigInt(id)), ...le64(filetimeOf(written))];
    this.buf.set(r, this.pos);
    this.buf.set(w.out, this.pos + 24);
    this.buf.set(le(size, 4), this.pos + size - 4);
    if (this.first < 0) this.first = id;
    this.last = id;
    this.lastRecordOffset = this.pos;
    this.pos += size;
    return this;
  }

  finish(): Uint8Array {
    const b = this.buf;
    b.set([...Buffer.from('ElfChnk\0', 'latin1')], 0);
    b.set(
      [
        ...le64(BigInt(this.first)),
        ...le64(BigInt(this.last)),
        ...le64(BigInt(this.first)),
        ...le64(BigInt(this.last)),
      ],
      8,
    );
    b.set([...le(128, 4), ...le(this.lastRecordOffset, 4), ...le(this.pos, 4)], 40);
    b.set(le(crc32(b.subarray(512, this.pos)), 4), 52);
    const headerCrc = crc32(b.subarray(128, 512), crc32(b.subarray(0, 120)));
    b.set(le(headerCrc, 4), 124);
    return b;
  }
}

/** A file header (4096 bytes) followed by the chunks. */
export function evtxFile(
  chunks: Uint8Array[],
  opts: { chunkCount?: number; flags?: number } = {},
): Uint8Array {
  const h = new Uint8Array(4096);
  h.set([...Buffer.from('ElfFile\0', 'latin1')], 0);
  h.set([...le64(0n), ...le64(BigInt(Math.max(0, chunks.length - 1))), ...le64(1n)], 8);
  h.set(
    [
      ...le(128, 4),
      ...le(1, 2),
      ...le(3, 2),
      ...le(4096, 2),
      ...le(opts.chunkCount ?? chunks.length, 2),
    ],
    32,
  );
  h.set(le(opts.flags ?? 0, 4), 120);
  h.set(le(crc32(h.subarray(0, 120)), 4), 124);
  return Buffer.concat([h, ...chunks]);
}
