import type { InputIssue } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import type { ReadContext } from '../types.js';
import { ChunkContext, TemplateStore } from './binxml/chunk-context.js';
import type { Node } from './binxml/ir.js';
import { parseFragment } from './binxml/parser.js';
import { allZero, parseChunkHeader } from './chunk-header.js';
import {
  CHUNK_HEADER_BYTES,
  CHUNK_SIZE_BYTES,
  FILE_HEADER_BLOCK_BYTES,
  RECORD_HEADER_BYTES,
  RECORD_MIN_BYTES,
  RECORD_SIGNATURE,
} from './constants.js';
import { EvtxParseError } from './errors.js';
import { parseFileHeader } from './file-header.js';

/** One record's header fields, passed to the decoder with its BinXML. */
export interface RecordInfo {
  /** File offset of the record. */
  offset: number;
  /** Record size from the record header (its trailing copy agrees). */
  size: number;
  /** Record id from the record header (the System EventRecordID normally agrees). */
  recordId: number;
  /** Written time (FILETIME halves) from the record header; see formatFiletime. */
  writtenLo: number;
  writtenHi: number;
}

/** Turns one record's decoded BinXML into an output item; null drops the record. */
export type RecordDecoder<T> = (chunk: ChunkContext, nodes: Node[], info: RecordInfo) => T | null;

/**
 * Walks an EVTX file chunk by chunk (64 KiB at a time, so memory does not grow with file size)
 * and record by record, reporting damage through `ctx.onIssue` and resuming at the next thing
 * it can trust. Chunks are found by file size, not by the header's chunk count, so logs that
 * were copied while dirty still yield every chunk present.
 */
export function* readEvtxRecords<T>(
  src: ByteSource,
  ctx: ReadContext,
  decode: RecordDecoder<T>,
  templates: TemplateStore = new TemplateStore(),
): Generator<T> {
  yield* readEvtxChunkRange(src, ctx, decode, { from: 0, to: Infinity }, templates);
}

/** Chunks `from` (inclusive) to `to` (exclusive), counted from the first chunk after the header. */
export interface ChunkRange {
  from: number;
  to: number;
}

/** Number of chunk slots in a file of `size` bytes (the last one may be partial). */
export function evtxChunkSlots(size: number): number {
  return Math.max(0, Math.ceil((size - FILE_HEADER_BLOCK_BYTES) / CHUNK_SIZE_BYTES));
}

/**
 * readEvtxRecords over a range of chunks only. Chunks are independent (names and templates are
 * chunk-relative), so ranges can be read in parallel and their output concatenated in range order
 * gives exactly what one pass yields. File-level issues are reported by the range that starts at
 * chunk 0 only, so the concatenated issues are those of one pass as well.
 */
