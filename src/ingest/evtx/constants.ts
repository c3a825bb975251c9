/** Fixed sizes and magics of the EVTX container (libyal "Windows XML Event Log (EVTX)" §2-§3). */

/** The file header block; only its first 128 bytes are used. */
export const FILE_HEADER_BLOCK_BYTES = 4096;
/** Bytes covered by the file header CRC32 (checksum stored at offset 124). */
export const FILE_HEADER_CRC_BYTES = 120;
export const CHUNK_SIZE_BYTES = 65536;
/** Chunk header incl. the 64 common-string and 32 template pointer slots; records start here. */
export const CHUNK_HEADER_BYTES = 512;
export const RECORD_HEADER_BYTES = 24;
/** Header plus the trailing size copy: the smallest possible record. */
export const RECORD_MIN_BYTES = 28;

/** "ElfFile\0" */
export const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00] as const;
/** "ElfChnk\0" */
export const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00] as const;
/** "**\0\0" read as a little-endian u32. */
export const RECORD_SIGNATURE = 0x00002a2a;

/** File header flag bits (offset 120). */
export const FILE_FLAG_DIRTY = 0x1;
export const FILE_FLAG_FULL = 0x2;

/** Limits that keep hostile input from costing unbounded time or memory. */
export const LIMITS = {
  /** Element nesting, counting nested BinXML values and template instances. */
  maxDepth: 64,
  /** Distinct template definitions cached per chunk. */
  maxTemplatesPerChunk: 4096,
  /** Distinct templates kept across the chunks of one file (the cache is reset past this). */
  maxSharedTemplates: 2048,
  /** Substitution values in one template instance. */
  maxSubstitutions: 4096,
  /** Array items expanded from one substitution value. */
  maxArrayItems: 65536,
} as const;
