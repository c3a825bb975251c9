/**
 * Windows tools write event XML that is not always well-formed XML 1.0: wevtutil and
 * Get-WinEvent emit character references to control characters (`&#x1;`) and even to NUL
 * (`&#x0;`, e.g. Sysmon's "hidden" Run values whose name starts with NUL). XML 1.1 (§2.2, §4.1)
 * allows references to U+0001..U+001F, so the reader parses as XML 1.1 after this pass:
 * - raw C0 control characters become character references (XML 1.1 "restricted chars"),
 * - NUL, which no XML version allows, becomes a private-use placeholder that `restoreNul`
 *   turns back into U+0000 in the values.
 */
export const NUL_PLACEHOLDER = '\uE000';

const NUL_REF = /&#(?:[xX]0+|0+);/g;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /&#(?:[xX]0+|0+);|[\x00-\x08\x0B\x0C\x0E-\x1F]/;

export function sanitizeEventXml(xml: string): string {
  if (!NEEDS_WORK.test(xml)) return xml;
  return xml.replace(NUL_REF, NUL_PLACEHOLDER).replace(RAW_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code === 0 ? NUL_PLACEHOLDER : `&#x${code.toString(16)};`;
  });
}

export function restoreNul(s: string): string {
  return s.includes(NUL_PLACEHOLDER) ? s.split(NUL_PLACEHOLDER).join('\u0000') : s;
}
