/**
 * Makes attacker-written text safe to show in a terminal or a one-line cell.
 *
 * Every value in a finding (registry value, file name, command line) can be chosen by the
 * attacker. A terminal interprets C0/C1 control characters (ESC starts CSI/OSC sequences that
 * move the cursor, clear the screen or set the window title; 0x9b is an 8-bit CSI), and bidi
 * controls reorder what is shown (the "Trojan Source" trick), so all of them become visible
 * escapes: `\x1b`, `\x9b`, `\u202e`. Newline and tab are kept by `visible` (multi-line blocks)
 * and escaped by `visibleOneLine` (table cells).
 */

// C0 except TAB/LF, DEL, C1, the line/paragraph separators, bidi embeddings/overrides/isolates,
// zero-width characters that hide text, and the BOM.
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const UNSAFE_ONE_LINE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff
    ? '\\x' + code.toString(16).padStart(2, '0')
    : '\\u' + code.toString(16).padStart(4, '0');
}

/** Control and bidi characters as visible escapes; newlines and tabs kept. */
export function visible(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** Like `visible`, and newlines/tabs too, so the text stays on one line. */
export function visibleOneLine(s: string): string {
  return s.replace(UNSAFE_ONE_LINE, escapeChar);
}
