/**
 * GUID folding. Windows renders a GUID-typed event value as `{XXXXXXXX-XXXX-...}`: in braces,
 * upper-case (StringFromGUID2), which is what the EVTX reader emits too. Exports disagree: the rust
 * evtx_dump JSON drops the braces (`0197231E-7211-694F-...`), NXLog/Winlogbeat and python-evtx
 * write lower-case in braces (corpus/README.md "JSON layouts"). Every reader folds to the EVTX form
 * so a ProcessGuid joins across sources.
 */

const BARE_OR_BRACED = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const BARE_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** `{UPPER-CASE}` when `s` is a GUID with or without braces, else `s` unchanged. */
export function foldGuid(s: string): string {
  const m = BARE_OR_BRACED.exec(s);
  return m?.[1] ? `{${m[1].toUpperCase()}}` : s;
}

/**
 * True for the exact form evtx_dump gives GUID-typed values (36 upper-case hex digits and dashes,
 * no braces). Free text almost never has this shape, so it is safe to fold in that layout.
 */
export function isEvtxDumpGuid(s: string): boolean {
  return BARE_UPPER.test(s);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

function fnv1a64(s: string, seed: bigint): bigint {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK64;
  }
  return h;
}

/**
 * A stable GUID-shaped identifier for sources that have none (Defender identifies a process by
 * device, PID and creation time). Two FNV-1a 64-bit hashes give the 128 bits; not a real GUID,
 * only a join key in the form every other reader uses.
 */
export function derivedGuid(parts: readonly string[]): string {
  const key = parts.join('\u0000');
  const hex = (
    fnv1a64(key, FNV_OFFSET).toString(16).padStart(16, '0') +
    fnv1a64(key, FNV_OFFSET ^ MASK64)
      .toString(16)
      .padStart(16, '0')
  ).toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}
