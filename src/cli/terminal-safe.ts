/**
 * Makes attacker-written text safe for a terminal: C0/C1 control characters (ESC included) and
 * DEL become visible escapes (`\x1b`), so a value can never move the cursor or set the title.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? '\\x' + code.toString(16).padStart(2, '0')
      : '\\u' + code.toString(16).padStart(4, '0');
  });
}
