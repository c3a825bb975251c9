/**
 * Registry path canonicalisation: every way a registry location is written in Sysmon, Security
 * 4657, EDR exports and command lines, folded to one comparable form.
 *
 * Forms handled (see shared reference/existing-tools.md §2.1 for where each was observed):
 *   HKLM\…  HKEY_LOCAL_MACHINE\…  \REGISTRY\MACHINE\…  MACHINE\…  HKLM:\…  Registry::HKEY_…
 *   HKU\<SID>\…  HKEY_USERS\<SID>\…  \REGISTRY\USER\<SID>\…  USER\<SID>\…   (Sysmon never writes HKCU)
 *   HKU\<SID>_CLASSES\…  (per-user classes = HKCU\Software\Classes)
 *   HKU\.DEFAULT\…       (the LocalSystem profile)
 *   HKCU\…  HKEY_CURRENT_USER\…  (command lines only)
 *   HKCR\…  HKEY_CLASSES_ROOT\…  (merged classes view)
 *   \REGISTRY\A\{GUID}\… (application hives of UWP apps; not an autostart location)
 * and inside the key: Wow6432Node (any case, removed, `wow64` set), SYSTEM\ControlSet00N
 * (→ CurrentControlSet), `(Default)` value names, and the hidden value whose name starts with NUL
 * (Sysmon cuts the name at the NUL, so the TargetObject ends in `\`).
 *
 * The canonical `key` is lower-case and hive-less; classes hives are re-rooted under
 * `software\classes` so HKCR, HKU\<SID>_CLASSES and HKLM\SOFTWARE\Classes compare equal.
 */

export type RegistryHive =
  'HKLM' | 'HKU' | 'HKU\\.DEFAULT' | 'HKCU' | 'HKCR' | 'HKCC' | 'APP' | 'UNKNOWN';

export type RegistryScope = 'machine' | 'user' | 'unknown';

export interface RegistryPath {
  /** The string as logged. */
  logged: string;
  hive: RegistryHive;
  /** Which hive family the key lives in: HKLM/HKCC/HKCR → machine, HKU/HKCU → user. */
  scope: RegistryScope;
  /** The user's SID for `HKU\<SID>` paths (`S-1-5-21-…`, `S-1-5-18`), as logged. */
  userSid?: string;
  /** The app-hive GUID of `\REGISTRY\A\{GUID}` paths. */
  appHive?: string;
  /** Under a classes root (HKCR, `HKU\<SID>_CLASSES`, `…\SOFTWARE\Classes`). */
  classes: boolean;
  /** Canonical key: lower-case, no hive, Wow6432Node removed, ControlSet00N → currentcontrolset. */
  key: string;
  /** Value name as logged (case kept); '' for `(Default)`, for a hidden NUL name and for key-only paths. */
  valueName: string;
  /** The path ended in `\`: the value name began with NUL and was cut (a hiding trick). */
  hiddenValueName: boolean;
  /** The value name was written `(Default)`. */
  defaultValue: boolean;
  /** The path names a key only (EID 12 CreateKey/DeleteKey), see {@link canonicalRegistryKey}. */
  keyOnly: boolean;
  /** A Wow6432Node segment was present (32-bit registry view). */
  wow64: boolean;
}

// Hive prefixes, upper-cased, longest first where one is a prefix of another.
const MACHINE_ROOTS = ['HKLM', 'HKEY_LOCAL_MACHINE', '\\REGISTRY\\MACHINE', 'MACHINE'];
const USERS_ROOTS = ['HKU', 'HKEY_USERS', '\\REGISTRY\\USER', 'USER'];
const CURRENT_USER_ROOTS = ['HKCU', 'HKEY_CURRENT_USER'];
const CLASSES_ROOTS = ['HKCR', 'HKEY_CLASSES_ROOT'];
const CONFIG_ROOTS = ['HKCC', 'HKEY_CURRENT_CONFIG'];
const APP_ROOTS = ['\\REGISTRY\\A'];

/** PowerShell provider prefixes seen in command lines: `Registry::`, `Microsoft.PowerShell.Core\Registry::`. */
const PS_PROVIDER = /^(?:microsoft\.powershell\.core\\)?registry::/i;

interface Split {
  hive: RegistryHive;
  scope: RegistryScope;
  userSid?: string;
  appHive?: string;
  classes: boolean;
  /** Segments after the hive (original case). */
  rest: string[];
}

/** Segments of `s` split on `\`, empty ones dropped (key names cannot contain `\`). */
function segments(s: string): string[] {
  return s.split('\\').filter((x) => x !== '');
}

function matchRoot(upper: string, roots: readonly string[]): number {
  for (const r of roots) {
    // `HKLM\…`, bare `HKLM`, and PowerShell drive forms `HKLM:\…` / `HKLM:…`.
    if (upper === r || upper === `${r}:`) return upper.length;
    if (upper.startsWith(`${r}\\`)) return r.length + 1;
    if (upper.startsWith(`${r}:\\`)) return r.length + 2;
    if (upper.startsWith(`${r}:`)) return r.length + 1;
  }
  return -1;
}

