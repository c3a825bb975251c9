/**
 * Folds an autostart value's data to a form that compares equal across hosts, users and versions,
 * so a baseline learned on one machine recognises the same entry on another.
 *
 * Folded (in this order):
 *   case, double quotes and repeated blanks;
 *   environment variables → their expanded form (`%LOCALAPPDATA%` ≡ `C:\Users\*\AppData\Local`);
 *   the profile name in `C:\Users\<name>\` → `*` (Public and Default are kept: they matter);
 *   SIDs, GUIDs → `*`;
 *   version numbers (`\21.220.1024.0005\`, `app-1.0.9013`) → `*`;
 *   random temp names (`ns<x>.tmp`, `7z<x>.tmp`, `dx<x>.tmp`) and hex runs of 8+ → `*`.
 * The idea follows Elastic's low-occurrence Run-key hunt (existing-tools.md §3.7), widened.
 */

// Variable → expanded form (lower-case). `*` stands for any profile name.
const ENV: Readonly<Record<string, string>> = {
  localappdata: 'c:\\users\\*\\appdata\\local',
  appdata: 'c:\\users\\*\\appdata\\roaming',
  userprofile: 'c:\\users\\*',
  homepath: '\\users\\*',
  temp: 'c:\\users\\*\\appdata\\local\\temp',
  tmp: 'c:\\users\\*\\appdata\\local\\temp',
  public: 'c:\\users\\public',
  programdata: 'c:\\programdata',
  allusersprofile: 'c:\\programdata',
  programfiles: 'c:\\program files',
  programw6432: 'c:\\program files',
  'programfiles(x86)': 'c:\\program files (x86)',
  commonprogramfiles: 'c:\\program files\\common files',
  'commonprogramfiles(x86)': 'c:\\program files (x86)\\common files',
  commonprogramw6432: 'c:\\program files\\common files',
  systemroot: 'c:\\windows',
  windir: 'c:\\windows',
  systemdrive: 'c:',
};

const ENV_RE = /%([a-z0-9_()]+)%/g;
const SID_RE = /\bs-1-(?:5|12)-\d+(?:-\d+)+\b/g;
const GUID_RE = /\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?/g;
// `C:\Users\<name>\…` and the XP `Documents and Settings\<name>` profiles; keep shared profiles.
const PROFILE_RE =
  /([a-z]:\\(?:users|documents and settings)\\)(?!(?:public|default|all users)(?:\\|$))[^\\]+/g;
const VERSION_RE = /\d+(?:[._-]\d+)+/g;
const TEMP_NAME_RE =
  /\b(?:ns[a-z][a-z0-9]{3,4}|dx[a-z0-9]{3,4}|7z[a-z0-9]{3,5}|~?[a-z]{0,3}[0-9a-f]{4,})\.tmp\b/g;
const HEX_RUN_RE =
  /(?<![a-z0-9])(?=[0-9a-f]*\d)[0-9a-f]{8,}(?![a-z0-9])|(?<=_)[0-9a-f]{8,}(?![a-z0-9])/g;

export function normalizeAutostartData(data: string): string {
  let s = data.toLowerCase().replaceAll('"', '').replace(/\s+/g, ' ').trim();
  // One folding can expose another (a version removed next to a temp name); repeat to a fixed
  // point so learned data, normalised again when matched, stays the same. Two rounds suffice in
  // practice; the bound keeps it linear.
  for (let round = 0; round < 4; round++) {
    const next = foldOnce(s);
    if (next === s) break;
    s = next;
  }
  return s;
}

function foldOnce(input: string): string {
  let s = input.replace(ENV_RE, (m, name: string) => ENV[name] ?? m);
  s = s.replace(SID_RE, '*');
  s = s.replace(GUID_RE, '*');
  s = s.replace(PROFILE_RE, '$1*');
  s = s.replace(TEMP_NAME_RE, '*.tmp');
  s = s.replace(HEX_RUN_RE, '*');
  s = s.replace(VERSION_RE, '*');
  return s;
}
