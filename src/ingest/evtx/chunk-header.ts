import { CHUNK_HEADER_BYTES, CHUNK_MAGIC } from './constants.js';
import { crc32 } from './crc32.js';

/**
 * Chunk header (libyal "Chunk header", 512 bytes): magic "ElfChnk\0", first/last record number
 * u64 @8/@16, first/last record id u64 @24/@32, header size u32 @40, last record offset u32 @44,
 * free space offset u32 @48, records CRC32 u32 @52 (of bytes 512..free space), header CRC32 u32
 * @124 (of bytes 0..120 and 128..512), then 64 string and 32 template offsets.
 */
export interface ChunkHeader {
  magicOk: boolean;
  freeSpaceOffset: number;
  headerCrcOk: boolean;
  /** Null when the free space offset is out of range, so the records CRC cannot be checked. */
  recordsCrcOk: boolean | null;
}

export function chunkMagicOk(buf: Uint8Array): boolean {
  return CHUNK_MAGIC.every((b, i) => buf[i] === b);
}

/** `buf` holds the chunk from its first byte; `size` is how many bytes of it are real. */
export function parseChunkHeader(buf: Uint8Array, view: DataView, size: number): ChunkHeader {
  const freeSpaceOffset = view.getUint32(48, true);
  const headerCrc = crc32(buf, 128, CHUNK_HEADER_BYTES, crc32(buf, 0, 120));
  const freeOk = freeSpaceOffset >= CHUNK_HEADER_BYTES && freeSpaceOffset <= size;
  return {
    magicOk: chunkMagicOk(buf),
    freeSpaceOffset,
    headerCrcOk: headerCrc === view.getUint32(124, true),
    recordsCrcOk: freeOk
      ? crc32(buf, CHUNK_HEADER_BYTES, freeSpaceOffset) === view.getUint32(52, true)
      : null,
  };
}

/** True when every byte in `buf[start, end)` is zero (unused space, not damage). */
export function allZero(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}
