/**
 * analyzeValue: the signals an autostart value carries by itself: where its payload lives, what
 * interpreter or LOLBin runs it, hidden or encoded PowerShell, download cradles, values that only
 * read another registry value, masquerading names and double extensions. Ids are those of
 * data/indicators.yaml; every list behind them is in data/ (see value-data.ts).
 */
import type { CommandInfo } from '../../model/finding.js';
import { baseName, canonicalPath, extensionOf, hasDirectory } from './canonical-path.js';
import { parseCommand, type ParsedCommand } from './parse-command.js';
import { decodeEncodedCommand } from './powershell-decode.js';
import { classifyPath, inSystemDirectory } from './path-class.js';
import { pushSignal, type Signal } from './signal.js';
import { valueData } from './value-data.js';

/** Longest decoded text kept in CommandInfo.decoded (the report stays readable). */
export const MAX_DECODED_IN_REPORT = 64 * 1024;
/** Longest excerpt of a decoded payload in a signal detail. */
const DETAIL_CHARS = 200;

export interface ValueAnalysis {
  command: CommandInfo;
  parsed: ParsedCommand;
  signals: Signal[];
}

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > DETAIL_CHARS ? `${t.slice(0, DETAIL_CHARS)}...` : t;
}

/** Path-class signals for one payload path. */
export function pathSignals(out: Signal[], path: string): void {
  for (const cls of classifyPath(path)) pushSignal(out, cls.indicator, path);
}

/**
 * `invoice.pdf.exe`, `photo.jpg      .scr`: a decoy extension followed by a runnable one.
 * Returns the decoy + real extension pair, or undefined.
 */
export function doubleExtension(path: string): string | undefined {
  const ft = valueData().fileTypes;
  const name = baseName(path);
  const m = /(\.[a-z0-9]{1,5})\s*(\.[a-z0-9]{1,5})$/.exec(name);
  if (!m) return undefined;
  const decoy = m[1] ?? '';
  const real = m[2] ?? '';
  const runnable = [...ft.executable, ...ft.script, ...ft.shortcut];
  if (ft.decoy.includes(decoy) && runnable.includes(real)) return `${decoy}${real}`;
  return undefined;
}

/** Damerau-free edit distance, capped: true when a and b differ by at most one edit. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * A system binary's name outside its folders (T1036.005), or a name one edit away from one
 * (`sihostt.exe`) anywhere outside the system folders. Bare names (no folder) are resolved from
 * the search path, so they are not masquerading.
 */
export function masquerade(path: string): string | undefined {
  if (!hasDirectory(path)) return undefined;
  const sys = valueData().systemBinaries;
  const name = baseName(path);
  const canonical = canonicalPath(path);
  const dirs = sys.byName.get(name);
  if (dirs) {
    return dirs.some((re) => re.test(canonical))
      ? undefined
      : `${name} outside its system folder: ${path}`;
  }
  if (inSystemDirectory(path)) return undefined;
  const ext = extensionOf(name);
  const stem = name.slice(0, name.length - ext.length);
  if (stem.length < sys.lookalikeMinLength) return undefined;
  for (const known of sys.byName.keys()) {
    const kext = extensionOf(known);
    if (kext !== ext) continue;
    const kstem = known.slice(0, known.length - kext.length);
    if (kstem.length >= sys.lookalikeMinLength && withinOneEdit(stem, kstem)) {
      return `${name} looks like ${known}: ${path}`;
    }
  }
  return undefined;
}

/** rundll32-unusual-entry: why a `<dll>,<entry>` call is unusual, or undefined. */
function unusualRundll32(dll: string, entry: string | undefined): string | undefined {
  const d = valueData();
  const pair = `${baseName(dll)},${entry ?? ''}`.toLowerCase();
  if (d.rundll32.benignPairs.has(pair) && !classifyPath(dll).length) return undefined;
  if (entry === undefined || entry === '') return `no entry point: ${dll}`;
  if (hasDirectory(dll)) {
    const canonical = canonicalPath(dll);
    if (!d.programDirectories.some((re) => re.test(canonical))) {
      return `DLL outside Windows and Program Files: ${dll},${entry}`;
    }
  }
  if (entry.startsWith('#')) return `entry point by ordinal ${entry}: ${dll}`;
  const ext = extensionOf(dll);
  if (ext !== '' && !d.fileTypes.library.includes(ext)) {
    return `"DLL" with a ${ext} extension: ${dll},${entry}`;
  }
  const sus = d.rundll32.suspiciousEntryPoints.get(entry.toLowerCase().replace(/[aw]$/, ''));
  const exact = d.rundll32.suspiciousEntryPoints.get(entry.toLowerCase()) ?? sus;
  if (exact && (!exact.onlyWithUserPath || classifyPath(dll).length > 0)) {
    return `${dll},${entry}: ${exact.why}`;
  }
  return undefined;
}

