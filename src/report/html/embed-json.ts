import { safeStringify } from '../json-text.js';

/**
 * JSON for a `<script type="application/json">` block. The HTML parser ends a script element at
 * the first `</script` whatever the type, and `<!--` switches it into an escaped state, so every
 * `<`, `>` and `&` is written as a `\u003c`-style escape (HTML spec, "Restrictions for contents
 * of script elements"). U+2028/2029 are escaped too (see json-text.ts). JSON.parse of the
 * element's textContent gives back the exact value.
 */
export function embedJson(value: unknown): string {
  return safeStringify(value).replace(
    /[<>&]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}
