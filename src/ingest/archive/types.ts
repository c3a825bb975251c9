import type { InputIssue } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import type { Chunks } from '../chunks.js';

/**
 * One input's bytes as the readers take them: always a forward stream; random access as well
 * when the bytes are addressable (a file on disk), so EVTX need not be buffered.
 */
export interface InputStream {
  chunks: Chunks;
  src?: ByteSource;
  /** Size in bytes when known in advance. */
  size: number | null;
}

/** One file inside an archive. */
export interface ArchiveMember {
  /** Name inside the archive (`folder/file.json`). */
  name: string;
  stream: InputStream;
  /** Problems found while the member's bytes were read (damaged data, bomb guard). */
  issues: InputIssue[];
  /**
   * When set, an archive found inside this member lists its members under the outer path
   * (`x.tar.gz!file`, not `x.tar.gz!x.tar!file`): the gzip layer of a .tar.gz is not a member.
   */
  transparent?: boolean;
}

export type ContainerKind = 'zip' | 'gzip' | 'tar';
