/**
 * A baseline as Sigma global filters (`runhunt baseline export-sigma FILE`), so the allowlist that
 * quiets runhunt also quiets the SIEM rules: SigmaHQ's Run-key rules or runhunt's generated ones.
 *
 * Format: Sigma filters specification v2 (shared sigma/schema/sigma-filters-schema.json):
 * `title`, `id`, `logsource`, `filter: {rules, selection, condition}`. pySigma appends a filter
 * to each listed rule as `(<rule condition>) and (<filter condition>)`, so the condition is
 * `not selection` (shared reference/sigma.md §7). One document per log source: registry entries
 * (category registry_set) and Startup-folder files (category file_event).
 *
 * Each baseline entry becomes one map of the selection list (maps in a list are OR-ed):
 *   TargetObject|endswith   `\<key below its root>\<value name>` for each key of the location
 *                           (Wow6432Node views end the same way); `|startswith HKLM\` or `HKU\`
 *                           when the entry has a scope
 *   Details                 the data pattern in the spellings Sysmon may log it: as written,
 *                           with the program path quoted, with %windir%/%ProgramFiles%/... prefixes
 *   TargetFilename          for Startup files: the file path pattern
 *   Image|endswith / Image  the writers, when the entry names them
 *   Computer                the entry's hosts, when it names them
 * Sigma's `*` also crosses `\` and blanks where runhunt's `*` (./detect/baseline/glob.ts) stops at
 * them, so the exported filters are a little wider than the baseline; a `*` standing alone as a
 * word (BootExecute's `autocheck autochk *`) is exported as a literal `\*` so it cannot swallow an
 * appended program.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { BaselineEntry, BaselineFile } from '../detect/baseline/baseline.js';
import { normalizeAutostartData } from '../detect/baseline/normalize-data.js';
import { defaultAsepCatalog } from '../detect/catalog/asep.js';

/**
 * SigmaHQ rules the filters attach to by default (ids from SigmaHQ/sigma, DRL 1.1): CurrentVersion
 * Autorun Keys Modification, Wow6432Node CurrentVersion Autorun Keys Modification, Common Autorun
 * Keys Modification (registry_set); Startup Folder File Write (file_event).
 */
export const DEFAULT_FILTER_RULES = {
  registry: [
    '20f0ee37-5942-4e45-b7d5-c5b5db9df5cd',
    'b29aed60-ebd1-442b-9cb5-16a1d0324adb',
    'f59c3faf-50f3-464b-9f4c-1b67ab512d99',
  ],
  file: ['2aa0a6b4-a865-495b-ab51-c28249537b75'],
} as const;

export interface SigmaFilterOptions {
  /** Rule ids or names to attach the filters to (default {@link DEFAULT_FILTER_RULES}). */
  rules?: readonly string[];
  /** `date:` of the documents, YYYY-MM-DD (default: the baseline's generatedAt, else omitted). */
  date?: string;
}

type Selection = Record<string, string | string[]>;

/** Expanded prefixes (normalised form) and the %VAR% spellings Sysmon may log instead. */
const ENV_SPELLINGS: readonly [string, readonly string[]][] = [
  ['c:\\windows\\', ['%windir%\\', '%systemroot%\\']],
  ['c:\\program files (x86)\\', ['%programfiles(x86)%\\']],
  ['c:\\program files\\', ['%programfiles%\\']],
  ['c:\\programdata\\', ['%programdata%\\']],
  ['c:\\users\\*\\appdata\\local\\', ['%localappdata%\\']],
  ['c:\\users\\*\\appdata\\roaming\\', ['%appdata%\\']],
];

const PROGRAM_RE = /^(.+?\.(?:exe|com|bat|cmd|dll|scr|ps1|vbs|js|lnk|cpl|hta))(?= |$)(.*)$/;

/** The spellings of one normalised data pattern, as baseline globs (`*`, `**`). */
export function dataSpellings(pattern: string): string[] {
  const d = normalizeAutostartData(pattern);
  const out = new Set<string>([d]);
  for (const [expanded, vars] of ENV_SPELLINGS) {
    if (d.startsWith(expanded)) for (const v of vars) out.add(v + d.slice(expanded.length));
  }
  for (const s of [...out]) {
    const m = PROGRAM_RE.exec(s);
    if (m) out.add(`"${m[1] ?? ''}"${m[2] ?? ''}`);
  }
  return [...out];
}

/**
 * A baseline glob as a Sigma value: `**` and `*` inside a word → wildcard, a lone `*` word →
 * literal; `?` literal; a backslash doubled where Sigma would read it as an escape (before `*`,
 * `?` or another backslash: Sigma spec "Escaping").
 */
