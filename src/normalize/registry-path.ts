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

// Hive prefixes, upper-cased, each with its spellings precomputed: bare, `X:`, `X\`, `X:\`.
const spellings = (roots: readonly string[]): readonly (readonly string[])[] =>
  roots.map((r) => [r, `${r}:`, `${r}\\`, `${r}:\\`]);
const MACHINE_ROOTS = spellings(['HKLM', 'HKEY_LOCAL_MACHINE', '\\REGISTRY\\MACHINE', 'MACHINE']);
const USERS_ROOTS = spellings(['HKU', 'HKEY_USERS', '\\REGISTRY\\USER', 'USER']);
const CURRENT_USER_ROOTS = spellings(['HKCU', 'HKEY_CURRENT_USER']);
const CLASSES_ROOTS = spellings(['HKCR', 'HKEY_CLASSES_ROOT']);
const CONFIG_ROOTS = spellings(['HKCC', 'HKEY_CURRENT_CONFIG']);
const APP_ROOTS = spellings(['\\REGISTRY\\A']);

/** PowerShell provider prefixes seen in command lines: `Registry::`, `Microsoft.PowerShell.Core\Registry::`. */
const PS_PROVIDER = /^(?:microsoft\.powershell\.core\\)?registry::/i;

interface Split {
  hive: RegistryHive;
  scope: RegistryScope;
  userSid?: string;
  appHive?: string;
  classes: boolean;
  /** The key after the hive (original case, may hold empty segments). */
  rest: string;
}

/** Splits `a\b\c` at its first non-empty segment: `['a', 'b\c']`. */
function firstSegment(s: string): [string, string] {
  let i = 0;
  while (s.charCodeAt(i) === 0x5c) i++;
  const j = s.indexOf('\\', i);
  return j < 0 ? [s.slice(i), ''] : [s.slice(i, j), s.slice(j + 1)];
}

/**
 * Length of the root prefix of `upper` (`HKLM\`, `HKLM:\`, `HKLM:`, or all of a bare `HKLM`),
 * or -1. PowerShell drive forms come from command lines (`HKLM:\Software\…`, `HKLM:SOFTWARE\…`).
 */
function matchRoot(upper: string, roots: readonly (readonly string[])[]): number {
  for (const [bare, colon, sep, colonSep] of roots as readonly [string, string, string, string][]) {
    if (upper === bare || upper === colon) return upper.length;
    if (upper.startsWith(sep)) return sep.length;
    if (upper.startsWith(colonSep)) return colonSep.length;
    if (upper.startsWith(colon)) return colon.length;
  }
  return -1;
}

function splitHive(path: string): Split {
  const p = path.includes('::') ? path.replace(PS_PROVIDER, '') : path;
  // Roots are short: upper-casing a prefix is enough to recognise them.
  const upper = p.slice(0, 24).toUpperCase();
  let n = upper.startsWith('\\REGISTRY\\A') ? matchRoot(upper, APP_ROOTS) : -1;
  if (n >= 0) {
    const [guid, rest] = firstSegment(p.slice(n));
    return { hive: 'APP', scope: 'unknown', appHive: guid, classes: false, rest };
  }
  n = matchRoot(upper, MACHINE_ROOTS);
  if (n >= 0) return { hive: 'HKLM', scope: 'machine', classes: false, rest: p.slice(n) };
  n = matchRoot(upper, USERS_ROOTS);
  if (n >= 0) {
    const [first, rest] = firstSegment(p.slice(n));
    if (first.toUpperCase() === '.DEFAULT') {
      return { hive: 'HKU\\.DEFAULT', scope: 'user', classes: false, rest };
    }
    // `<SID>_Classes` is the per-user classes hive, mounted as HKCU\Software\Classes.
    if (/_classes$/i.test(first)) {
      const userSid = first.slice(0, -'_classes'.length);
      return {
        hive: 'HKU',
        scope: 'user',
        userSid,
        classes: true,
        rest: `Software\\Classes\\${rest}`,
      };
    }
    return { hive: 'HKU', scope: 'user', userSid: first, classes: false, rest };
  }
  n = matchRoot(upper, CURRENT_USER_ROOTS);
  if (n >= 0) return { hive: 'HKCU', scope: 'user', classes: false, rest: p.slice(n) };
  n = matchRoot(upper, CLASSES_ROOTS);
  if (n >= 0) {
    return {
      hive: 'HKCR',
      scope: 'machine',
      classes: true,
      rest: `Software\\Classes\\${p.slice(n)}`,
    };
  }
  n = matchRoot(upper, CONFIG_ROOTS);
  if (n >= 0) return { hive: 'HKCC', scope: 'machine', classes: false, rest: p.slice(n) };
  return { hive: 'UNKNOWN', scope: 'unknown', classes: false, rest: p };
}

/** Lower-cases, drops empty segments and Wow6432Node, folds SYSTEM\ControlSet00N. */
function foldKey(
  rest: string,
  hive: RegistryHive,
): { key: string; wow64: boolean; classes: boolean } {
  let key = rest.toLowerCase();
  // Key names cannot contain `\`: doubled, leading or trailing separators are noise.
  if (key.includes('\\\\') || key.startsWith('\\') || key.endsWith('\\')) {
    key = key
      .split('\\')
      .filter((seg) => seg !== '')
      .join('\\');
  }
  let wow64 = false;
  if (key.includes('wow6432node')) {
    const segs = key.split('\\');
    const kept = segs.filter((seg) => seg !== 'wow6432node');
    wow64 = kept.length !== segs.length;
    key = kept.join('\\');
  }
  // HKLM\SYSTEM\ControlSet001 is what CurrentControlSet links to at boot (the `Select` key picks it);
  // both spellings reach the same services and Session Manager values.
  if (hive === 'HKLM' && /^system\\controlset\d{3}(?:\\|$)/.test(key)) {
    key = `system\\currentcontrolset${key.slice('system\\controlset000'.length)}`;
  }
  const classes = key === 'software\\classes' || key.startsWith('software\\classes\\');
  return { key, wow64, classes };
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
  // A bare root (`HKCR`, seen as EID 12 TargetObject) has no value name.
  if (cut < 0) return canonicalRegistryKey(targetObject);
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

/**
 * The right reading of a Sysmon registry event's path: EID 13 SetValue and EID 12 DeleteValue
 * name a value; EID 12 CreateKey/DeleteKey and EID 14 RenameKey (both TargetObject and NewName)
 * name a key. When an export lost EventType (NXLog overwrote it with its own, Mordor 2020), an
 * EID 12 is read as a key: key creations and deletions are nearly all of them.
 */
export function registryEventPath(eventId: number, eventType: string, path: string): RegistryPath {
  const t = eventType.toLowerCase();
  if (t === 'setvalue' || t === 'deletevalue' || t === 'renamevalue') {
    return canonicalRegistryPath(path);
  }
  if (t === 'createkey' || t === 'deletekey' || t === 'renamekey')
    return canonicalRegistryKey(path);
  return eventId === 13 || eventId === 4657
    ? canonicalRegistryPath(path)
    : canonicalRegistryKey(path);
}
