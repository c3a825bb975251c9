import type { InputIssue } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import { ArchiveBombError, BombGuard, bombIssue, type ArchiveTotal } from './guard.js';
import { inflateChunks } from './inflate.js';
import type { ArchiveLimits } from './limits.js';
import type { ArchiveMember } from './types.js';

// Signatures and layouts: PKWARE APPNOTE.TXT 6.3.10, §4.3.7 (local header), §4.3.12 (central
// directory header), §4.3.16 (end of central directory), §4.3.14/15 (ZIP64 end record/locator).
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const READ_WINDOW = 1 << 20;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function u64(dv: DataView, at: number): number {
  return Number(dv.getBigUint64(at, true));
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** Lists a zip's members from its central directory (or, if that is lost, its local headers). */
export function* zipMembers(
  src: ByteSource,
  limits: ArchiveLimits,
  onArchiveIssue: (i: InputIssue) => void,
): Generator<ArchiveMember> {
  const total: ArchiveTotal = { bytes: 0, archiveSize: src.size };
  let entries = readCentralDirectory(src, onArchiveIssue);
  if (entries === null) {
    onArchiveIssue({
      code: 'zip-no-central-directory',
      offset: null,
      message:
        'zip central directory missing (archive truncated?): members recovered from local headers',
    });
    entries = scanLocalHeaders(src);
  }
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const issues: InputIssue[] = [];
    if (e.flags & 1) {
      onArchiveIssue({
        code: 'zip-encrypted',
        offset: e.localOffset,
        message: `member ${e.name} is encrypted; skipped`,
      });
      continue;
    }
    if (e.method !== 0 && e.method !== 8) {
      onArchiveIssue({
        code: 'zip-unsupported-method',
        offset: e.localOffset,
        message: `member ${e.name} uses compression method ${e.method} (only stored and deflate are read); skipped`,
      });
      continue;
    }
    const start = dataStart(src, e.localOffset);
    if (start === null) {
      onArchiveIssue({
        code: 'zip-bad-local-header',
        offset: e.localOffset,
        message: `member ${e.name}: local header damaged; skipped`,
      });
      continue;
    }
    const available = Math.max(0, Math.min(e.compressedSize, src.size - start));
    const truncated = available < e.compressedSize;
    const raw = rangeChunks(src, start, available);
    const guard = new BombGuard(limits, total);
    const onIssue = (i: InputIssue): void => void issues.push(i);
    let chunks: Iterable<Uint8Array>;
    if (e.method === 0) {
      chunks = guarded(raw, guard, onIssue);
      if (truncated) {
        issues.push({
          code: 'archive-damaged',
          offset: start + available,
          message: `member ${e.name} truncated: ${available} of ${e.compressedSize} bytes present`,
        });
      }
    } else {
      chunks = inflateChunks(raw, 'deflate', guard, onIssue, available);
    }
    yield { name: e.name, stream: { chunks, size: e.size }, issues };
  }
}

/** Stored members count towards the archive total too (overlapping entries replay bytes). */
function* guarded(
  chunks: Iterable<Uint8Array>,
  guard: BombGuard,
  onIssue: (i: InputIssue) => void,
): Generator<Uint8Array> {
  let consumed = 0;
  for (const c of chunks) {
    consumed += c.length;
    try {
      guard.check(c.length, consumed);
    } catch (err) {
      if (!(err instanceof ArchiveBombError)) throw err;
      onIssue(bombIssue(err, consumed));
      return;
    }
    yield c;
  }
}

function* rangeChunks(src: ByteSource, start: number, length: number): Generator<Uint8Array> {
  for (let off = 0; off < length; off += READ_WINDOW) {
    const part = src.read(start + off, Math.min(READ_WINDOW, length - off));
    if (part.length === 0) return;
    yield part.slice();
  }
}

function dataStart(src: ByteSource, localOffset: number): number | null {
  const h = src.read(localOffset, 30);
  if (h.length < 30) return null;
  const dv = view(h);
  if (dv.getUint32(0, true) !== SIG_LOCAL) return null;
  return localOffset + 30 + dv.getUint16(26, true) + dv.getUint16(28, true);
}

function readCentralDirectory(src: ByteSource, onIssue: (i: InputIssue) => void): Entry[] | null {
  const tailLen = Math.min(src.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = src.size - tailLen;
  const tail = src.read(tailStart, tailLen).slice();
  const tv = view(tail);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tv.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && tv.getUint32(loc, true) === SIG_ZIP64_LOCATOR) {
      const z = src.read(u64(tv, loc + 8), 56).slice();
      const zv = view(z);
      if (z.length === 56 && zv.getUint32(0, true) === SIG_ZIP64_EOCD) {
        count = u64(zv, 32);
        cdSize = u64(zv, 40);
        cdOffset = u64(zv, 48);
      }
    }
  }
  if (cdOffset + cdSize > src.size) return null;
  const cd = src.read(cdOffset, cdSize).slice();
  const dv = view(cd);
  const out: Entry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || dv.getUint32(p, true) !== SIG_CENTRAL) {
      onIssue({
        code: 'zip-bad-central-directory',
        offset: cdOffset + p,
        message: `central directory entry ${n + 1} of ${count} damaged; later members skipped`,
      });
      break;
    }
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const nameBytes = cd.subarray(p + 46, p + 46 + nameLen);
    const e: Entry = {
      // Bit 11: the name is UTF-8; otherwise CP437, read here as Latin-1 (ASCII either way).
      name: (flags & 0x800 ? utf8 : latin1).decode(nameBytes),
      method: dv.getUint16(p + 10, true),
      flags,
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
    };
    applyZip64Extra(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    out.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** ZIP64 extended information extra field (APPNOTE §4.5.3): 64-bit values for 0xFFFFFFFF ones. */
function applyZip64Extra(extra: Uint8Array, e: Entry): void {
  const dv = view(extra);
  for (let p = 0; p + 4 <= extra.length;) {
    const id = dv.getUint16(p, true);
    const len = dv.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      const take = (): number | null => (q + 8 <= p + 4 + len ? ((q += 8), u64(dv, q - 8)) : null);
      if (e.size === 0xffffffff) e.size = take() ?? e.size;
      if (e.compressedSize === 0xffffffff) e.compressedSize = take() ?? e.compressedSize;
      if (e.localOffset === 0xffffffff) e.localOffset = take() ?? e.localOffset;
      return;
    }
    p += 4 + len;
  }
}

/**
 * Walks local headers from the start when the central directory is gone. A member whose sizes
 * were deferred to a data descriptor (flag bit 3) is read to the end of the file: the inflater
 * stops at the end of its deflate stream.
 */
function scanLocalHeaders(src: ByteSource): Entry[] {
  const out: Entry[] = [];
  let off = 0;
  while (off + 30 <= src.size) {
    const h = src.read(off, 30).slice();
    const dv = view(h);
    if (dv.getUint32(0, true) !== SIG_LOCAL) break;
    const flags = dv.getUint16(6, true);
    const nameLen = dv.getUint16(26, true);
    const extraLen = dv.getUint16(28, true);
    const name = (flags & 0x800 ? utf8 : latin1).decode(src.read(off + 30, nameLen).slice());
    const deferred = (flags & 8) !== 0;
    const dataAt = off + 30 + nameLen + extraLen;
    const compressedSize = deferred ? src.size - dataAt : dv.getUint32(18, true);
    out.push({
      name,
      method: dv.getUint16(8, true),
      flags,
      compressedSize,
      size: dv.getUint32(22, true),
      localOffset: off,
    });
    if (deferred) break;
    off = dataAt + compressedSize;
  }
  return out;
}
