import { FILE_HEADER_CRC_BYTES, FILE_MAGIC } from './constants.js';
import { crc32 } from './crc32.js';
import { truncated } from './errors.js';

/**
 * EVTX file header (libyal "File header", 128 used bytes of a 4096-byte block):
 * magic "ElfFile\0", first/last chunk number u64 @8/@16, next record id u64 @24, header size u32
 * @32, minor/major version u16 @36/@38, header block size u16 @40, chunk count u16 @42,
 * flags u32 @120 (dirty 0x1, full 0x2), CRC32 of bytes 0..120 @124.
 */
export interface FileHeader {
  magicOk: boolean;
  chunkCount: number;
  majorVersion: number;
  minorVersion: number;
  flags: number;
  crcOk: boolean;
}

export const FILE_HEADER_USED_BYTES = 128;

export function parseFileHeader(bytes: Uint8Array): FileHeader {
  if (bytes.length < FILE_HEADER_USED_BYTES) {
    throw truncated('file header', 0, FILE_HEADER_USED_BYTES, bytes.length);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, FILE_HEADER_USED_BYTES);
  return {
    magicOk: FILE_MAGIC.every((b, i) => bytes[i] === b),
    minorVersion: view.getUint16(36, true),
    majorVersion: view.getUint16(38, true),
    chunkCount: view.getUint16(42, true),
    flags: view.getUint32(120, true),
    crcOk: crc32(bytes, 0, FILE_HEADER_CRC_BYTES) === view.getUint32(124, true),
  };
}