/** Texts that PowerShell/download/indirection patterns are run over. */
function commandTexts(p: ParsedCommand): string[] {
  const texts = [p.raw, ...p.inlineScripts.map((s) => s.text), ...p.decoded.map((d) => d.text)];
  // PowerShell's escape character splits keywords without changing them (`I`E`X`, `DownloadS`tring`).
  for (const t of [...texts]) if (t.includes('`')) texts.push(t.replace(/`(?=[A-Za-z])/g, ''));
  return texts;
}

/** Signals of a parsed command (shared with command-line evidence). */
export function commandSignals(p: ParsedCommand): Signal[] {
  const d = valueData();
  const out: Signal[] = [];

  // Where the payloads live.
  for (const t of p.targetFiles) pathSignals(out, t);
  for (const s of p.steps) {
    if (s.depth === 0 && hasDirectory(s.executable) && !p.targetFiles.includes(s.executable)) {
      pathSignals(out, s.executable);
    }
  }

  // What runs them.
  if (p.interpreters.length > 0) pushSignal(out, 'script-interpreter', p.interpreters.join(' > '));
  const script = p.scriptFiles[0];
  if (script !== undefined) pushSignal(out, 'script-file', script);
  for (const name of p.lolbins) {
    const lol = d.lolbins.get(name);
    if (lol) pushSignal(out, lol.indicator, name);
  }
  for (const m of p.mshta) {
    if (m.kind === 'url') pushSignal(out, 'mshta-url', m.target);
    if (m.kind === 'inline') pushSignal(out, 'mshta-inline-script', excerpt(m.target));
  }
  for (const r of p.rundll32) {
    if (r.dll === 'javascript:' || /^(javascript|vbscript):/i.test(r.args)) {
      // mshtml's RunHTMLApplication runs the inline script as mshta would.
      pushSignal(out, 'mshta-inline-script', excerpt(`rundll32 ${r.args}`));
      pushSignal(out, 'rundll32-unusual-entry', `${r.dll},${r.entry ?? ''}: inline script`);
      continue;
    }
    const why = unusualRundll32(r.dll, r.entry);
    if (why !== undefined) pushSignal(out, 'rundll32-unusual-entry', why);
  }
  for (const r of p.regsvr32) {
    const install = r.install ?? '';
    const scrobj = r.dll !== undefined && d.regsvr32.scriptletLibraries.includes(baseName(r.dll));
    const sct = d.regsvr32.scriptletExtensions.includes(extensionOf(install));
    if (scrobj || sct || /^[a-z]+:\/\//i.test(install)) {
      pushSignal(out, 'regsvr32-scrobj', `/i:${install} ${r.dll ?? ''}`.trim());
    }
  }

  // PowerShell.
  for (const ps of p.powershell) {
    if (ps.encoded !== undefined) {
      const dec = p.decoded.find((x) => x.encoding === 'utf16le');
      pushSignal(
        out,
        'encoded-powershell',
        dec ? excerpt(dec.text) : `payload supplied at run time: ${excerpt(ps.encoded)}`,
      );
    }
    const quiet: string[] = [];
    if (ps.hidden) quiet.push(`-WindowStyle ${ps.windowStyle ?? ''}`);
    for (const sw of d.powershell.quietSwitches) if (ps.switches.includes(sw)) quiet.push(`-${sw}`);
    const policy = ps.executionPolicy?.trim().toLowerCase();
    if (policy !== undefined && d.powershell.bypassPolicies.includes(policy)) {
      quiet.push(`-ExecutionPolicy ${ps.executionPolicy ?? ''}`);
    }
    if (quiet.length > 0) pushSignal(out, 'powershell-hidden', quiet.join(' '));
  }
  if (!out.some((s) => s.id === 'encoded-powershell')) {
    const inline = p.decoded[0];
    if (inline) pushSignal(out, 'encoded-powershell', excerpt(inline.text));
  }
  // Content patterns only matter when something interprets the text.
  const interpreted = p.interpreters.length + p.lolbins.length + p.inlineScripts.length > 0;
  const texts = interpreted ? commandTexts(p) : [];
  for (const pat of d.download) {
    if (texts.some((t) => pat.re.test(t))) {
      pushSignal(out, 'powershell-download', pat.name);
      break;
    }
  }
  for (const pat of d.registryIndirection) {
    const hit = texts.map((t) => pat.re.exec(t)?.[0]).find((m) => m !== undefined);
    if (hit !== undefined) {
      pushSignal(out, 'registry-indirection', `${pat.name}: ${excerpt(hit)}`);
      break;
    }
  }
  const url = p.urls[0];
  if (url !== undefined) pushSignal(out, 'url-in-value', url);

  // Names.
  const named = new Set([
    ...p.targetFiles,
    ...p.steps.filter((s) => s.depth === 0).map((s) => s.executable),
  ]);
  for (const f of named) {
    const dbl = doubleExtension(f);
    if (dbl !== undefined) pushSignal(out, 'double-extension', f);
    const masq = masquerade(f);
    if (masq !== undefined) pushSignal(out, 'system-binary-masquerade', masq);
  }
  return out;
}

/** Everything one autostart value (registry data) tells by itself. Never throws. */
export function analyzeValue(value: string): ValueAnalysis {
  const parsed = parseCommand(value);
  const decodedText = parsed.decoded
    .map((x) => x.text)
    .filter((t) => t.trim() !== '')
    .join('\n');
  const command: CommandInfo = {
    executable: parsed.executable,
    arguments: parsed.arguments,
    ...(decodedText !== '' ? { decoded: decodedText.slice(0, MAX_DECODED_IN_REPORT) } : {}),
  };
  return { command, parsed, signals: commandSignals(parsed) };
}

/**
 * Analyses the data of a registry value that a loader reads and runs (registry indirection):
 * base64 of UTF-16LE text, as Empire stores it for `powershell -enc $x`, is read as an encoded
 * command; anything else as PowerShell command text.
 */
export function analyzeIndirectPayload(data: string): ValueAnalysis {
  const t = data.trim();
  const asEncoded = decodeEncodedCommand(t);
  const printable = asEncoded !== undefined && /^[\t\r\n\x20-\x7e]{8}/.test(asEncoded.text);
  return analyzeValue(
    printable ? `powershell.exe -EncodedCommand ${t}` : `powershell.exe -Command ${t}`,
  );
}
