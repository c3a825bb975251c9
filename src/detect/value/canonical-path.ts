/**
 * Canonical form of a Windows path for classification: what folder a payload really lives in,
 * whatever spelling the value used. The form as written is always kept by the caller; this one
 * is only compared against the patterns of data/path-classes.yaml and data/system-binaries.yaml.
 *
 * Steps: drop quotes; `file:///` URLs to paths; `/` to `\`; remove the Win32 namespace prefixes
 * `\\?\` and `\??\` (`\\?\UNC\host` to `\\host`); expand `%VAR%`, `$env:VAR` and `${env:VAR}` with
 * the `environment` table (unknown variables stay as written); collapse repeated separators;
 * resolve `.` and `..`; replace known 8.3 short names (`PROGRA~1`); lower-case.
 */
import { valueData } from './value-data.js';

const ENV_PERCENT = /%([A-Za-z0-9_()]{1,64})%/g;
const ENV_POWERSHELL = /\$\{env:([A-Za-z0-9_()]{1,64})\}|\$env:([A-Za-z0-9_]{1,64})/gi;

/** Expands environment variables with the canonical table; unknown ones stay as written. */
export function expandEnvironment(text: string): string {
  // Both forms need a `%` or a `$`: most paths have neither and are returned as they are.
  if (!text.includes('%') && !text.includes('$')) return text;
  const env = valueData().environment;
  const one = (s: string): string =>
    s
      .replace(ENV_PERCENT, (m, name: string) => env.get(name.toLowerCase()) ?? m)
      .replace(
        ENV_POWERSHELL,
        (m, braced: string | undefined, bare: string | undefined) =>
          env.get((braced ?? bare ?? '').toLowerCase()) ?? m,
      );
  // Two passes: `%HOMEDRIVE%%HOMEPATH%` expands to text that holds no further known variables,
  // but a user-defined variable could; two passes bound the work on hostile input.
  return one(one(text));
}

/** The canonical lower-case form of `path` (see the module comment). Never throws. */
export function canonicalPath(path: string): string {
  let p = path.trim();
  if (p.startsWith('"')) p = p.slice(1);
  if (p.endsWith('"')) p = p.slice(0, -1);
  p = p.trim();
  const lower = p.toLowerCase();
  if (/^(https?|ftps?):\/\//.test(lower)) return lower;
  if (lower.startsWith('file:///')) p = p.slice(8);
  else if (lower.startsWith('file://')) p = '\\\\' + p.slice(7);
  p = expandEnvironment(p).replace(/\//g, '\\');
  if (/^\\\\\?\\unc\\/i.test(p)) p = '\\\\' + p.slice(8);
  else if (/^(\\\\\?\\|\\\?\?\\|\\\\\.\\)/.test(p)) p = p.slice(4);
  const unc = p.startsWith('\\\\');
  const body = (unc ? p.slice(2) : p).replace(/\\{2,}/g, '\\');
  const shortNames = valueData().shortNames;
  const segments: string[] = [];
  for (const raw of body.split('\\')) {
    const seg = raw.toLowerCase();
    if (seg === '.') continue;
    if (seg === '..') {
      // Never climb above the drive or the \\host\share root.
      if (segments.length > (unc ? 2 : 1)) segments.pop();
      continue;
    }
    segments.push(shortNames.get(seg) ?? seg);
  }
  return (unc ? '\\\\' : '') + segments.join('\\');
}

/** Lower-case file name of a path (after the last `\` or `/`). */
export function baseName(path: string): string {
  const p = path.replace(/["\s]+$/, '');
  const i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
  return p.slice(i + 1).toLowerCase();
}

/** Lower-case extension with the dot (`.exe`), or '' when there is none. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).trimEnd();
}

/** True when the path names a folder (it has a `\`, a drive or a UNC prefix), not a bare name. */
export function hasDirectory(path: string): boolean {
  return /[\\/]/.test(path) || /^[a-z]:/i.test(path);
}
