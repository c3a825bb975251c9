import type { InputIssue } from '../../model/events.js';
import type { Chunks } from '../chunks.js';
import { ChunkReader } from './chunk-reader.js';
import type { ArchiveMember } from './types.js';

// POSIX.1-2001 ustar (pax) and GNU tar header layout: 512-byte blocks, name[100] @0,
// size[12] @124 (octal, or base-256 when the high bit is set), chksum[8] @148, typeflag @156,
// magic "ustar" @257, prefix[155] @345. Type 'x' = pax extended header for the next member,
// 'L' = GNU long name for the next member.
const BLOCK = 512;
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function cString(b: Uint8Array, at: number, len: number, dec = utf8): string {
  const f = b.subarray(at, at + len);
  const nul = f.indexOf(0);
  return dec.decode(nul < 0 ? f : f.subarray(0, nul));
}

function octalSize(b: Uint8Array): number | null {
  const field = b.subarray(124, 136);
  if ((field[0] ?? 0) & 0x80) {
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const s = latin1.decode(field).replace(/[\0 ]+/g, '');
  if (s === '') return 0;
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : null;
}

function checksumOk(b: Uint8Array): boolean {
  const stored = parseInt(latin1.decode(b.subarray(148, 156)).replace(/[\0 ]+/g, ''), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (b[i] ?? 0);
  return stored === sum;
}

function isZeroBlock(b: Uint8Array): boolean {
  for (const x of b) if (x !== 0) return false;
  return true;
}

function paxPath(data: Uint8Array): string | undefined {
  // Records are "<len> <key>=<value>\n".
  for (const rec of utf8.decode(data).split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(rec);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Lists a tar stream's regular files in order. Each member's stream must be read (or left) before
 * asking for the next one; whatever the caller leaves unread is skipped.
 */
export function* tarMembers(
  chunks: Chunks,
  onArchiveIssue: (i: InputIssue) => void,
): Generator<ArchiveMember> {
  const r = new ChunkReader(chunks);
  let longName: string | undefined;
  let resyncing = false;
  for (;;) {
    const at = r.position;
    const h = r.read(BLOCK);
    if (h.length === 0) return;
    if (h.length < BLOCK) {
      onArchiveIssue({
        code: 'archive-damaged',
        offset: at,
        message: `tar ends inside a header at byte ${at} (truncated)`,
      });
      return;
    }
    if (isZeroBlock(h)) {
      if (resyncing) continue;
      return; // end-of-archive marker
    }
    if (!checksumOk(h)) {
      if (!resyncing) {
        onArchiveIssue({
          code: 'tar-bad-header',
          offset: at,
          message: `tar header at byte ${at} damaged; looking for the next member`,
        });
        resyncing = true;
      }
      continue;
    }
    resyncing = false;
    const size = octalSize(h);
    if (size === null) {
      onArchiveIssue({
        code: 'tar-bad-header',
        offset: at,
        message: `tar header at byte ${at} has an unreadable size; stopped`,
      });
      return;
    }
    const type = String.fromCharCode(h[156] ?? 0);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      const data = r.read(size);
      r.skip(padded - size);
      longName = type === 'x' ? (paxPath(data) ?? longName) : cString(data, 0, data.length);
      continue;
    }
    const prefix = cString(h, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') {
      r.skip(padded);
      continue;
    }
    const issues: InputIssue[] = [];
    const start = r.position;
    let read = 0;
    const truncated = (): InputIssue => ({
      code: 'archive-damaged',
      offset: start + read,
      message: `tar member ${name} truncated: ${read} of ${size} bytes present`,
    });
    const body = (function* () {
      for (const c of r.stream(size - read)) {
        read += c.length;
        yield c;
      }
      if (read < size) issues.push(truncated());
    })();
    yield { name, stream: { chunks: body, size }, issues };
    // Whatever the consumer did not read is skipped, then the block padding.
    for (const c of r.stream(size - read)) read += c.length;
    if (read < size) {
      if (issues.length === 0) onArchiveIssue(truncated());
      return;
    }
    r.skip(padded - size);
  }
}
