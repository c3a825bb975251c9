/**
 * Decompression-bomb guard (issue 4). Real event exports compress 10-60x (the 115 MB Mordor JSON
 * is 33x); deflate cannot exceed ~1032x, which is what a bomb of zeros reaches. EVTX files with
 * much empty chunk space compress far better than text, so the ratio only counts after a grace
 * amount of output. Whatever trips a limit is cut off with an `archive-bomb` issue naming it.
 */
export const ARCHIVE_LIMITS = {
  /** Largest decompressed size of one member. */
  maxMemberBytes: 8 * 1024 ** 3,
  /** Largest decompressed total of one archive (all members). */
  maxArchiveBytes: 32 * 1024 ** 3,
  /** Output/input ratio above which a member (or the whole archive) is refused ... */
  maxRatio: 400,
  /** ... once it has produced at least this much (small or sparse files compress absurdly well). */
  ratioGraceBytes: 256 * 1024 ** 2,
  /** Nested archives (a .zip inside a .tar.gz) are opened this deep, no deeper. */
  maxNesting: 3,
  /**
   * Input that must be held whole in memory (EVTX on stdin; a member when no temporary file can
   * be made) may be at most this large.
   */
  maxBufferedBytes: 2 * 1024 ** 3,
  /**
   * Members that need random access (EVTX, a zip inside an archive) are copied to a temporary
   * file (spill.ts) up to this size; what is beyond it is reported and not read. The same as
   * maxMemberBytes: the disk holds at most what a member may legitimately decompress to.
   */
  maxSpillBytes: 8 * 1024 ** 3,
} as const;

export type ArchiveLimits = { -readonly [K in keyof typeof ARCHIVE_LIMITS]: number };
