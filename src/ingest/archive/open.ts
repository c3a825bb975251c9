import type { InputIssue } from '../../model/events.js';
import { bufferSource, type ByteSource } from '../byte-source.js';
import { concatBytes } from '../chunks.js';
import { gzipMembers } from './gzip.js';
import type { ArchiveLimits } from './limits.js';
import { tarMembers } from './tar.js';
import type { ArchiveMember, ContainerKind, InputStream } from './types.js';
import { zipMembers } from './zip.js';

/** Lists an archive's members, whatever its kind. */
export function* openArchive(
  kind: ContainerKind,
  path: string,
  stream: InputStream,
  limits: ArchiveLimits,
  onIssue: (i: InputIssue) => void,
): Generator<ArchiveMember> {
  if (kind === 'gzip') {
    yield* gzipMembers(stream.chunks, path, limits, stream.size);
  } else if (kind === 'tar') {
    yield* tarMembers(stream.chunks, onIssue);
  } else {
    // The central directory sits at the end: a zip needs random access.
    const src = stream.src ?? held(stream, limits, onIssue);
    if (src) yield* zipMembers(src, limits, onIssue);
  }
}

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