export function* readEvtxChunkRange<T>(
  src: ByteSource,
  ctx: ReadContext,
  decode: RecordDecoder<T>,
  range: ChunkRange,
  templates: TemplateStore = new TemplateStore(),
): Generator<T> {
  const first = range.from === 0;
  const issue = (i: InputIssue): void => ctx.onIssue(i);
  const fileIssue = first ? issue : (): void => {};
  if (src.size < FILE_HEADER_BLOCK_BYTES) {
    fileIssue({
      code: 'truncated',
      offset: 0,
      message: `file is ${src.size} bytes, shorter than the 4096-byte EVTX header`,
      skippedBytes: src.size,
    });
    return;
  }
  const header = parseFileHeader(src.read(0, FILE_HEADER_BLOCK_BYTES).slice(0, 128));
  if (!header.magicOk)
    fileIssue({
      code: 'bad-file-magic',
      offset: 0,
      message: 'file header does not start with "ElfFile\\0"',
    });
  else if (!header.crcOk)
    fileIssue({
      code: 'file-header-crc-mismatch',
      offset: 124,
      message: 'file header CRC32 does not match',
    });

  const chunk = new ChunkContext(CHUNK_SIZE_BYTES, templates);
  let index = Math.max(0, range.from);
  for (
    let base = FILE_HEADER_BLOCK_BYTES + index * CHUNK_SIZE_BYTES;
    base < src.size && index < range.to;
    base += CHUNK_SIZE_BYTES, index++
  ) {
    chunk.load(src.read(base, CHUNK_SIZE_BYTES), base);
    if (chunk.size < CHUNK_SIZE_BYTES && !allZero(chunk.buf, 0, chunk.size)) {
      issue({
        code: 'truncated-chunk',
        offset: base,
        message: `last chunk has ${chunk.size} of ${CHUNK_SIZE_BYTES} bytes`,
      });
    }
    if (chunk.size < CHUNK_HEADER_BYTES) {
      if (!allZero(chunk.buf, 0, chunk.size)) {
        issue({
          code: 'truncated',
          offset: base,
          message: 'chunk header cut off',
          skippedBytes: chunk.size,
        });
      }
      break;
    }
    const h = parseChunkHeader(chunk.buf, chunk.view, chunk.size);
    if (!h.magicOk) {
      if (allZero(chunk.buf, 0, chunk.size)) continue; // never used: not damage
      if (!holdsRecord(chunk)) {
        // Past the header's chunk count, space that is not a chunk is preallocated slack (it
        // may hold old disk contents): python-evtx and libevtx ignore it too.
        if (index >= header.chunkCount) continue;
        issue({
          code: 'bad-chunk-magic',
          offset: base,
          message: 'chunk does not start with "ElfChnk\\0"; skipped',
          skippedBytes: chunk.size,
        });
        continue;
      }
      // A damaged magic (or a wiped header) does not damage the records: they carry their own
      // signatures, sizes and inline templates, so read them (python-evtx does too; the fault
      // table in docs/robustness.md found libevtx and runhunt losing the chunk).
      issue({
        code: 'bad-chunk-magic',
        offset: base,
        message: 'chunk does not start with "ElfChnk\\0"; its records read anyway',
      });
    }
    if (!h.headerCrcOk)
      issue({
        code: 'chunk-header-crc-mismatch',
        offset: base + 124,
        message: 'chunk header CRC32 does not match; records read anyway',
      });
    if (h.recordsCrcOk === false)
      issue({
        code: 'records-crc-mismatch',
        offset: base + 52,
        message: 'chunk records CRC32 does not match; records read anyway',
      });
    // A free space offset outside the chunk cannot be trusted: read records up to the chunk end.
    const end = h.recordsCrcOk === null ? chunk.size : h.freeSpaceOffset;
    if (h.recordsCrcOk === null)
      issue({
        code: 'bad-free-space-offset',
        offset: base + 48,
        message: `free space offset ${h.freeSpaceOffset} is outside the chunk; scanning to its end`,
      });
    yield* readChunkRecords(chunk, base, end, issue, decode, h.recordsCrcOk === false);
  }
}

function* readChunkRecords<T>(
  chunk: ChunkContext,
  base: number,
  end: number,
  issue: (i: InputIssue) => void,
  decode: RecordDecoder<T>,
  pastFreeSpace: boolean,
  start = CHUNK_HEADER_BYTES,
): Generator<T> {
  const view = chunk.view;
  let off = start;
  while (off + RECORD_HEADER_BYTES <= end) {
    if (view.getUint32(off, true) !== RECORD_SIGNATURE) {
      if (sizeCopiesAgree(chunk, off)) {
        // Right where a record should start, a size and a trailing copy of it that agree are
        // a record whose signature alone was hit (python-evtx does not check it at all).
        issue({
          code: 'bad-record-signature',
          offset: base + off,
          message:
            'record signature damaged; its size and trailing size copy agree, so it is read anyway',
        });
      } else if (allZero(chunk.buf, off, end)) {
        // Zeros where the header says records are: wiped or never flushed. Account for them.
        issue({
          code: 'zeroed-records',
          offset: base + off,
          message: `${end - off} bytes of zeros before the chunk's free space offset`,
          skippedBytes: end - off,
        });
        return;
      } else {
        const next = findRecordSignature(chunk, off + 1, end);
        issue({
          code: 'bad-record-signature',
          offset: base + off,
          message: 'no record signature where a record should start',
          skippedBytes: next - off,
        });
        off = next;
        continue;
      }
    }
    const size = view.getUint32(off + 4, true);
    if (
      size < RECORD_MIN_BYTES ||
      off + size > chunk.size ||
      view.getUint32(off + size - 4, true) !== size
    ) {
      const next = findRecordSignature(chunk, off + 4, end);
      issue({
        code: 'bad-record-size',
        offset: base + off + 4,
        message: `record size ${size} is impossible or its trailing copy differs`,
        skippedBytes: next - off,
      });
      off = next;
      continue;
    }
    let item: T | null = null;
    chunk.startRecord();
    try {
      const info: RecordInfo = {
        offset: base + off,
        size,
        recordId: view.getUint32(off + 8, true) + view.getUint32(off + 12, true) * 2 ** 32,
        writtenLo: view.getUint32(off + 16, true),
        writtenHi: view.getUint32(off + 20, true),
      };
      const nodes = parseFragment(chunk, off + RECORD_HEADER_BYTES, off + size - 4, true, 0);
      item = decode(chunk, nodes, info);
      if (chunk.repairs.length > 0) reportRepairs(chunk, base, info, issue);
    } catch (err) {
      issue(recordIssue(err, base, off, size));
    }
    off += size;
    if (item !== null) yield item;
  }
  // Whole records right after the free space offset when the records CRC says the offset is
  // wrong (damaged): libevtx reads them too; the fault table in docs/robustness.md found them
  // lost. With a good CRC, bytes past the offset are a reused chunk's stale records: not read.
  if (pastFreeSpace && off >= end && holdsRecordAt(chunk, off)) {
    let last = off;
    while (holdsRecordAt(chunk, last)) last += view.getUint32(last + 4, true);
    issue({
      code: 'bad-free-space-offset',
      offset: base + 48,
      message: `records continue past the free space offset ${end}; read to ${last}`,
    });
    yield* readChunkRecords(chunk, base, last, issue, decode, false, off);
  }
}

