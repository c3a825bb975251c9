/**
 * detectAutostartCommand: process command lines (Sysmon EID 1, Security 4688) that write an
 * autostart entry, seen even where the registry or file event itself was not logged:
 *   reg add <key> /v <name> /d <data>                         (any hive spelling, switches in any order)
 *   Set-ItemProperty / New-ItemProperty / sp on HKCU:\ HKLM:\ Registry::... paths
 *   [Microsoft.Win32.Registry]::SetValue(...), <hive>.CreateSubKey(...).SetValue(...)
 *   wmic ... StdRegProv call SetStringValue ..., Invoke-WmiMethod / Invoke-CimMethod StdRegProv
 *   copy / move / Copy-Item / download / redirect / CreateShortcut into a Startup folder
 * Removals (`reg delete`, Remove-ItemProperty, `del` in a Startup folder) are reported as such
 * (cleanup evidence), and an interpreter running a script that sits in a Startup folder as
 * `startup-exec`. Reads (`reg query`, Get-ItemProperty, `dir`) return nothing.
 *
 * Whether a registry path is an autostart location is the ASEP catalog's call
 * (data/asep-locations.yaml); Startup folders likewise. Verbs and parameters are in
 * data/autostart-commands.yaml.
 */
import { matchAsep, matchStartupFolder } from '../catalog/asep.js';
import { canonicalRegistryPath } from '../../normalize/registry-path.js';
import { baseName } from '../value/canonical-path.js';
import { parseCommand, type ParsedCommand } from '../value/parse-command.js';
import { valueData } from '../value/value-data.js';
import { BoundedMemo } from './bounded-memo.js';
import { commandData } from './command-data.js';
import { mayTouchAutostart } from './may-touch-autostart.js';
import { literalAssignments, resolveVariable, splitStatements, tokenize } from './ps-statements.js';

export type AutostartAction =
  | 'reg-add'
  | 'reg-delete'
  | 'ps-set'
  | 'ps-remove'
  | 'dotnet-set'
  | 'wmi'
  | 'wmi-delete'
  | 'copy-startup'
  | 'write-startup'
  | 'startup-shortcut'
  | 'startup-delete'
  | 'startup-exec';

export interface AutostartCommand {
  action: AutostartAction;
  /** The program or cmdlet that does it (`reg.exe`, `set-itemproperty`, `wmic.exe`, `copy`). */
  tool: string;
  /** Registry key as written (hive spelling kept). */
  key?: string;
  /** Value name as written; '' for the (Default) value. */
  valueName?: string;
  /** Value data as written. */
  data?: string;
  /** Value type as written (`REG_SZ`, `String`). */
  valueType?: string;
  /** File in a Startup folder that is written, removed or run. */
  targetFile?: string;
  /** ASEP catalog location id (`run`, `run-once-ex-depend`, `startup-folder-user`, ...). */
  locationId: string;
  /** The part of the command line it was read from. */
  statement: string;
}

const WRITES: ReadonlySet<AutostartAction> = new Set([
  'reg-add',
  'ps-set',
  'dotnet-set',
  'wmi',
  'copy-startup',
  'write-startup',
  'startup-shortcut',
]);

/** True for actions that create or change an autostart entry. */
export function isAutostartWrite(action: AutostartAction): boolean {
  return WRITES.has(action);
}

/** `HKLM:SOFTWARE\...` (no separator after the drive) reads as `HKLM:\SOFTWARE\...`. */
function normaliseKey(key: string): string {
  return key.trim().replace(/^(HK[A-Z_]+):(?!\\)/i, '$1:\\');
}

/** The ASEP location of `key` + `valueName` when it is a persistence location. */
function asepLocation(key: string, valueName: string): string | undefined {
  const k = normaliseKey(key).replace(/\\+$/, '');
  if (k === '') return undefined;
  const full = `${k}\\${valueName === '' ? '(Default)' : valueName}`;
  const m = matchAsep(canonicalRegistryPath(full));
  return m && m.kind === 'persistence' ? m.locationId : undefined;
}

/** `$env:X` / `${env:X}` -> `%X%`, so the catalog's Startup-folder matcher reads it. */
function percentEnv(path: string): string {
  return path.replace(
    /\$\{env:([\w()]+)\}|\$env:(\w+)/gi,
    (_m, a?: string, b?: string) => `%${a ?? b ?? ''}%`,
  );
}