export function globToSigma(glob: string): string {
  type Tok = { lit: string } | { wild: true };
  const toks: Tok[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      let j = i;
      while (glob[j + 1] === '*') j++;
      const before = glob[i - 1];
      const after = glob[j + 1];
      const alone =
        (before === undefined || before === ' ') && (after === undefined || after === ' ');
      toks.push(alone && j === i ? { lit: '*' } : { wild: true });
      i = j;
    } else toks.push({ lit: c });
  }
  let s = '';
  toks.forEach((t, i) => {
    if ('wild' in t) {
      s += '*';
      return;
    }
    const next = toks[i + 1];
    if (t.lit === '*' || t.lit === '?') s += '\\' + t.lit;
    else if (t.lit === '\\' && next && ('wild' in next || ['*', '?', '\\'].includes(next.lit))) {
      s += '\\\\';
    } else s += t.lit;
  });
  return s;
}

const one = (xs: string[]): string | string[] => (xs.length === 1 ? (xs[0] as string) : xs);

function registryKeys(locationIds: readonly string[]): string[] {
  const locations = defaultAsepCatalog().data.locations;
  const keys: string[] = [];
  for (const id of locationIds) {
    for (const k of locations.find((l) => l.id === id)?.keys ?? []) {
      // Below the root (software\, system\): Sysmon writes HKLM\SOFTWARE\..., HKU\<SID>\Software\...
      keys.push(k.split('\\').slice(1).join('\\'));
    }
  }
  return keys;
}

function writerFields(e: BaselineEntry, sel: Selection): void {
  if (!e.writers?.length) return;
  const bare = e.writers
    .filter((w) => !w.includes('\\'))
    .map((w) => '\\' + globToSigma(w.toLowerCase()));
  const full = e.writers
    .filter((w) => w.includes('\\'))
    .map((w) => globToSigma(normalizeAutostartData(w)));
  if (bare.length && !full.length) sel['Image|endswith'] = one(bare);
  else if (full.length && !bare.length) sel['Image'] = one(full);
  // Both kinds: one field can only be OR-ed with itself; the bare names widen to `*\name`.
  else sel['Image'] = [...full, ...bare.map((b) => '*' + b)];
}

function registrySelection(e: BaselineEntry): Selection | null {
  const keys = registryKeys([e.location].flat());
  if (keys.length === 0) return null;
  const name = e.valueName === '' ? '(Default)' : e.valueName;
  const sel: Selection = {
    'TargetObject|endswith': one(keys.map((k) => globToSigma(`\\${k}\\${name}`))),
  };
  if (e.scope) sel['TargetObject|startswith'] = e.scope === 'machine' ? 'HKLM\\' : 'HKU\\';
  sel['Details'] = one(dataSpellings(e.data).map(globToSigma));
  writerFields(e, sel);
  if (e.hosts?.length) sel['Computer'] = one(e.hosts);
  return sel;
}

function fileSelection(e: BaselineEntry): Selection {
  const sel: Selection = { TargetFilename: globToSigma(normalizeAutostartData(e.data)) };
  writerFields(e, sel);
  if (e.hosts?.length) sel['Computer'] = one(e.hosts);
  return sel;
}

const isStartupFile = (e: BaselineEntry): boolean =>
  [e.location].flat().some((l) => l.startsWith('startup-folder-') && !l.endsWith('-redirect'));

/** A UUID derived from the text (stable across runs, so re-exports replace rather than add). */
function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The filter documents as plain objects (tests validate these against the schema). */
export function baselineSigmaFilterDocs(
  b: BaselineFile,
  opts: SigmaFilterOptions = {},
): Record<string, unknown>[] {
  const reg: Selection[] = [];
  const files: Selection[] = [];
  for (const e of b.entries) {
    if (isStartupFile(e)) files.push(fileSelection(e));
    else {
      const s = registrySelection(e);
      if (s) reg.push(s);
    }
  }
  const date = opts.date ?? b.generatedAt?.slice(0, 10);
  const doc = (
    what: string,
    category: string,
    selection: Selection[],
    rules: readonly string[],
  ): Record<string, unknown> => ({
    title: `runhunt baseline ${b.name}: known ${what}`,
    id: uuidFrom(`runhunt-baseline|${b.name}|${category}`),
    description: `Known-good ${what} from runhunt baseline '${b.name}' (${selection.length} entries); generated by runhunt baseline export-sigma.`,
    ...(date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {}),
    logsource: { product: 'windows', category },
    filter: { rules: [...rules], selection, condition: 'not selection' },
  });
  const out: Record<string, unknown>[] = [];
  if (reg.length) {
    out.push(
      doc(
        'autostart registry values',
        'registry_set',
        reg,
        opts.rules ?? DEFAULT_FILTER_RULES.registry,
      ),
    );
  }
  if (files.length) {
    out.push(
      doc('Startup-folder files', 'file_event', files, opts.rules ?? DEFAULT_FILTER_RULES.file),
    );
  }
  return out;
}

/** The filters as a YAML document stream (empty string when the baseline has no entries). */
export function baselineToSigmaFilters(b: BaselineFile, opts: SigmaFilterOptions = {}): string {
  return baselineSigmaFilterDocs(b, opts)
    .map((d) => stringify(d, { lineWidth: 0 }))
    .join('---\n');
}
