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
