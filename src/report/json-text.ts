/**
 * JSON text that is safe wherever it lands: C1 controls, the line/paragraph separators and bidi
 * controls are written as `\uXXXX` escapes. The value is unchanged (JSON parsers read the escape
 * as the same character), but a terminal that shows the file never sees a raw 8-bit CSI, and
 * JavaScript and HTML embedding never see a raw U+2028. (JSON.stringify already escapes C0.)
 */
const EXTRA = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeJsonText(json: string): string {
  return json.replace(EXTRA, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function safeStringify(value: unknown, indent?: number): string {
  return escapeJsonText(JSON.stringify(value, null, indent));
}
