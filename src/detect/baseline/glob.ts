/**
 * The wildcard syntax of baseline patterns (value names, data, writer images), matched against
 * text that has already been through {@link normalizeAutostartData} (so it is lower-case):
 *   `*`  any run of characters except `\` and blanks: one path element, one version, one user name
 *   `**` any run of characters at all
 * `*` stops at blanks so that a literal `*` in data stays safe: BootExecute's default
 * `autocheck autochk *` must not also accept `autocheck autochk * evilnative`.
 */
const cache = new Map<string, RegExp>();

export function compileGlob(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        src += '[\\s\\S]*';
        i++;
      } else src += '[^\\\\\\s]*';
    } else src += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${src}$`);
  cache.set(pattern, re);
  return re;
}

export function globMatch(pattern: string, text: string): boolean {
  return compileGlob(pattern).test(text);
}
