/**
 * ASEP catalog matching: is this registry value (or file) an autostart location, and which one?
 *
 * The locations live in data/asep-locations.yaml (see its header for the matching rules). They are
 * compiled once into a trie keyed by canonical key segments, so the check that runs on every
 * registry event costs a few map look-ups and fails fast for the ~99% of keys that are not ASEPs.
 */
import type { RegistryPath } from '../../normalize/registry-path.js';
import { loadDataFile } from '../../util/data-loader.js';

export type AsepScope = 'machine' | 'user' | 'any';
export type AsepKind = 'persistence' | 'context';
export type AsepTier = 'core' | 'extended';
export type AsepDataKind =
  'command' | 'command-list' | 'dll' | 'folder' | 'clsid' | 'script' | 'flag' | 'other';

/** One entry of `locations` in data/asep-locations.yaml. */
export interface AsepLocation {
  id: string;
  description: string;
  keys: string[];
  scope: AsepScope;
  valueNames?: string[];
  dataKind: AsepDataKind;
  kind: AsepKind;
  tier: AsepTier;
  techniques: string[];
}

/** One entry of `startupFolders` in data/asep-locations.yaml. */
export interface StartupFolderLocation {
  id: string;
  description: string;
  path: string;
  scope: 'machine' | 'user';
  techniques: string[];
}

export interface AsepCatalogData {
  locations: AsepLocation[];
  startupFolders: StartupFolderLocation[];
}

export interface AsepMatch {
  locationId: string;
  description: string;
  techniques: string[];
  /** 'context' for context-only locations and for key-only paths (a key created or deleted). */
  kind: AsepKind;
  tier: AsepTier;
  dataKind: AsepDataKind;
  /**
   * Every value under the key is its own autostart entry (Run keys: the value name names the
   * entry). False when the location is one named value (Winlogon Shell, BootExecute).
   */
  valueIsEntry: boolean;
  /** The hive family the event was in. */
  scope: 'machine' | 'user';
}

export interface StartupMatch {
  locationId: string;
  description: string;
  techniques: string[];
  scope: 'machine' | 'user';
  /** The profile folder name for per-user folders (`IEUser`), as written; '*' when it came from an env var. */
  profile?: string;
  /** Path below the Startup folder, case kept (`evil.lnk`, `sub\x.exe`). */
  relativePath: string;
  /** Last path element, case kept. */
  fileName: string;
  /** Lower-case extension with its dot (`.lnk`), '' when none. */
  extension: string;
  /** Directly in the folder: Explorer opens only these at logon (not files in subfolders). */
  direct: boolean;
  /** 'context' for items that do not run (files in subfolders, desktop.ini). */
  kind: AsepKind;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  star?: TrieNode;
  entries: AsepLocation[];
}

const newNode = (): TrieNode => ({ children: new Map(), entries: [] });

/** Compiled catalog; build with {@link compileAsepCatalog}. */
export class AsepCatalog {
  private readonly root = newNode();
  private readonly folders: { loc: StartupFolderLocation; segs: string[] }[];
  private readonly valueSets = new Map<AsepLocation, Set<string>>();
  private readonly order = new Map<AsepLocation, number>();

  constructor(readonly data: AsepCatalogData) {
    for (const loc of data.locations) {
      this.order.set(loc, this.order.size);
      if (loc.valueNames) this.valueSets.set(loc, new Set(loc.valueNames));
      for (const key of loc.keys) {
        let node = this.root;
        for (const seg of key.split('\\')) {
          if (seg === '*') node = node.star ??= newNode();
          else {
            let next = node.children.get(seg);
            if (!next) node.children.set(seg, (next = newNode()));
            node = next;
          }
        }
        node.entries.push(loc);
      }
    }
    this.folders = data.startupFolders.map((loc) => ({ loc, segs: loc.path.split('\\') }));
  }

  /**
   * Collects the locations whose key pattern equals `key` from `start` on (exact names before `*`
   * wildcards). Walks the string with indexOf instead of splitting it: most keys leave the trie
   * after one or two segments, so nothing is allocated for them.
   */
  private walk(node: TrieNode, key: string, start: number, out: AsepLocation[]): void {
    if (start > key.length) {
      out.push(...node.entries);
      return;
    }
    let end = key.indexOf('\\', start);
    if (end < 0) end = key.length;
    const exact = node.children.get(key.slice(start, end));
    if (exact) this.walk(exact, key, end + 1, out);
    if (node.star) this.walk(node.star, key, end + 1, out);
  }

