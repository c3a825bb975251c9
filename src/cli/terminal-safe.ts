import { visible } from '../report/visible.js';

/**
 * Makes attacker-written text safe for a terminal: C0/C1 control characters (ESC included), DEL
 * and bidi/zero-width controls become visible escapes (`\x1b`, `\u202e`), so a value can never
 * move the cursor, clear the screen, set the title or reorder what is shown. Newlines and tabs
 * stay (see src/report/visible.ts).
 */
export function terminalSafe(s: string): string {
  return visible(s);
}
