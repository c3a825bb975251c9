/**
 * XML escaping as Windows' EvtRender does it: markup characters and both quotes (in text too),
 * and C0 controls except tab as character references, so one event stays on one line.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\x00-\x08\x0a-\x1f]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[&<>"'\x00-\x08\x0a-\x1f]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case "'":
      return '&apos;';
    default:
      return '&#' + c.charCodeAt(0) + ';';
  }
}

/** Escapes text and attribute values alike. */
export function escapeXmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_ALL, escapeChar) : s;
}