  match(p: RegistryPath): AsepMatch | null {
    if (p.scope === 'unknown' || p.key === '') return null;
    const scope = p.scope;
    const candidates: AsepLocation[] = [];
    this.walk(this.root, p.key, 0, candidates);
    if (candidates.length === 0) return null;
    // The walk visits exact names before `*` branches; the file order decides between overlaps.
    const ordered =
      candidates.length > 1
        ? [...candidates].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))
        : candidates;
    const name = p.valueName.toLowerCase();
    for (const loc of ordered) {
      if (loc.scope !== 'any' && loc.scope !== scope) continue;
      const names = this.valueSets.get(loc);
      // A key-only path (CreateKey/DeleteKey) is context for containers of entries (Run,
      // RunOnceEx\0001, StartupApproved); creating Control Panel\Desktop says nothing about SCRNSAVE.EXE.
      if (names && (p.keyOnly || p.hiddenValueName || !names.has(name))) continue;
      return {
        locationId: loc.id,
        description: loc.description,
        techniques: loc.techniques,
        kind: p.keyOnly ? 'context' : loc.kind,
        tier: loc.tier,
        dataKind: loc.dataKind,
        valueIsEntry: names === undefined,
        scope,
      };
    }
    return null;
  }

  matchStartupFolder(filePath: string): StartupMatch | null {
    const rel = driveRelative(filePath);
    if (rel === null) return null;
    const segs = rel.split('\\').filter((s) => s !== '');
    const lower = segs.map((s) => s.toLowerCase());
    for (const { loc, segs: pat } of this.folders) {
      if (lower.length <= pat.length) continue;
      let ok = true;
      let profile: string | undefined;
      for (let i = 0; i < pat.length && ok; i++) {
        if (pat[i] === '*') profile ??= segs[i];
        else ok = pat[i] === lower[i];
      }
      if (!ok) continue;
      const inside = segs.slice(pat.length);
      const fileName = inside[inside.length - 1] as string;
      const dot = fileName.lastIndexOf('.');
      const direct = inside.length === 1;
      const out: StartupMatch = {
        locationId: loc.id,
        description: loc.description,
        techniques: loc.techniques,
        scope: loc.scope,
        relativePath: inside.join('\\'),
        fileName,
        extension: dot > 0 ? fileName.slice(dot).toLowerCase() : '',
        direct,
        // desktop.ini is Explorer's own folder metadata, present in every Startup folder.
        kind: direct && fileName.toLowerCase() !== 'desktop.ini' ? 'persistence' : 'context',
      };
      if (profile !== undefined) out.profile = profile;
      return out;
    }
    return null;
  }
}

// Environment-variable prefixes (command lines, scripts) → drive-relative canonical folders.
// `*` is the unknown profile name; the folder patterns' `*` accepts it.
const ENV_PREFIXES: [RegExp, string][] = [
  [/^%appdata%\\/i, 'users\\*\\appdata\\roaming\\'],
  [/^%userprofile%\\/i, 'users\\*\\'],
  [/^%programdata%\\/i, 'programdata\\'],
  [/^%allusersprofile%\\/i, 'programdata\\'],
  [/^%systemdrive%\\/i, ''],
  [/^%systemroot%\\/i, 'windows\\'],
  [/^%windir%\\/i, 'windows\\'],
];

/**
 * The path after its drive: `C:\Users\x` → `Users\x`. Accepts `\??\C:`, `\\?\C:`, `\Device\HarddiskVolumeN`,
 * admin shares `\\host\C$\`, `/` separators and env-var prefixes. Null when no drive can be found.
 */
export function driveRelative(filePath: string): string | null {
  let p = filePath.trim().replace(/^"|"$/g, '').replaceAll('/', '\\');
  for (const [re, to] of ENV_PREFIXES) if (re.test(p)) return p.replace(re, to);
  p = p.replace(/^\\(?:\?\?|\\\?|\\\.)\\/, '');
  let m = /^[a-z]:\\/i.exec(p);
  if (m) return p.slice(m[0].length);
  m = /^\\device\\harddiskvolume\d+\\/i.exec(p);
  if (m) return p.slice(m[0].length);
  m = /^\\\\[^\\]+\\[a-z]\$\\/i.exec(p);
  if (m) return p.slice(m[0].length);
  return null;
}

/** Compiles catalog data (the shipped file, or test data). */
export function compileAsepCatalog(data: AsepCatalogData): AsepCatalog {
  return new AsepCatalog(data);
}

let shipped: AsepCatalog | undefined;

/** The catalog of data/asep-locations.yaml, compiled once. */
export function defaultAsepCatalog(): AsepCatalog {
  shipped ??= compileAsepCatalog(
    loadDataFile<AsepCatalogData>('asep-locations.yaml', 'asep-locations.schema.json'),
  );
  return shipped;
}

/** Matches a canonical registry path against the shipped ASEP catalog. */
export function matchAsep(p: RegistryPath): AsepMatch | null {
  return defaultAsepCatalog().match(p);
}

/** Matches a file path (EID 11 TargetFilename) against the shipped Startup-folder list. */
export function matchStartupFolder(filePath: string): StartupMatch | null {
  return defaultAsepCatalog().matchStartupFolder(filePath);
}