/**
 * One issue per repair behind a record that was read (binxml/repair.ts): at the record, so each
 * recovered event can be told apart, with the damage's own position in the message.
 */
function reportRepairs(
  chunk: ChunkContext,
  base: number,
  info: RecordInfo,
  issue: (i: InputIssue) => void,
): void {
  // BinXML values are decoded when rendered, possibly more than once per record: one issue per
  // distinct repair.
  const seen = new Set<string>();
  for (const r of chunk.repairs) {
    const key = `${r.code} ${r.offset} ${r.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issue({
      code: r.code,
      offset: info.offset,
      message: `record ${info.recordId} at ${info.offset} recovered with damage: ${r.detail} (at ${base + r.offset})`,
    });
  }
}

/** A record size at `at + 4` that fits the chunk and matches its trailing copy. */
function sizeCopiesAgree(chunk: ChunkContext, at: number): boolean {
  if (at + RECORD_MIN_BYTES > chunk.size) return false;
  const size = chunk.view.getUint32(at + 4, true);
  return (
    size >= RECORD_MIN_BYTES &&
    at + size <= chunk.size &&
    chunk.view.getUint32(at + size - 4, true) === size
  );
}

/** Some 8-aligned record signature whose size and trailing size copy agree. */
function holdsRecord(chunk: ChunkContext): boolean {
  for (let at = CHUNK_HEADER_BYTES; at + RECORD_MIN_BYTES <= chunk.size; at += 8) {
    if (holdsRecordAt(chunk, at)) return true;
  }
  return false;
}

/** A record signature at `at` whose size and trailing size copy agree. */
function holdsRecordAt(chunk: ChunkContext, at: number): boolean {
  return (
    at + RECORD_MIN_BYTES <= chunk.size &&
    chunk.view.getUint32(at, true) === RECORD_SIGNATURE &&
    sizeCopiesAgree(chunk, at)
  );
}

/** Next offset (8-byte aligned, as records are) holding the record signature, or `end`. */
function findRecordSignature(chunk: ChunkContext, from: number, end: number): number {
  const buf = chunk.buf;
  for (let p = (from + 7) & ~7; p + RECORD_HEADER_BYTES <= end; p += 8) {
    if (buf[p] === 0x2a && buf[p + 1] === 0x2a && buf[p + 2] === 0 && buf[p + 3] === 0) return p;
  }
  return Math.max(from, end);
}

function recordIssue(err: unknown, base: number, off: number, size: number): InputIssue {
  if (err instanceof EvtxParseError) {
    // offset + skippedBytes is the record that was skipped (the InputIssue contract): the fault
    // itself may lie elsewhere (in a template defined by an earlier record, or be a pointer
    // value past the file), so its position goes in the message.
    const detail = err.message.replace(/^Offset 0x[0-9a-f]+: /, '');
    return {
      code: err.code,
      offset: base + off,
      message: `record at ${base + off}: ${detail} (at ${base + err.offset})`,
      skippedBytes: size,
    };
  }
  // Anything else is a decoder bug on odd input; report it rather than abort the file.
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal-error',
    offset: base + off,
    message: `record at ${base + off}: ${message}`,
    skippedBytes: size,
  };
}
