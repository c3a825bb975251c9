import type { InputFormat } from '../model/events.js';

/**
 * Picks a format from the first bytes of an input (content first, the name only as a tie-break).
 * Returns null when the bytes look like none of the formats we read.
 */
export function sniffFormat(head: Uint8Array, _name: string): InputFormat | null {
  if (startsWithAscii(head, 'ElfFile\0')) return 'evtx';
  return null;
}

function startsWithAscii(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}
