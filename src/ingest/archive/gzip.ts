import type { InputIssue } from '../../model/events.js';
import type { Chunks } from '../chunks.js';
import { BombGuard } from './guard.js';
import { inflateChunks } from './inflate.js';
import type { ArchiveLimits } from './limits.js';
import type { ArchiveMember } from './types.js';

/**
 * A gzip file holds one stream (possibly several gzip members back to back, RFC 1952 §2.2,
 * which concatenate). It is listed as one member named after the file without `.gz`
 * (`x.tgz` → `x.tar`); a tar inside is then listed under the outer path (`transparent`).
 */
export function* gzipMembers(
  compressed: Chunks,
  archiveName: string,
  limits: ArchiveLimits,
  archiveSize: number | null,
): Generator<ArchiveMember> {
  const issues: InputIssue[] = [];
  const guard = new BombGuard(limits, { bytes: 0, archiveSize: archiveSize ?? 0 });
  const chunks = inflateChunks(compressed, 'gzip', guard, (i) => void issues.push(i));
  yield { name: innerName(archiveName), stream: { chunks, size: null }, issues, transparent: true };
}

export function innerName(archivePath: string): string {
  const base = archivePath.split(/[\\/]/).pop() ?? archivePath;
  if (/\.tgz$/i.test(base)) return base.slice(0, -4) + '.tar';
  if (/\.gz$/i.test(base)) return base.slice(0, -3);
  return base;
}
