import type { Template } from './ir.js';
import type { Repair } from './repair.js';

/**
 * Everything BinXML decoding needs from one chunk: its bytes (an owned copy) and the per-chunk
 * caches. Names and templates are addressed by chunk-relative offsets (libyal "Name",
 * "Template definition"), so both caches are cleared whenever the next chunk is loaded.
 */
/**
 * Everything a clean template decode depends on besides the parse depth, copied when the template
 * was first decoded: the definition bytes after its next-offset field (GUID, data size, body),
 * the chunk size (bounds checks), and the bytes of every name the body refers back to (count and
 * UTF-16 units, at the same chunk offsets). Equal inputs give an equal decode, so a definition
 * matching a print is that print's template (parser.ts findPrint).
 */
export interface TemplatePrint {
  template: Template;
  /** Definition bytes from offset + 4 to the end of the body. */
  bytes: Buffer;
  chunkSize: number;
  /** Deepest parse depth the definition is known to decode at without hitting the depth limit. */
  depth: number;
  nameOffsets: readonly number[];
  /** Per name offset, its bytes from offset + 6 (count u16, then the units). */
  names: readonly Buffer[];
}

export class ChunkContext {
  /** A Buffer (not a plain Uint8Array) for its native UTF-16 and Latin-1 decoding. */
  readonly buf: Buffer;
  readonly view: DataView;
  /** Bytes of `buf` that hold chunk data (less than 64 KiB for a truncated last chunk). */
  size = 0;
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, Template>();
  /**
   * Templates seen in earlier chunks of the same file, by GUID, then decoded structure. Every
   * chunk re-defines its templates, but sharing the decoded (and XML-flattened) form keeps them
   * from being rebuilt and re-promoted by the GC once per chunk: about 40% less peak memory and
   * 30% less CPU on a 200 MB log. Keyed by structure, not GUID alone, so a file that reuses a
   * GUID for different markup still renders what each chunk says.
   */
  readonly shared = new Map<string, Template[]>();
  sharedCount = 0;
  /**
   * Shared templates by where and how they were defined (see TemplatePrint): a later chunk that
   * defines a template with the very same bytes at the same offset gets the shared one without
   * decoding it again. Keyed by definition offset * 65536 + data size.
   */
  readonly prints = new Map<number, TemplatePrint[]>();
  printCount = 0;
  /**
   * Offsets of the names a template definition being decoded refers back to (not inline), so
   * its print can check them too; null when no definition is being printed.
   */
  nameLog: number[] | null = null;
  /** Definition offsets being decoded right now: a template that instantiates itself is an error. */
  readonly decoding = new Set<number>();
  /** File offset of the chunk (placeholder names say where the damage is in the file). */
  base = 0;
  /**
   * Damage read through while decoding the current record (reset by the reader per record); the
   * repairs of a cached template are added again by every record that instantiates it.
   */
  readonly repairs: Repair[] = [];
  /** Names found damaged in this chunk, by offset: their placeholder is cached in `names`. */
  readonly damagedNames = new Map<number, Repair>();

  constructor(capacity: number) {
    this.buf = Buffer.alloc(capacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, capacity);
  }

  /** Copies a chunk in (the source's view may be reused) and resets the caches. */
  load(bytes: Uint8Array, base = 0): void {
    this.base = base;
    this.buf.set(bytes.subarray(0, this.buf.length));
    if (bytes.length < this.buf.length) this.buf.fill(0, bytes.length);
    this.size = Math.min(bytes.length, this.buf.length);
    this.names.clear();
    this.templates.clear();
    this.decoding.clear();
    this.repairs.length = 0;
    this.damagedNames.clear();
  }
}
