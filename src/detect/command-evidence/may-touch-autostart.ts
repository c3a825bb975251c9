/**
 * mayTouchAutostart: a cheap necessary condition for detectAutostartCommands. When it returns
 * false, the full parse (parseCommand + the readers of detect-autostart-command.ts) cannot find
 * anything, so the hunt skips it for the ~99% of process command lines that name no autostart
 * location. It may say true for lines that turn out empty ("when in doubt, parse").
 *
 * Why it is safe. Every AutostartCommand names either
 *  - a registry location that the ASEP catalog (data/asep-locations.yaml) calls persistence, or
 *  - a file in one of the catalog's Startup folders,
 * and the text it was read from is the command line itself, changed only by deletions and blank
 * rewrites (cmd's `^` escapes and quote rule, CommandLineToArgvW's quote and backslash rules,
 * VBScript's `""`, PowerShell's quotes and backtick escapes, argv joined with single blanks,
 * `/` read as `\`), unless a PowerShell host decodes a payload (-EncodedCommand, a
 * FromBase64String literal). So, with every blank, quote, caret, backtick and backslash deleted
 * and the text lower-cased (`squash`), each literal segment of a catalog key pattern, the value
 * name of a named-value location, and the last segment of a Startup folder must still appear.
 * Key segments the canonicaliser itself writes (`software\classes` for HKCR, `currentcontrolset`
 * for ControlSet00N; src/normalize/registry-path.ts) are not asked for. Decoding needs a
 * PowerShell host (data/interpreters.yaml, family powershell) and either a FromBase64String call
 * or an argument that is an -EncodedCommand switch (matched as the host matches it, with the
 * blank that must follow it before its payload): such lines are always parsed. Without a
 * PowerShell host, only reg.exe and wmic write registry values, and their verb or StdRegProv
 * method (data/autostart-commands.yaml) must appear as well.
 * The equivalence is checked by a property test over generated and real command lines
 * (may-touch-autostart.test.ts).
 */
import { defaultAsepCatalog } from '../catalog/asep.js';
import { valueData } from '../value/value-data.js';
import { commandData } from './command-data.js';

