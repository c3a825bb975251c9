import type { ContainerKind } from './types.js';

/** Recognises archive containers by magic bytes (PKWARE APPNOTE 4.3.7, RFC 1952 §2.3.1, POSIX ustar). */
export function sniffContainer(head: Uint8Array): ContainerKind | null {
  const [a, b, c, d] = head;
  if (a === 0x50 && b === 0x4b && ((c === 3 && d === 4) || (c === 5 && d === 6))) return 'zip';
  if (a === 0x1f && b === 0x8b) return 'gzip';
  if (head.length >= 262 && ascii(head, 257, 5) === 'ustar') return 'tar';
  return null;
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}
