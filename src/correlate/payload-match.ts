/**
 * Matches the payload paths an autostart entry names (canonical form from
 * src/detect/value/canonical-path.ts: lower-case, environment expanded) against the paths other
 * events log. `%APPDATA%\x.exe` expands to `c:\users\%username%\appdata\roaming\x.exe`: the
 * user name is unknown from the value alone, so `%username%` matches any one path element.
 * A bare file name (`evil.exe`, resolved through PATH) matches by file name.
 */
export interface PayloadMatcher {
  /** The exact canonical path, when there is no placeholder in it. */
  readonly exact: string | undefined;
  /** Does this (canonical) path name the payload? */
  matchesPath(path: string): boolean;
  /** Does this lower-case command line mention the payload? */
  inCommandLine(cmd: string): boolean;
}

const PLACEHOLDER = '%username%';

export function payloadMatcher(payload: string): PayloadMatcher {
  const bare = !payload.includes('\\');
  if (bare) {
    return {
      exact: undefined,
      matchesPath: (p) => p === payload || p.endsWith('\\' + payload),
      inCommandLine: (cmd) => containsPathEnd(cmd, payload),
    };
  }
  if (!payload.includes(PLACEHOLDER)) {
    return {
      exact: payload,
      matchesPath: (p) => p === payload,
      inCommandLine: (cmd) => cmd.includes(payload),
    };
  }
  const body = payload
    .split(PLACEHOLDER)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\\\]+');
  const whole = new RegExp(`^${body}$`);
  const inside = new RegExp(body);
  return {
    exact: undefined,
    matchesPath: (p) => whole.test(p),
    inCommandLine: (cmd) => inside.test(cmd),
  };
}

/** `name` occurs in `cmd` as the end of a path (preceded by `\`, a quote, a blank or the start). */
function containsPathEnd(cmd: string, name: string): boolean {
  let i = cmd.indexOf(name);
  while (i >= 0) {
    const before = i === 0 ? ' ' : cmd.charAt(i - 1);
    const after = cmd.charAt(i + name.length);
    if (/[\\"'\s/]/.test(before) && (after === '' || /["'\s,]/.test(after))) return true;
    i = cmd.indexOf(name, i + 1);
  }
  return false;
}
