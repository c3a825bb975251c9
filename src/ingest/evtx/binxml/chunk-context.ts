import type { Template, ValueTable } from './ir.js';
import type { Repair } from './repair.js';

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

/**
 * Decoded templates kept beyond one chunk. Every chunk re-defines its templates, but sharing the
 * decoded (and XML-flattened) form keeps them from being rebuilt and re-promoted by the GC once
 * per chunk: about 40% less peak memory and 30% less CPU on a 200 MB log. Both maps are keyed so
 * that a hit decodes exactly as a fresh decode would (by GUID and decoded structure; by the very
 * bytes of the definition and its names), so one store may serve many chunks and many files:
 * a hunt's threads each keep one across the chunk ranges and files they read (Sysmon logs from
 * one fleet share their templates). Bounded by LIMITS.maxSharedTemplates each.
 */
export class TemplateStore {
  /**
   * Templates seen in earlier chunks, by GUID, then decoded structure: keyed by structure, not
   * GUID alone, so a file that reuses a GUID for different markup still renders what each chunk
   * says.
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
}

/**
 * Everything BinXML decoding needs from one chunk: its bytes (see load) and the per-chunk
 * caches. Names and templates are addressed by chunk-relative offsets (libyal "Name",
 * "Template definition"), so both caches are cleared whenever the next chunk is loaded.
 */
export class ChunkContext {
  /**
   * The chunk's bytes: a Buffer (not a plain Uint8Array) for its native UTF-16 and Latin-1
   * decoding. Either a view of the bytes given to `load` (valid until the next `load`, see
   * there) or, for a short chunk, the zero-padded copy in `own`.
   */
  buf: Buffer;
  view: DataView;
  private readonly own: Buffer;
  private readonly ownView: DataView;
  private readonly capacity: number;
  /** Bytes of `buf` that hold chunk data (less than 64 KiB for a truncated last chunk). */
  size = 0;
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, Template>();
  /** Decoded templates shared across chunks (and files): see TemplateStore. */
  readonly store: TemplateStore;
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
  /**
   * Value tables (parser.ts parseValueTable) reused from one record to the next: a table lives
   * only while its record is decoded (decoders turn values into strings), and a record has a
   * few. Allocating three arrays per template instance made about a sixth of the hunt's garbage.
   * `startRecord` hands them out again; a record needing more than the pool gets fresh ones.
   */
  readonly valueTables: ValueTable[] = [];
  valueTablesUsed = 0;
  /** Names found damaged in this chunk, by offset: their placeholder is cached in `names`. */
  readonly damagedNames = new Map<number, Repair>();

  constructor(capacity: number, store: TemplateStore = new TemplateStore()) {
    this.capacity = capacity;
    this.store = store;
    this.own = Buffer.alloc(capacity);
    this.ownView = new DataView(this.own.buffer, this.own.byteOffset, capacity);
    this.buf = this.own;
    this.view = this.ownView;
  }

  /**
   * Called before each record is decoded: the previous record's repairs and value tables are
   * done with (its output holds strings, not views of either).
   */
  startRecord(): void {
    this.repairs.length = 0;
    this.valueTablesUsed = 0;
  }

  /**
   * Takes a chunk and resets the caches. A whole chunk is read in place, not copied (64 KiB per
   * chunk, 200 MB of copying on a 200 MB log): the caller keeps `bytes` unchanged until the next
   * `load` (a ByteSource view is only reused by the next read), and nothing decoded keeps a view
   * of them (names and values are decoded to strings, template prints copy their bytes). A short
   * last chunk is copied and zero-padded, as before.
   */
  load(bytes: Uint8Array, base = 0): void {
    this.base = base;
    if (bytes.length >= this.capacity) {
      this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, this.capacity);
      this.view = new DataView(bytes.buffer, bytes.byteOffset, this.capacity);
      this.size = this.capacity;
    } else {
      this.own.set(bytes);
      this.own.fill(0, bytes.length);
      this.buf = this.own;
      this.view = this.ownView;
      this.size = bytes.length;
    }
    this.names.clear();
    this.templates.clear();
    this.decoding.clear();
    this.repairs.length = 0;
    this.valueTablesUsed = 0;
    this.damagedNames.clear();
  }
}