/** The Startup-folder location of `path` (a file, or a folder receiving `sourceName`). */
function startupLocation(
  path: string,
  sourceName?: string,
): { locationId: string; file: string } | undefined {
  const p = percentEnv(path.trim().replace(/^"|"$/g, ''));
  const m = matchStartupFolder(p);
  if (m && m.kind === 'persistence') return { locationId: m.locationId, file: path };
  if (sourceName) {
    const asFolder = `${p.replace(/\\+$/, '')}\\${sourceName}`;
    const f = matchStartupFolder(asFolder);
    if (f && f.kind === 'persistence') return { locationId: f.locationId, file: asFolder };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------- reg.exe

function fromReg(argv: readonly string[], statement: string): AutostartCommand | undefined {
  const d = commandData().reg;
  const verb = (argv[1] ?? '').toLowerCase();
  const write = d.write.includes(verb);
  if (!write && !d.delete.includes(verb)) return undefined;
  const key = (argv[2] ?? '').trim();
  const sw = new Map<string, string>();
  let defaultValue = false;
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const m = /^[/-]([a-z:0-9]+)$/i.exec(a.trim());
    if (!m) continue;
    const name = (m[1] ?? '').toLowerCase();
    if (name === d.defaultValueSwitch) defaultValue = true;
    else if (d.valueSwitches.includes(name) && i + 1 < argv.length) {
      sw.set(name, argv[i + 1] ?? '');
      i++;
    }
  }
  const valueName = defaultValue ? '' : sw.get('v');
  if (valueName === undefined) return undefined; // a key only: not an entry
  const locationId = asepLocation(key, valueName);
  if (!locationId) return undefined;
  const data = sw.get('d');
  const type = sw.get('t');
  return {
    action: write ? 'reg-add' : 'reg-delete',
    tool: 'reg.exe',
    key,
    valueName,
    ...(data !== undefined ? { data } : {}),
    ...(type !== undefined ? { valueType: type } : {}),
    locationId,
    statement,
  };
}

// ------------------------------------------------------------------------------- PowerShell

/** Named and positional parameters of a cmdlet call. */
function cmdletParameters(
  tokens: readonly string[],
  vars: ReadonlyMap<string, string>,
): { named: Map<string, string>; positional: string[] } {
  const ps = commandData().powershell;
  const all = [
    ...ps.pathParameters,
    ...ps.nameParameters,
    ...ps.valueParameters,
    ...ps.typeParameters,
  ];
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const m = /^-([a-z]+)(?::(.*))?$/i.exec(t);
    if (m) {
      const key = (m[1] ?? '').toLowerCase();
      const param =
        ps.aliases[key] ?? (key.length >= 2 ? all.find((p) => p.startsWith(key)) : undefined);
      if (param === undefined) continue; // -Force, -ErrorAction ...: ignored
      const inline = m[2];
      const value = inline !== undefined && inline !== '' ? inline : tokens[++i];
      if (value !== undefined) named.set(param, resolveVariable(value, vars));
      continue;
    }
    positional.push(resolveVariable(t, vars));
  }
  return { named, positional };
}

