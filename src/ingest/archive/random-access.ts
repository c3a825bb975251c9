import type { InputIssue } from '../../model/events.js';
import { sourceChunks, peekChunks } from '../chunks.js';
import { READERS } from '../readers.js';
import { sniffFormat } from '../sniff.js';
import type { ArchiveLimits } from './limits.js';
import { sniffContainer } from './sniff-container.js';
import { spillToTempFile, SpillUnavailableError } from './spill.js';
import type { InputStream } from './types.js';

/** As much of a member as read-inputs sniffs (the same head decides the same format). */
const HEAD_BYTES = 4096;

/** A member's stream made addressable, and what must be released once it has been read. */
export interface AddressableStream {
  stream: InputStream;
  close(): void;
}

/**
 * Gives a member random access when it needs it: an EVTX log (its reader has no forward-only
 * mode; chunks and records are found by offset) or a zip (its central directory is at the end).
 * Such a member is copied to a temporary file (spill.ts) instead of being held in memory; text
 * logs and tar streams stay forward-only and are not copied. Should no temporary file be
 * possible, the member is left as it is (read-inputs then holds it in memory, as before) and an
 * issue says so.
 */
export function addressable(
  name: string,
  stream: InputStream,
  limits: ArchiveLimits,
  onIssue: (i: InputIssue) => void,
  dir?: string,
): AddressableStream {
  const none = { stream, close: () => {} };
  if (stream.src) return none;
  const { head, all } = peekChunks(stream.chunks, HEAD_BYTES);
  const replay = { ...stream, chunks: all };
  if (!needsRandomAccess(head, name)) return { stream: replay, close: () => {} };
  try {
    const src = spillToTempFile(
      all,
      dir === undefined
        ? { maxBytes: limits.maxSpillBytes }
        : { dir, maxBytes: limits.maxSpillBytes },
      onIssue,
    );
    return { stream: { src, chunks: sourceChunks(src), size: src.size }, close: () => src.close() };
  } catch (err) {
    if (!(err instanceof SpillUnavailableError)) throw err;
    onIssue({
      code: 'archive-spill-failed',
      offset: null,
      message: `${err.message}; the member is held in memory instead`,
    });
    return { stream: replay, close: () => {} };
  }
}

function needsRandomAccess(head: Uint8Array, name: string): boolean {
  if (sniffContainer(head) === 'zip') return true;
  const format = sniffFormat(head, name);
  return format !== null && READERS[format]?.readChunks === undefined;
}