/** Blanks and the characters the readers may delete between two characters they match. */
const DELETABLE = /[\s"'`^\\]+/g;
/** The same without blanks: argument boundaries still matter for the switch check. */
const DELETABLE_KEEP_BLANKS = /["'`^\\]+/g;

/** Segments canonicalRegistryPath writes itself (src/normalize/registry-path.ts). */
const WRITTEN_BY_CANONICALISER = new Set(['software', 'classes', 'currentcontrolset']);

/** reg.exe, the only program read through its argv (detect-autostart-command.ts fromReg). */
const REG_TOOL = 'reg';

/** Lower-case text with blanks, quotes, carets, backticks and backslashes removed. */
export function squash(text: string): string {
  return text.toLowerCase().replace(DELETABLE, '');
}

interface RegistryNeedles {
  /** Every one must appear. */
  all: number[];
  /** One of them must appear (a named-value location); absent when any name counts. */
  anyOf?: number[];
}

interface Needles {
  /** Distinct needle strings; patterns refer to them by index. */
  strings: string[];
  registry: RegistryNeedles[];
  startup: string[];
  powershellHosts: string[];
  /** Encoded-command switch names with their shortest accepted prefix. */
  encodedSwitches: { name: string; minimal: number }[];
  dashes: string;
  /** reg.exe verbs and StdRegProv methods that write or delete a value. */
  registryVerbs: string[];
}

let compiled: Needles | undefined;

function needles(): Needles {
  if (compiled) return compiled;
  const catalog = defaultAsepCatalog().data;
  const vd = valueData();
  const cd = commandData();
  const strings: string[] = [];
  const index = new Map<string, number>();
  const id = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const registry: RegistryNeedles[] = [];
  for (const loc of catalog.locations) {
    if (loc.kind !== 'persistence') continue;
    const names = loc.valueNames?.map(squash);
    for (const key of loc.keys) {
      // Most specific segments first: a miss on `currentversion` ends the check early.
      const segs = key
        .split('\\')
        .reverse()
        .filter((s) => s !== '*' && !WRITTEN_BY_CANONICALISER.has(s.toLowerCase()))
        .map(squash)
        .filter((s) => s !== '');
      const r: RegistryNeedles = { all: segs.map(id) };
      // An empty name is the (Default) value, which `/ve` or Set-Item names without writing it.
      if (names && !names.includes('')) r.anyOf = names.map(id);
      registry.push(r);
    }
  }
  // The last segment of each folder (`startup`); an empty one would be a match everywhere.
  const startup = [
    ...new Set(catalog.startupFolders.map((f) => squash(f.path.split('\\').pop() ?? ''))),
  ];
  const powershellHosts = [...vd.interpreters.values()]
    .filter((i) => i.family === 'powershell')
    .map((i) => squash(i.name.replace(/\.[^.]*$/, '')));
  const encodedSwitches = vd.powershell.switches
    .filter((s) => s.role === 'encoded-command')
    .map((s) => ({ name: s.name.toLowerCase(), minimal: Math.max(1, s.minimal.length) }));
  compiled = {
    strings,
    registry,
    startup,
    powershellHosts,
    encodedSwitches,
    dashes: vd.powershell.dashes.join(''),
    registryVerbs: [...cd.reg.write, ...cd.reg.delete, ...cd.wmi.set, ...cd.wmi.delete].map(squash),
  };
  return compiled;
}

const isLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/**
 * True when `lower` (lower-cased, quotes and carets removed, blanks kept) holds an argument that
 * the PowerShell host reads as -EncodedCommand (matchPowerShellSwitch): a dash, an optional
 * second dash, a prefix of the switch name at least `minimal` long, then no further letter.
 */
function hasEncodedSwitch(lower: string, n: Needles): boolean {
  for (let i = 0; i < lower.length; i++) {
    if (!n.dashes.includes(lower.charAt(i))) continue;
    let j = i + 1;
    const second = lower.charAt(j);
    if (second !== '' && second !== '/' && n.dashes.includes(second)) j++;
    let k = j;
    while (k < lower.length && isLetter(lower.charCodeAt(k))) k++;
    if (k === j) continue;
    const word = lower.slice(j, k);
    for (const s of n.encodedSwitches) {
      if (word.length >= s.minimal && s.name.startsWith(word)) return true;
    }
  }
  return false;
}

/** False only when the command line cannot hold an autostart write, removal or Startup run. */
export function mayTouchAutostart(commandLine: string): boolean {
  const n = needles();
  const s = squash(commandLine);
  if (n.startup.some((x) => s.includes(x))) return true;
  const powershell = n.powershellHosts.some((h) => s.includes(h));
  if (powershell) {
    if (s.includes('frombase64string')) return true;
    if (hasEncodedSwitch(commandLine.toLowerCase().replace(DELETABLE_KEEP_BLANKS, ''), n)) {
      return true;
    }
  } else if (!s.includes(REG_TOOL) || !n.registryVerbs.some((v) => s.includes(v))) {
    // Without PowerShell only reg.exe (argv[1] a write or delete verb) and wmic's StdRegProv
    // (a Set...Value / DeleteValue method; `stdregprov` holds `reg`) write registry values.
    return false;
  }
  // Presence of each needle, looked up once per line: 0 unknown, 1 absent, 2 present.
  const seen = new Uint8Array(n.strings.length);
  const has = (i: number): boolean => {
    let v = seen[i] ?? 0;
    if (v === 0) {
      v = s.includes(n.strings[i] ?? '') ? 2 : 1;
      seen[i] = v;
    }
    return v === 2;
  };
  for (const r of n.registry) {
    if (r.all.every(has) && (r.anyOf === undefined || r.anyOf.some(has))) return true;
  }
  return false;
}
