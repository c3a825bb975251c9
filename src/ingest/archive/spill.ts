import {
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  rmdirSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputIssue } from '../../model/events.js';
import { fdSource, type FileByteSource } from '../byte-source.js';
import type { Chunks } from '../chunks.js';

/** Where and how much a member may be copied to disk. */
export interface SpillOptions {
  /** Folder the private temporary folder is made in (default: the system's, `os.tmpdir()`). */
  dir?: string;
  /** Bytes copied at most; the rest of the stream is left unread and reported. */
  maxBytes: number;
}

/** Thrown when no temporary file can be made (the caller falls back to memory). */
export class SpillUnavailableError extends Error {
  override readonly name = 'SpillUnavailableError';
}

/**
 * Copies a forward-only stream (an inflating archive member) to a temporary file and returns
 * random access to it, so an EVTX member is read a window at a time like a file on disk instead
 * of being held whole in memory (issue 9: a 256 MiB bomb allowance cost 669 MB of RSS).
 *
 * Safety: the file lives in a fresh folder from `mkdtemp` (mode 0700, unpredictable name) and is
 * created with `wx` (never an existing file or a planted link), mode 0600. On POSIX both are
 * unlinked at once and only the open descriptor is kept, so nothing is left behind even if the
 * process is killed; where an open file cannot be unlinked (Windows), `close()` removes them.
 * Any error while copying closes and removes everything before it propagates.
 */
export function spillToTempFile(
  chunks: Chunks,
  opts: SpillOptions,
  onIssue: (i: InputIssue) => void,
): FileByteSource {
  let folder: string;
  let fd: number;
  try {
    folder = mkdtempSync(join(opts.dir ?? tmpdir(), 'runhunt-spill-'));
  } catch (err) {
    throw new SpillUnavailableError(`cannot make a temporary folder: ${errorText(err)}`);
  }
  const file = join(folder, 'member');
  try {
    fd = openSync(file, 'wx+', 0o600);
  } catch (err) {
    rmSync(folder, { recursive: true, force: true });
    throw new SpillUnavailableError(`cannot make a temporary file: ${errorText(err)}`);
  }
  let leftover: string | null = null;
  try {
    unlinkSync(file);
    rmdirSync(folder);
  } catch {
    leftover = folder;
  }
  const release = (): void => {
    closeSync(fd);
    if (leftover !== null) rmSync(leftover, { recursive: true, force: true });
    leftover = null;
  };

  let size = 0;
  try {
    size = copy(chunks, fd, opts.maxBytes, onIssue);
  } catch (err) {
    release();
    throw err;
  }
  return fdSource(fd, size, release);
}

/** Writes the stream to `fd` up to `max` bytes; returns how many were written. */
function copy(chunks: Chunks, fd: number, max: number, onIssue: (i: InputIssue) => void): number {
  let size = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.length, max - size);
    try {
      for (let done = 0; done < take;) done += writeSync(fd, chunk, done, take - done);
    } catch (err) {
      // A full disk: what was copied is still read (a truncated EVTX loses only its tail).
      onIssue({
        code: 'archive-spill-failed',
        offset: size,
        message: `copying the member to a temporary file failed after ${size} bytes (${errorText(err)}); only those bytes are read`,
      });
      return size;
    }
    size += take;
    if (take < chunk.length) {
      onIssue({
        code: 'input-too-large',
        offset: size,
        message: `member larger than ${max} bytes (limit for members read from a temporary file); only the first ${max} bytes are read`,
      });
      return size;
    }
  }
  return size;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