function pick(named: Map<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = named.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

function isRegistryPath(p: string): boolean {
  return /^(HK[A-Z_]+:|Registry::|Microsoft\.PowerShell\.Core\\Registry::|HKEY_)/i.test(p.trim());
}

function fromPowerShellStatement(
  statement: string,
  vars: ReadonlyMap<string, string>,
): AutostartCommand | undefined {
  const d = commandData().powershell;
  const tokens = tokenize(statement);
  const verb = (tokens[0] ?? '').toLowerCase();
  const isSet = d.setProperty.includes(verb);
  const isItem = d.setItem.includes(verb);
  const isRemove = d.removeProperty.includes(verb);
  if (!isSet && !isItem && !isRemove) return undefined;
  const { named, positional } = cmdletParameters(tokens, vars);
  const path = pick(named, d.pathParameters) ?? positional[0];
  if (path === undefined || !isRegistryPath(path)) return undefined;
  if (isItem) {
    // Set-Item / New-Item on a key set its (Default) value.
    const data = pick(named, d.valueParameters) ?? positional[1];
    if (data === undefined) return undefined;
    const locationId = asepLocation(path, '');
    if (!locationId) return undefined;
    return { action: 'ps-set', tool: verb, key: path, valueName: '', data, locationId, statement };
  }
  const name = pick(named, d.nameParameters) ?? positional[1];
  if (name === undefined) return undefined;
  const locationId = asepLocation(path, name);
  if (!locationId) return undefined;
  const data = pick(named, d.valueParameters) ?? positional[2];
  const type = pick(named, d.typeParameters);
  return {
    action: isRemove ? 'ps-remove' : 'ps-set',
    tool: verb,
    key: path,
    valueName: name,
    ...(data !== undefined && !isRemove ? { data } : {}),
    ...(type !== undefined ? { valueType: type } : {}),
    locationId,
    statement,
  };
}

// [Microsoft.Win32.Registry]::SetValue('HKEY_...\Run', 'name', 'data')
const DOTNET_SETVALUE =
  /\[(?:Microsoft\.Win32\.)?Registry\]::SetValue\(\s*(['"])(.*?)\1\s*,\s*(['"])(.*?)\3\s*,\s*(['"]?)(.*?)\5\s*[,)]/i;
// [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey('Software\...\Run', $true).SetValue('n', 'd')
const DOTNET_SUBKEY =
  /\[(?:Microsoft\.Win32\.)?Registry\]::(\w+)\.(?:OpenSubKey|CreateSubKey)\(\s*(['"])(.*?)\2[^)]*\)\s*\.SetValue\(\s*(['"])(.*?)\4\s*,\s*(['"]?)(.*?)\6\s*[,)]/i;

function fromDotNet(text: string): AutostartCommand | undefined {
  const m = DOTNET_SETVALUE.exec(text);
  if (m) {
    const key = m[2] ?? '';
    const valueName = m[4] ?? '';
    const locationId = asepLocation(key, valueName);
    if (locationId) {
      return {
        action: 'dotnet-set',
        tool: '[Microsoft.Win32.Registry]::SetValue',
        key,
        valueName,
        data: m[6] ?? '',
        locationId,
        statement: m[0],
      };
    }
  }
  const s = DOTNET_SUBKEY.exec(text);
  if (s) {
    const hive = commandData().dotnet.hives[(s[1] ?? '').toLowerCase()];
    if (hive) {
      const key = `${hive}\\${s[3] ?? ''}`;
      const valueName = s[5] ?? '';
      const locationId = asepLocation(key, valueName);
      if (locationId) {
        return {
          action: 'dotnet-set',
          tool: `[Microsoft.Win32.Registry]::${s[1] ?? ''}.SetValue`,
          key,
          valueName,
          data: s[7] ?? '',
          locationId,
          statement: s[0],
        };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------- WMI

// StdRegProv hive numbers (winreg.h HKEY_* constants, as WMI takes them).
const WMI_HIVES: Readonly<Record<string, string>> = {
  '2147483649': 'HKEY_CURRENT_USER',
  '2147483650': 'HKEY_LOCAL_MACHINE',
  '2147483651': 'HKEY_USERS',
};

function wmiHive(raw: string | undefined): string | undefined {
  if (raw === undefined) return 'HKEY_LOCAL_MACHINE'; // StdRegProv's default hDefKey
  // Quotes and a PowerShell cast (`[uint32]2147483650`) around the number are not part of it.
  const t = raw
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^\[[\w.]+\]/, '');
  const n = /^(&H|0x)([0-9a-f]+)$/i.exec(t);
  const dec = n ? String(parseInt(n[2] ?? '', 16)) : t;
  return WMI_HIVES[dec];
}

function wmiArg(text: string, name: string): string | undefined {
  const re = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s;,}]+))`, 'i');
  const m = re.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function fromWmi(text: string): AutostartCommand | undefined {
  if (!/\bStdRegProv\b/i.test(text)) return undefined;
  const d = commandData().wmi;
  const method = /\b(Set\w+Value|DeleteValue)\b/i.exec(text)?.[1]?.toLowerCase();
  if (!method) return undefined;
  const isSet = d.set.includes(method);
  if (!isSet && !d.delete.includes(method)) return undefined;
  const hive = wmiHive(wmiArg(text, 'hDefKey'));
  const subKey = wmiArg(text, 'sSubKeyName');
  const valueName = wmiArg(text, 'sValueName');
  if (hive && subKey !== undefined && valueName !== undefined) {
    const key = `${hive}\\${subKey}`;
    const locationId = asepLocation(key, valueName);
    if (locationId) {
      const data = wmiArg(text, 'sValue') ?? wmiArg(text, 'uValue');
      return {
        action: isSet ? 'wmi' : 'wmi-delete',
        tool: 'StdRegProv',
        key,
        valueName,
        ...(data !== undefined && isSet ? { data } : {}),
        locationId,
        statement: text.trim(),
      };
    }
  }
  // Invoke-WmiMethod -ArgumentList <hive>, '<subkey>', '<data>', '<name>' (alphabetical order).
  const list = /-ArgumentList\s+(.+)$/i.exec(text)?.[1];
  if (list && isSet) {
    const items = tokenize(list).slice(0, 4);
    const [h, sub, data, name] = items;
    const hv = wmiHive(h);
    if (hv && sub !== undefined && name !== undefined) {
      const key = `${hv}\\${sub}`;
      const locationId = asepLocation(key, name);
      if (locationId) {
        return {
          action: 'wmi',
          tool: 'StdRegProv',
          key,
          valueName: name,
          ...(data !== undefined ? { data } : {}),
          locationId,
          statement: text.trim(),
        };
      }
    }
  }
  return undefined;
}

// ----------------------------------------------------------------------------- Startup folder

/** A command (cmd part, program or PowerShell statement) touching a Startup folder. */
function fromStartupStatement(statement: string): AutostartCommand | undefined {
  if (!/start menu\\programs\\startup/i.test(statement.replace(/\//g, '\\'))) return undefined;
  const d = commandData().startup;
  const tokens = tokenize(statement.replace(/>>?/g, ' > '));
  const verb = baseName(tokens[0] ?? '').replace(/\.exe$/, '');
  const paths = tokens
    .slice(1)
    .filter((t) => /start menu\\programs\\startup/i.test(t.replace(/\//g, '\\')));
  const redirect = tokens.indexOf('>');
  const firstPath = paths[0];
  if (firstPath === undefined) return undefined;

  const sc = d.shortcut.exec(statement);
  if (sc) {
    // The shortcut's path is the first quoted string after CreateShortcut(.
    const arg = /(['"])(.*?)\1/.exec(statement.slice(sc.index + sc[0].length))?.[2];
    const loc = startupLocation(arg ?? firstPath);
    if (loc) {
      return {
        action: 'startup-shortcut',
        tool: 'WScript.Shell CreateShortcut',
        targetFile: loc.file,
        locationId: loc.locationId,
        statement,
      };
    }
  }
  if (redirect >= 0) {
    const dest = tokens[redirect + 1];
    const loc = dest !== undefined ? startupLocation(dest) : undefined;
    if (loc)
      return {
        action: 'write-startup',
        tool: verb || '>',
        targetFile: loc.file,
        locationId: loc.locationId,
        statement,
      };
  }
  const sources = tokens
    .slice(1)
    .filter((t) => !t.startsWith('-') && !t.startsWith('/') && t !== '>');
  if (d.copy.includes(verb)) {
    // The destination is the last path argument; a folder destination receives the source's name.
    const dest = paths[paths.length - 1] ?? firstPath;
    const src = sources.find((s) => s !== dest);
    const loc = startupLocation(dest, src !== undefined ? baseName(src) : undefined);
    if (loc)
      return {
        action: 'copy-startup',
        tool: verb,
        targetFile: loc.file,
        locationId: loc.locationId,
        statement,
      };
  }
  if (d.write.includes(verb)) {
    const loc = startupLocation(firstPath);
    if (loc)
      return {
        action: 'write-startup',
        tool: verb,
        targetFile: loc.file,
        locationId: loc.locationId,
        statement,
      };
  }
  if (d.delete.includes(verb)) {
    const loc = startupLocation(firstPath);
    if (loc)
      return {
        action: 'startup-delete',
        tool: verb,
        targetFile: loc.file,
        locationId: loc.locationId,
        statement,
      };
  }
  return undefined;
}

/** An interpreter or LOLBin running a script that lies in a Startup folder. */
function startupExec(p: ParsedCommand): AutostartCommand | undefined {
  if (p.interpreters.length === 0 && p.lolbins.length === 0) return undefined;
  for (const f of p.scriptFiles) {
    const loc = startupLocation(f);
    if (loc) {
      const tool = p.lolbins[0] ?? p.interpreters[p.interpreters.length - 1] ?? p.executableName;
      return {
        action: 'startup-exec',
        tool,
        targetFile: f,
        locationId: loc.locationId,
        statement: p.raw,
      };
    }
  }
  return undefined;
}

// -------------------------------------------------------------------------------------- entry

/** Statements of every PowerShell text in the parse (command text and decoded payloads). */
function powershellTexts(p: ParsedCommand): string[] {
  const texts = [
    ...p.inlineScripts.filter((s) => s.language === 'powershell').map((s) => s.text),
    ...p.decoded.map((d) => d.text),
  ];
  // The command as written too: the host's argv join drops quotes around paths with spaces.
  for (const ps of p.powershell) {
    if (ps.commandRaw !== undefined && !texts.includes(ps.commandRaw)) texts.push(ps.commandRaw);
  }
  return texts;
}

/**
 * detectAutostartCommands without the pre-filter and the memo: the full parse of every line.
 * The reference the property tests compare the fast path with.
 */
export function detectAutostartCommandsFull(commandLine: string): AutostartCommand[] {
  const out: AutostartCommand[] = [];
  const p = parseCommand(commandLine);
  const add = (c: AutostartCommand | undefined): void => {
    if (
      c &&
      !out.some(
        (o) =>
          o.action === c.action &&
          o.key === c.key &&
          o.valueName === c.valueName &&
          o.targetFile === c.targetFile,
      )
    ) {
      out.push(c);
    }
  };
  const shells = valueData().interpreters;
  for (const step of p.steps) {
    if (step.executableName === 'reg.exe') add(fromReg(step.argv, step.text));
    if (step.executableName === 'wmic.exe') add(fromWmi(step.text));
    // cmd and PowerShell steps are read through their inner commands and statements.
    const family = shells.get(step.executableName)?.family;
    if (family !== 'cmd' && family !== 'powershell') add(fromStartupStatement(step.text));
  }
  for (const text of powershellTexts(p)) {
    const vars = literalAssignments(text);
    add(fromDotNet(text));
    // Whole text too: a hashtable of WMI arguments (@{...; ...}) spans several "statements".
    add(fromWmi(text));
    for (const stmt of splitStatements(text)) {
      add(fromPowerShellStatement(stmt, vars));
      add(fromWmi(stmt));
      add(fromStartupStatement(stmt));
    }
  }
  if (!out.some((c) => isAutostartWrite(c.action))) add(startupExec(p));
  return out;
}

// Results by exact command line. 4096 lines of at most 1M characters in all: a few MB at worst.
const memo = new BoundedMemo<readonly Readonly<AutostartCommand>[]>(4096, 1 << 20);

/**
 * Every autostart write, removal or run found in a command line, in command order.
 * Lines that cannot name an autostart location are not parsed (mayTouchAutostart), and results
 * are remembered by exact line (process command lines repeat a lot). Callers get fresh objects:
 * the remembered ones are frozen copies nobody else holds.
 */
export function detectAutostartCommands(commandLine: string): AutostartCommand[] {
  const hit = memo.get(commandLine);
  if (hit !== undefined) return hit.map((c) => ({ ...c }));
  const found = mayTouchAutostart(commandLine) ? detectAutostartCommandsFull(commandLine) : [];
  memo.set(commandLine, Object.freeze(found.map((c) => Object.freeze({ ...c }))));
  return found;
}

/** Forgets remembered results (tests; a long-lived library user changing data files). */
export function clearAutostartCommandMemo(): void {
  memo.clear();
}

/**
 * The autostart write a command line performs (the first one), else a removal or a Startup
 * script run; null for everything else, reads included.
 */
export function detectAutostartCommand(commandLine: string): AutostartCommand | null {
  const all = detectAutostartCommands(commandLine);
  return all.find((c) => isAutostartWrite(c.action)) ?? all[0] ?? null;
}