function splitHive(path: string): Split {
  const p = path.replace(PS_PROVIDER, '');
  const upper = p.toUpperCase();
  let n = matchRoot(upper, APP_ROOTS);
  if (n >= 0) {
    const [guid = '', ...rest] = segments(p.slice(n));
    return { hive: 'APP', scope: 'unknown', appHive: guid, classes: false, rest };
  }
  n = matchRoot(upper, MACHINE_ROOTS);
  if (n >= 0) {
    const rest = segments(p.slice(n));
    return { hive: 'HKLM', scope: 'machine', classes: false, rest };
  }
  n = matchRoot(upper, USERS_ROOTS);
  if (n >= 0) {
    const [first = '', ...rest] = segments(p.slice(n));
    if (first.toUpperCase() === '.DEFAULT') {
      return { hive: 'HKU\\.DEFAULT', scope: 'user', classes: false, rest };
    }
    // `<SID>_Classes` is the per-user classes hive, mounted as HKCU\Software\Classes.
    const m = /^(.*)_classes$/i.exec(first);
    if (m) {
      return {
        hive: 'HKU',
        scope: 'user',
        userSid: m[1] ?? '',
        classes: true,
        rest: ['Software', 'Classes', ...rest],
      };
    }
    return { hive: 'HKU', scope: 'user', userSid: first, classes: false, rest };
  }
  n = matchRoot(upper, CURRENT_USER_ROOTS);
  if (n >= 0) return { hive: 'HKCU', scope: 'user', classes: false, rest: segments(p.slice(n)) };
  n = matchRoot(upper, CLASSES_ROOTS);
  if (n >= 0) {
    return {
      hive: 'HKCR',
      scope: 'machine',
      classes: true,
      rest: ['Software', 'Classes', ...segments(p.slice(n))],
    };
  }
  n = matchRoot(upper, CONFIG_ROOTS);
  if (n >= 0) return { hive: 'HKCC', scope: 'machine', classes: false, rest: segments(p.slice(n)) };
  return { hive: 'UNKNOWN', scope: 'unknown', classes: false, rest: segments(p) };
}

/** Lower-cases, removes Wow6432Node, folds SYSTEM\ControlSet00N; returns the key and flags. */
function foldKey(
  rest: readonly string[],
  hive: RegistryHive,
): { key: string; wow64: boolean; classes: boolean } {
  const out: string[] = [];
  let wow64 = false;
  for (const seg of rest) {
    const lower = seg.toLowerCase();
    if (lower === 'wow6432node') {
      wow64 = true;
      continue;
    }
    out.push(lower);
  }
  // HKLM\SYSTEM\ControlSet001 is what CurrentControlSet links to at boot (the `Select` key picks it);
  // both spellings reach the same services and Session Manager values.
  if (
    hive === 'HKLM' &&
    out[0] === 'system' &&
    out[1] !== undefined &&
    /^controlset\d{3}$/.test(out[1])
  ) {
    out[1] = 'currentcontrolset';
  }
  const classes = out[0] === 'software' && out[1] === 'classes';
  return { key: out.join('\\'), wow64, classes };
}

function build(
  logged: string,
  s: Split,
  valueName: string,
  flags: Pick<RegistryPath, 'hiddenValueName' | 'defaultValue' | 'keyOnly'>,
): RegistryPath {
  const folded = foldKey(s.rest, s.hive);
  const out: RegistryPath = {
    logged,
    hive: s.hive,
    scope: s.scope,
    classes: s.classes || folded.classes,
    key: folded.key,
    valueName,
    ...flags,
    wow64: folded.wow64,
  };
  if (s.userSid !== undefined) out.userSid = s.userSid;
  if (s.appHive !== undefined) out.appHive = s.appHive;
  return out;
}

/**
 * Canonicalises a value path (Sysmon EID 12/13/14 `TargetObject` of a value, Security 4657
 * `ObjectName\ObjectValueName`, a `reg add KEY /v NAME` joined by the caller).
 * The value name is the text after the last `\`.
 */
export function canonicalRegistryPath(targetObject: string): RegistryPath {
  const logged = targetObject;
  let t = targetObject.trim();
  // A trailing `\` means the value name is empty as rendered: Sysmon stops at the leading NUL of
  // a hidden value name (Elastic "Persistence via Hidden Run Key Detected").
  if (t.endsWith('\\')) {
    const s = splitHive(t);
    return build(logged, s, '', { hiddenValueName: true, defaultValue: false, keyOnly: false });
  }
  const cut = t.lastIndexOf('\\');
  let valueName = cut >= 0 ? t.slice(cut + 1) : t;
  t = cut >= 0 ? t.slice(0, cut) : '';
  let hidden = false;
  // Producers that keep the NUL (JSON `\u0000`) show the name after it: still a hidden name.
  if (valueName.includes('\u0000')) {
    hidden = true;
    valueName = valueName.replaceAll('\u0000', '');
  }
  const isDefault = valueName.toLowerCase() === '(default)';
  return build(logged, splitHive(t), isDefault ? '' : valueName, {
    hiddenValueName: hidden,
    defaultValue: isDefault,
    keyOnly: false,
  });
}

/** Canonicalises a path that names a key only (EID 12 CreateKey/DeleteKey, a 4657 key). */
export function canonicalRegistryKey(keyPath: string): RegistryPath {
  return build(keyPath, splitHive(keyPath.trim()), '', {
    hiddenValueName: false,
    defaultValue: false,
    keyOnly: true,
  });
}

/**
 * The logical key with its hive, for display and stacking across hosts:
 * `HKLM\software\…`, `HKCU\software\…` (any user SID, .DEFAULT included), `HKCR\…`.
 */
export function logicalKey(p: RegistryPath): string {
  const hive =
    p.hive === 'HKU' || p.hive === 'HKU\\.DEFAULT'
      ? 'HKCU'
      : p.hive === 'APP'
        ? `\\REGISTRY\\A\\${p.appHive ?? ''}`
        : p.hive;
  return p.key === '' ? hive : `${hive}\\${p.key}`;
}
