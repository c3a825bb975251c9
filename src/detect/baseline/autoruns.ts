/**
 * Sysinternals Autoruns output as a baseline: `autorunsc -a * -c -h -s` (CSV) or `-ct` (tab
 * separated), from a clean machine or golden image, given to `--baseline` like any baseline file.
 *
 * Columns read (found by header name, so their order and any extra hash/VirusTotal columns do not
 * matter): `Entry Location` (registry key or Startup folder), `Entry` (value or file name),
 * `Enabled`, `Category`, `Profile` (`System-wide` or the user), `Launch String` (the value data as
 * stored; the data we compare), and for the reader `Description`, `Company`/`Publisher`, `Signer`,
 * `Image Path`. `Time`, `Version` and the hash columns are ignored.
 *
 * Only the `Logon` category is imported, and only rows that land on a catalog location where each
 * value is its own entry (Run, RunOnce, RunOnceEx, Policies\Explorer\Run, Terminal Server install
 * keys, ...) or in a Startup folder. Logon rows for single named values (Winlogon Userinit/Shell,
 * BootExecute) list one comma-separated item per row, not the value's data, so they cannot say
 * what the whole value should hold; the shipped known-good catalog covers their defaults.
 *
 * The file covers (`locations`) every such catalog location and is `complete`: a snapshot of a
 * machine lists all its Run entries, so what it lacks there is 'new'. Autoruns records no host
 * name, so the baseline applies to every host.
 */
import { parse } from 'csv-parse/sync';
import type { BaselineEntry, BaselineFile } from './baseline.js';
import { defaultAsepCatalog, matchAsep, matchStartupFolder } from '../catalog/asep.js';
import { canonicalRegistryPath } from '../../normalize/registry-path.js';

const REQUIRED = ['entry location', 'entry', 'launch string'];

/** Text of a file: UTF-16LE (autorunsc's own `-o` files) or UTF-8, BOM dropped. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  // UTF-16LE without a BOM: ASCII text has a NUL in every second byte.
  if (bytes.length > 3 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) {
    return new TextDecoder('utf-16le').decode(bytes);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Header {
  /** Index of the header line among the text's lines. */
  line: number;
  delimiter: ',' | '\t';
}

/** Finds autorunsc's header line (after its optional banner), or null when this is not autorunsc output. */
export function findAutorunsHeader(text: string): Header | null {
  const lines = text.split(/\r?\n/, 12);
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').toLowerCase();
    for (const delimiter of [',', '\t'] as const) {
      const cells = l.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
      if (REQUIRED.every((r) => cells.includes(r))) return { line: i, delimiter };
    }
  }
  return null;
}

export class AutorunsFormatError extends Error {
  override readonly name = 'AutorunsFormatError';
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
  }
}

/** Location ids an Autoruns import can speak for: per-value Run-style keys and Startup folders. */
function coveredLocations(): string[] {
  const data = defaultAsepCatalog().data;
  const perValue = data.locations
    .filter((l) => l.kind === 'persistence' && !l.valueNames)
    .map((l) => l.id);
  return [...perValue, ...data.startupFolders.map((f) => f.id)];
}

/** The catalog location of one Autoruns row, with the value name and data it stands for. */
function mapRow(
  location: string,
  entry: string,
  launch: string,
): { locationId: string; scope?: 'machine' | 'user'; valueName: string; data: string } | null {
  if (/^(HK|\\REGISTRY)/i.test(location)) {
    // Read as a value path: the catalog judges a key alone as context, a value under it as an entry.
    const m = matchAsep(canonicalRegistryPath(`${location.replace(/\\+$/, '')}\\${entry}`));
    if (!m || !m.valueIsEntry || m.kind !== 'persistence') return null;
    return { locationId: m.locationId, scope: m.scope, valueName: entry, data: launch };
  }
  const path = `${location.replace(/[\\/]+$/, '')}\\${entry}`;
  const s = matchStartupFolder(path);
  if (!s || s.kind !== 'persistence') return null;
  return { locationId: s.locationId, scope: s.scope, valueName: entry, data: path };
}

/** Converts autorunsc CSV/TSV text to a baseline file (see the module comment). */
export function parseAutoruns(text: string, name: string): BaselineFile {
  const header = findAutorunsHeader(text);
  if (!header)
    throw new AutorunsFormatError(
      name,
      1,
      'no autorunsc header (Entry Location, Entry, Launch String)',
    );
  const body = text.split(/\r?\n/).slice(header.line).join('\n');
  const rows = parse(body, {
    delimiter: header.delimiter,
    // -ct output is not quoted: a Launch String starting with a quoted path is data, not quoting.
    quote: header.delimiter === '\t' ? false : '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  }) as string[][];
  const head = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (n: string): number => head.indexOf(n);
  const at = (r: string[], n: string): string => {
    const i = col(n);
    return i < 0 ? '' : (r[i] ?? '').trim();
  };
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const entry = at(r, 'entry');
    // Rows without an entry are the location headings Autoruns prints above each group.
    if (entry === '' || at(r, 'category').toLowerCase() !== 'logon') continue;
    const mapped = mapRow(at(r, 'entry location'), entry, at(r, 'launch string'));
    if (!mapped) continue;
    const k = [mapped.locationId, mapped.scope, mapped.valueName.toLowerCase(), mapped.data].join(
      '\u0000',
    );
    if (seen.has(k)) continue;
    seen.add(k);
    const e: BaselineEntry = {
      id: `autoruns-${entries.length + 1}`,
      location: mapped.locationId,
      valueName: mapped.valueName,
      data: mapped.data,
    };
    if (mapped.scope) e.scope = mapped.scope;
    const product = [at(r, 'description'), at(r, 'company') || at(r, 'publisher')].filter(Boolean);
    if (product.length) e.name = product.join(' / ');
    const notes = [
      at(r, 'signer') && `signer: ${at(r, 'signer')}`,
      at(r, 'enabled').toLowerCase() === 'disabled' && 'disabled in Autoruns',
      at(r, 'profile') && `profile: ${at(r, 'profile')}`,
    ].filter(Boolean);
    if (notes.length) e.notes = notes.join('; ');
    entries.push(e);
  }
  return {
    kind: 'runhunt-baseline',
    version: 1,
    name,
    description: 'Imported from Sysinternals autorunsc output (Logon category).',
    complete: true,
    locations: coveredLocations(),
    entries,
  };
}
