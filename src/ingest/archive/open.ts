import type { InputIssue } from '../../model/events.js';
import { bufferSource, type ByteSource } from '../byte-source.js';
import { concatBytes } from '../chunks.js';
import { gzipMembers } from './gzip.js';
import type { ArchiveLimits } from './limits.js';
import { addressable } from './random-access.js';
import { tarMembers } from './tar.js';
import type { ArchiveMember, ContainerKind, InputStream } from './types.js';
import { zipMembers } from './zip.js';

/**
 * Lists an archive's members, whatever its kind. A member that needs random access (EVTX, a
 * nested zip) comes with a ByteSource over a temporary copy, released when the caller asks for
 * the next member or stops iterating (each member must be read before the next is asked for).
 * `tmpDir` overrides the system's temporary folder (tests).
 */
export function* openArchive(
  kind: ContainerKind,
  path: string,
  stream: InputStream,
  limits: ArchiveLimits,
  onIssue: (i: InputIssue) => void,
  tmpDir?: string,
): Generator<ArchiveMember> {
  let members: Iterable<ArchiveMember>;
  let whole: { close(): void } | null = null;
  if (kind === 'gzip') {
    members = gzipMembers(stream.chunks, path, limits, stream.size);
  } else if (kind === 'tar') {
    members = tarMembers(stream.chunks, onIssue);
  } else {
    // The central directory sits at the end: a zip needs random access. A zip that is itself a
    // member arrives addressable already; one on stdin is copied to a temporary file here.
    const ready = addressable(path, stream, limits, onIssue, tmpDir);
    whole = ready;
    const src = ready.stream.src ?? held(ready.stream, limits, onIssue);
    if (!src) {
      whole.close();
      return;
    }
    members = zipMembers(src, limits, onIssue);
  }
  try {
    for (const m of members) {
      const ready = addressable(m.name, m.stream, limits, (i) => void m.issues.push(i), tmpDir);
      try {
        yield { ...m, stream: ready.stream };
      } finally {
        ready.close();
      }
    }
  } finally {
    whole?.close();
  }
}

/** The fallback when no temporary file can be made: the zip is held in memory, up to a limit. */
function held(
  stream: InputStream,
  limits: ArchiveLimits,
  onIssue: (i: InputIssue) => void,
): ByteSource | null {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of stream.chunks) {
    total += c.length;
    if (total > limits.maxBufferedBytes) {
      onIssue({
        code: 'input-too-large',
        offset: null,
        message: `zip inside a stream larger than ${limits.maxBufferedBytes} bytes; not opened`,
      });
      return null;
    }
    parts.push(c);
  }
  return bufferSource(concatBytes(parts, total));
}
