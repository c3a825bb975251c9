import type { InputIssue } from '../../model/events.js';
import type { ArchiveLimits } from './limits.js';

/** Thrown when a member trips the decompression-bomb limits. */
export class ArchiveBombError extends Error {
  override readonly name = 'ArchiveBombError';
}

/** Output so far of all members of one archive, and the archive's own size (0 if unknown). */
export interface ArchiveTotal {
  bytes: number;
  archiveSize: number;
}

/**
 * Tracks one member's output against the limits; `check` throws ArchiveBombError. The archive
 * total is checked too: overlapping zip entries (many members sharing one compressed stream)
 * stay under every per-member limit while the archive as a whole explodes.
 */
export class BombGuard {
  private out = 0;

  constructor(
    private readonly limits: ArchiveLimits,
    private readonly archiveTotal: ArchiveTotal,
  ) {}

  check(produced: number, consumedCompressed: number): void {
    this.out += produced;
    this.archiveTotal.bytes += produced;
    const l = this.limits;
    if (this.out > l.maxMemberBytes) {
      throw new ArchiveBombError(
        `member decompresses to more than ${l.maxMemberBytes} bytes (limit)`,
      );
    }
    if (this.archiveTotal.bytes > l.maxArchiveBytes) {
      throw new ArchiveBombError(
        `archive decompresses to more than ${l.maxArchiveBytes} bytes (limit)`,
      );
    }
    const total = this.archiveTotal;
    if (
      total.archiveSize > 0 &&
      total.bytes > l.ratioGraceBytes &&
      total.bytes / total.archiveSize > l.maxRatio
    ) {
      throw new ArchiveBombError(
        `archive expands more than ${l.maxRatio}x (${total.bytes} bytes from ${total.archiveSize}): likely a decompression bomb`,
      );
    }
    if (this.out > l.ratioGraceBytes && this.out / Math.max(1, consumedCompressed) > l.maxRatio) {
      throw new ArchiveBombError(
        `member expands more than ${l.maxRatio}x (${this.out} bytes from ${consumedCompressed}): likely a decompression bomb`,
      );
    }
  }
}

export function bombIssue(err: ArchiveBombError, offset: number | null): InputIssue {
  return { code: 'archive-bomb', offset, message: `decompression stopped: ${err.message}` };
}
