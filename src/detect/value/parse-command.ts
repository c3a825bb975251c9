/**
 * parseCommand: what an autostart value (or any command line) runs.
 *
 * The value is read as CreateProcess / ShellExecute would read it: the program (quoted, or the
 * first space-separated prefix that ends in an executable extension, so an unquoted
 * `C:\Program Files\Foo\foo.exe -arg` is one program), then its arguments (CommandLineToArgvW).
 * Interpreters and proxies are followed into what they run: `cmd /c` chains and `start`,
 * PowerShell -Command / -File / -EncodedCommand (decoded) and FromBase64String literals,
 * Windows Script Host scripts, `rundll32 dll,entry`, `mshta url|javascript:|file`,
 * `regsvr32 /i:url scrobj.dll`, python/node/java scripts. Nested commands are parsed recursively
 * up to MAX_DEPTH levels and MAX_STEPS commands in total, so hostile values stay bounded.
 */
import { programSpan, splitArgSpans } from './argv.js';
import { baseName, canonicalPath, extensionOf, hasDirectory } from './canonical-path.js';
import { parseCmdArguments, splitCmdChain, startTarget } from './cmd-line.js';
import { inSystemDirectory } from './path-class.js';
import {
  decodeEncodedCommand,
  decodeInlineBase64,
  type DecodedPayload,
} from './powershell-decode.js';
import { parsePowerShellArgs, type PowerShellInvocation } from './powershell-args.js';
import { findRegistryReads, type RegistryRead } from './registry-reads.js';
import { findNestedCommands, findPayloadPaths, findUrls } from './script-scan.js';
import { valueData } from './value-data.js';

export const MAX_DEPTH = 4;
export const MAX_STEPS = 32;
/** Arguments kept per command (argv); the raw argument text is always kept whole. */
export const MAX_ARGS = 1024;
/** Longest value parsed; a longer one is cut (a Run value is at most a few KB in practice). */
export const MAX_VALUE_CHARS = 64 * 1024;
/** Longest program path considered when resolving an unquoted path with blanks (UNICODE_STRING limit). */
const MAX_PATH_CHARS = 32767;

export interface CommandStep {
  /** The command line of this step, as written. */
  text: string;
  /** The program as written (without quotes). */
  executable: string;
  /** Lower-case file name of the program; `.exe` is added when it has no extension. */
  executableName: string;
  /** The text after the program, as written. */
  arguments: string;
  /** CommandLineToArgvW of the step: argv[0] is the program. */
  argv: string[];
  /** How this step was reached: 'value', 'cmd /c', 'start', 'call', 'script', 'decoded'. */
  via: string;
  /** Nesting level (0 for the value itself). */
  depth: number;
}

export interface InlineScript {
  language: 'powershell' | 'cmd' | 'javascript' | 'vbscript' | 'about' | 'code';
  text: string;
  /** The program that runs it. */
  host: string;
}

export interface Rundll32Call {
  dll: string;
  entry?: string;
  args: string;
}

export interface MshtaCall {
  kind: 'url' | 'inline' | 'file';
  target: string;
}

export interface Regsvr32Call {
  dll?: string;
  /** The /i: argument (DllInstall command line), e.g. a scriptlet URL. */
  install?: string;
  flags: string[];
}

export interface ParsedCommand {
  /** The value as given. */
  raw: string;
  /** The program the value starts, as written (without quotes). */
  executable: string;
  /** Its lower-case file name (`.exe` added when it has no extension). */
  executableName: string;
  /** The program in canonical form (environment expanded, lower-case; see canonical-path.ts). */
  executableCanonical: string;
  /** The text after the program, as written. */
  arguments: string;
  /** CommandLineToArgvW of the value. */
  argv: string[];
  /** Every command found, the value first, then nested ones. */
  steps: CommandStep[];
  /** Payload paths a chain should look for (programs, DLLs, scripts), as written. */
  targetFiles: string[];
  /** Interpreter names (lower-case, data/interpreters.yaml) in the order they run. */
  interpreters: string[];
  /** LOLBin names (lower-case, data/lolbins.yaml) in the order they run. */
  lolbins: string[];
  /** The first LOLBin, when there is one. */
  lolbin?: string;
  /** URLs and WebDAV paths anywhere in the value or its decoded payloads. */
  urls: string[];
  /** Script files run by an interpreter (or run directly through their file association). */
  scriptFiles: string[];
  inlineScripts: InlineScript[];
  powershell: PowerShellInvocation[];
  rundll32: Rundll32Call[];
  mshta: MshtaCall[];
  regsvr32: Regsvr32Call[];
  /** Decoded payloads (-EncodedCommand, FromBase64String), outermost first. */
  decoded: DecodedPayload[];
  /** Registry values the command reads (a loader whose payload is another value). */
  registryReads: RegistryRead[];
  /** True when the value was cut to MAX_VALUE_CHARS or the step budget ran out. */
  truncated: boolean;
}

/** Program + arguments of one command line. */
export function splitProgram(text: string): { executable: string; arguments: string } {
  const t = text.replace(/^[ \t\r\n]+/, '');
  if (t.startsWith('"')) {
    const prog = programSpan(t);
    if (!prog) return { executable: '', arguments: '' };
    return { executable: prog.value, arguments: t.slice(prog.end).replace(/^[ \t]+/, '') };
  }
  // Unquoted: the first blank-separated prefix that ends in a runnable extension and names a
  // folder (`C:\Program Files\Foo\foo.exe -arg`), as CreateProcess tries prefixes in order.
  const runnable = valueData().runnableExtensions;
  const firstBlank = t.search(/[ \t]/);
  if (firstBlank > 0 && /^(([a-z]:)?[\\/]|\\\\|%[\w()]+%[\\/])/i.test(t)) {
    // Only the last few characters before a blank can hold an extension, and no path is longer
    // than the Win32 limit: both bounds keep hostile values linear.
    const re = /[ \t]+/g;
    for (let m = re.exec(t); m && m.index <= MAX_PATH_CHARS; m = re.exec(t)) {
      const tail = t.slice(Math.max(0, m.index - 8), m.index);
      const ext = /\.[^.\\/]*$/.exec(tail)?.[0].toLowerCase();
      if (ext !== undefined && runnable.has(ext)) {
        return {
          executable: t.slice(0, m.index),
          arguments: t.slice(m.index).replace(/^[ \t]+/, ''),
        };
      }
    }
    if (runnable.has(extensionOf(t.trimEnd()))) return { executable: t.trimEnd(), arguments: '' };
  }
  if (firstBlank < 0) return { executable: t.trimEnd(), arguments: '' };
  return {
    executable: t.slice(0, firstBlank),
    arguments: t.slice(firstBlank).replace(/^[ \t]+/, ''),
  };
}

/** Lower-case name with `.exe` added when the name has no extension (PATHEXT search). */
export function programName(executable: string): string {
  const name = baseName(executable);
  if (name === '') return '';
  return extensionOf(name) === '' ? `${name}.exe` : name;
}

class Collector {
  readonly steps: CommandStep[] = [];
  readonly targetFiles: string[] = [];
  readonly interpreters: string[] = [];
  readonly lolbins: string[] = [];
  readonly urls: string[] = [];
  readonly scriptFiles: string[] = [];
  readonly inlineScripts: InlineScript[] = [];
  readonly powershell: PowerShellInvocation[] = [];
  readonly rundll32: Rundll32Call[] = [];
  readonly mshta: MshtaCall[] = [];
  readonly regsvr32: Regsvr32Call[] = [];
  readonly decoded: DecodedPayload[] = [];
  readonly registryReads: RegistryRead[] = [];
  truncated = false;

  addUnique<T>(list: T[], v: T): void {
    if (!list.includes(v)) list.push(v);
  }
  addTarget(path: string): void {
    const p = path.trim().replace(/^"|"$/g, '');
    if (p && !this.targetFiles.some((t) => t.toLowerCase() === p.toLowerCase())) {
      this.targetFiles.push(p);
    }
  }
  addScript(path: string): void {
    this.addTarget(path);
    const p = path.trim().replace(/^"|"$/g, '');
    if (p && !this.scriptFiles.includes(p)) this.scriptFiles.push(p);
  }
  scanText(text: string): void {
    for (const u of findUrls(text)) this.addUnique(this.urls, u);
    for (const r of findRegistryReads(text)) {
      const same = (x: RegistryRead): boolean => x.key === r.key && x.valueName === r.valueName;
      if (!this.registryReads.some(same)) this.registryReads.push(r);
    }
  }
}

/** Parses one command line into steps, following interpreters and proxies. */
function parseStep(c: Collector, text: string, via: string, depth: number): void {
  if (depth > MAX_DEPTH || c.steps.length >= MAX_STEPS) {
    c.truncated = true;
    return;
  }
  const { executable, arguments: args } = splitProgram(text);
  if (executable === '') return;
  const name = programName(executable);
  const argSpans = splitArgSpans(args, 0, MAX_ARGS);
  const argv = [executable, ...argSpans.map((a) => a.value)];
  c.steps.push({
    text: text.trim(),
    executable,
    executableName: name,
    arguments: args,
    argv,
    via,
    depth,
  });

  const d = valueData();
  const interp = d.interpreters.get(name);
  const lolbin = d.lolbins.get(name);
  const ft = d.fileTypes;
  const ext = extensionOf(executable);

  // The program itself is a payload unless it is a system interpreter/LOLBin in its own folder.
  const systemTool =
    (interp || lolbin) && (!hasDirectory(executable) || inSystemDirectory(executable));
  if (!systemTool && hasDirectory(executable)) c.addTarget(executable);
  if (!systemTool && ft.script.includes(ext)) c.addScript(executable);
  if (lolbin && (!lolbin.onlyWithArguments || args.trim() !== '')) c.addUnique(c.lolbins, name);

  if (interp) {
    c.addUnique(c.interpreters, name);
    switch (interp.family) {
      case 'cmd':
        return parseCmd(c, args, depth);
      case 'powershell':
        return parsePowerShell(c, argv.slice(1), name, depth, (k) =>
          argSpans[k] ? args.slice(argSpans[k].start) : undefined,
        );
      case 'wsh': {
        const script = argv.slice(1).find((a) => !a.startsWith('//') && a.trim() !== '');
        if (script) c.addScript(script);
        return;
      }
      case 'generic':
        return parseGeneric(c, interp, argv.slice(1));
    }
  }
  if (name === 'rundll32.exe') return parseRundll32(c, args, depth);
  if (name === 'mshta.exe') return parseMshta(c, args, argv.slice(1), depth);
  if (name === 'regsvr32.exe') return parseRegsvr32(c, argv.slice(1));
  if (lolbin) {
    // Proxies that start another command (conhost --headless, forfiles /c, pcalua -a, explorer):
    // follow the interpreters and LOLBins named in their arguments.
    for (const nested of findNestedCommands(args)) parseStep(c, nested, name, depth + 1);
    // Other proxies: any argument that names a program, library or script is a payload.
    for (const a of argv.slice(1)) {
      const e = extensionOf(a);
      if (
        hasDirectory(a) &&
        (ft.executable.includes(e) || ft.library.includes(e) || ft.script.includes(e))
      ) {
        if (ft.script.includes(e)) c.addScript(a);
        else c.addTarget(a);
      }
    }
  }
}

function parseCmd(c: Collector, args: string, depth: number): void {
  const inv = parseCmdArguments(args);
  if (inv.command === undefined) return;
  c.inlineScripts.push({ language: 'cmd', text: inv.command, host: 'cmd.exe' });
  for (const part of splitCmdChain(inv.command)) parseCmdPart(c, part, 'cmd /c', depth + 1);
}

/** A part of a cmd chain: a builtin (`start`, `call`, `copy`, ...) or a program. */
function parseCmdPart(c: Collector, part: string, via: string, depth: number): void {
  const m = /^@?(start|call)(?=[\s"]|$)/i.exec(part);
  if (m) {
    const rest = part.slice(m[0].length);
    const target = m[1]?.toLowerCase() === 'start' ? startTarget(rest) : rest.trim();
    if (target) parseStep(c, target, m[1]?.toLowerCase() ?? via, depth);
    return;
  }
  for (const p of findPayloadPaths(part)) c.addTarget(p);
  const word = /^@?([a-z]+)(?=[\s./\\:]|$)/i.exec(part)?.[1]?.toLowerCase();
  if (word !== undefined && valueData().cmdBuiltins.has(word)) {
    // A builtin runs no program; keep it as a step so callers see the whole chain.
    if (c.steps.length < MAX_STEPS) {
      const args = part.replace(/^@?[a-z]+/i, '').replace(/^[ \t]+/, '');
      c.steps.push({
        text: part,
        executable: word,
        executableName: word,
        arguments: args,
        argv: [word, ...splitArgSpans(args).map((a) => a.value)],
        via,
        depth,
      });
    }
    c.scanText(part);
    return;
  }
  parseStep(c, part.replace(/^@/, ''), via, depth);
}

function parsePowerShell(
  c: Collector,
  args: string[],
  name: string,
  depth: number,
  rawFrom: (argIndex: number) => string | undefined,
): void {
  const inv = parsePowerShellArgs(args, name);
  if (inv.commandIndex !== undefined) {
    const raw = rawFrom(inv.commandIndex);
    if (raw !== undefined) inv.commandRaw = raw;
  }
  c.powershell.push(inv);
  if (inv.file) c.addScript(inv.file);
  if (inv.command !== undefined) analyzeScriptText(c, inv.command, name, depth);
  if (inv.encoded !== undefined) {
    const dec = decodeEncodedCommand(inv.encoded);
    if (dec) {
      c.decoded.push(dec);
      analyzeScriptText(c, dec.text, name, depth);
    }
  }
}

/** PowerShell (or other) script text: URLs, payload paths, inline base64, nested commands. */
function analyzeScriptText(c: Collector, text: string, host: string, depth: number): void {
  if (depth >= MAX_DEPTH) {
    c.truncated = true;
    return;
  }
  c.inlineScripts.push({ language: 'powershell', text, host });
  c.scanText(text);
  for (const p of findPayloadPaths(text)) {
    if (valueData().fileTypes.script.includes(extensionOf(p))) c.addScript(p);
    else c.addTarget(p);
  }
  for (const dec of decodeInlineBase64(text)) {
    c.decoded.push(dec);
    analyzeScriptText(c, dec.text, host, depth + 1);
  }
  for (const nested of findNestedCommands(text)) parseStep(c, nested, 'script', depth + 1);
}

function parseGeneric(
  c: Collector,
  interp: { name: string; codeOptions?: string[]; fileOptions?: string[]; valueOptions?: string[] },
  args: string[],
): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const next = args[i + 1];
    if (interp.codeOptions?.includes(a)) {
      if (next !== undefined) {
        c.inlineScripts.push({ language: 'code', text: next, host: interp.name });
        c.scanText(next);
      }
      return;
    }
    if (interp.fileOptions?.includes(a)) {
      if (next !== undefined) c.addScript(next);
      return;
    }
    if (interp.valueOptions?.includes(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    c.addScript(a);
    return;
  }
}

/**
 * `rundll32 <dll>,<entry> [args]`. rundll32 reads the DLL name up to a comma (a quoted name may
 * hold spaces and commas), then the entry point up to a blank; `javascript:` in place of a DLL
 * is the mshtml trick (`rundll32 javascript:"\..\mshtml,RunHTMLApplication ";...`).
 */
function parseRundll32(c: Collector, args: string, depth: number): void {
  const t = args.trim();
  if (t === '') return;
  if (/^javascript:/i.test(t) || /^vbscript:/i.test(t)) {
    const language = t.toLowerCase().startsWith('javascript:') ? 'javascript' : 'vbscript';
    c.inlineScripts.push({ language, text: t, host: 'rundll32.exe' });
    followInlineScript(c, t, depth);
    const dll = /\\\.\.\\(\w+)[,"]/.exec(t)?.[1];
    const entry = /,\s*(\w+)/.exec(t)?.[1];
    c.rundll32.push({
      dll: dll ? `${dll}.dll` : 'javascript:',
      ...(entry ? { entry } : {}),
      args: t,
    });
    return;
  }
  let dll: string;
  let rest: string;
  if (t.startsWith('"')) {
    const close = t.indexOf('"', 1);
    dll = t.slice(1, close < 0 ? undefined : close);
    rest = close < 0 ? '' : t.slice(close + 1);
  } else {
    const m = /^[^,\s]+/.exec(t);
    dll = m ? m[0] : t;
    rest = t.slice(dll.length);
  }
  rest = rest.replace(/^\s*,?\s*/, '');
  const entryMatch = /^[^\s,]+/.exec(rest);
  const entry = entryMatch?.[0];
  const callArgs = entry ? rest.slice(entry.length).trim() : rest.trim();
  c.rundll32.push({ dll, ...(entry ? { entry } : {}), args: callArgs });
  if (hasDirectory(dll) || !inSystemLibraryName(dll)) c.addTarget(dll);
  const dllName = baseName(dll);
  const lib = valueData().lolbins.get(dllName);
  // Windows' own RunOnce pairs (advpack.dll,DelNodeRunDLL32) are not LOLBin use.
  const benign = valueData().rundll32.benignPairs.has(`${dllName},${entry ?? ''}`.toLowerCase());
  if (lib && !benign && (!lib.onlyWithArguments || callArgs !== ''))
    c.addUnique(c.lolbins, dllName);
  if (benign && (!hasDirectory(dll) || inSystemDirectory(dll))) {
    // rundll32 doing Windows' own job (SigmaHQ filters this Windows Update RunOnce entry).
    const i = c.lolbins.indexOf('rundll32.exe');
    if (i >= 0) c.lolbins.splice(i, 1);
  }
  c.scanText(callArgs);
  // Proxies that start another program (url.dll,FileProtocolHandler calc.exe; zipfldr RouteTheCall).
  if (
    callArgs &&
    /^(shellexec_rundll|fileprotocolhandler|openurl|routethecall)/i.test(entry ?? '')
  ) {
    parseStep(c, callArgs, 'rundll32', depth + 1);
  }
}

/** A bare library name that Windows resolves from System32 (no folder given). */
function inSystemLibraryName(dll: string): boolean {
  return !hasDirectory(dll) && valueData().lolbins.has(baseName(dll));
}

/**
 * Inline VBScript / JScript (mshta, rundll32 javascript:): URLs, payload paths and the commands
 * it starts (`CreateObject("WScript.Shell").Run "powershell ..."`). VBScript doubles quotes
 * inside strings; they are undoubled before the nested commands are read.
 */
function followInlineScript(c: Collector, text: string, depth: number): void {
  c.scanText(text);
  for (const p of findPayloadPaths(text)) c.addTarget(p);
  for (const nested of findNestedCommands(text.replace(/""/g, '"'))) {
    parseStep(c, nested, 'script', depth + 1);
  }
}

function parseMshta(c: Collector, rawArgs: string, args: string[], depth: number): void {
  const d = valueData();
  const t = rawArgs.trim();
  const lower = t.replace(/^"/, '').toLowerCase();
  const inline = d.mshta.inlineSchemes.find((s) => lower.startsWith(s));
  if (inline) {
    const language = inline.slice(0, -1) as 'javascript' | 'vbscript' | 'about';
    c.inlineScripts.push({ language, text: t, host: 'mshta.exe' });
    c.mshta.push({ kind: 'inline', target: t });
    followInlineScript(c, t, depth);
    return;
  }
  const first = args.find((a) => a.trim() !== '' && !a.startsWith('/')) ?? '';
  if (first === '') return;
  if (d.mshta.urlSchemes.some((s) => first.toLowerCase().startsWith(s))) {
    c.mshta.push({ kind: 'url', target: first });
    c.addUnique(c.urls, first);
    return;
  }
  c.mshta.push({ kind: 'file', target: first });
  c.addScript(first);
}

function parseRegsvr32(c: Collector, args: string[]): void {
  const flags: string[] = [];
  let install: string | undefined;
  let dll: string | undefined;
  for (const a of args) {
    const m = /^[-/]([a-z]+)(?::(.*))?$/is.exec(a);
    if (m) {
      const flag = (m[1] ?? '').toLowerCase();
      flags.push(flag);
      if (flag === 'i' && m[2] !== undefined) install = m[2].replace(/^"|"$/g, '');
      continue;
    }
    if (dll === undefined && a.trim() !== '') dll = a;
  }
  c.regsvr32.push({ ...(dll ? { dll } : {}), ...(install ? { install } : {}), flags });
  if (
    dll &&
    (hasDirectory(dll) || !valueData().regsvr32.scriptletLibraries.includes(baseName(dll)))
  ) {
    c.addTarget(dll);
  }
  if (install) {
    c.scanText(install);
    if (!/^[a-z]+:\/\//i.test(install) && hasDirectory(install)) c.addScript(install);
  }
}

/** What `value` runs. Never throws; bounded in time and memory for any input. */
export function parseCommand(value: string): ParsedCommand {
  const c = new Collector();
  let raw = value;
  if (raw.length > MAX_VALUE_CHARS) {
    raw = raw.slice(0, MAX_VALUE_CHARS);
    c.truncated = true;
  }
  // Registry data may carry a trailing NUL or line break; they are not part of the command.
  const text = raw.replace(/[\0\r\n]+$/g, '');
  if (!valueData().nonString.some((p) => p.re.test(text.trim()))) {
    c.scanText(text);
    parseStep(c, text, 'value', 0);
  }
  const top = c.steps[0];
  const executable = top?.executable ?? '';
  return {
    raw: value,
    executable,
    executableName: top?.executableName ?? '',
    executableCanonical: executable === '' ? '' : canonicalPath(executable),
    arguments: top?.arguments ?? '',
    argv: top?.argv ?? [],
    steps: c.steps,
    targetFiles: c.targetFiles,
    interpreters: c.interpreters,
    lolbins: c.lolbins,
    ...(c.lolbins[0] !== undefined ? { lolbin: c.lolbins[0] } : {}),
    urls: c.urls,
    scriptFiles: c.scriptFiles,
    inlineScripts: c.inlineScripts,
    powershell: c.powershell,
    rundll32: c.rundll32,
    mshta: c.mshta,
    regsvr32: c.regsvr32,
    decoded: c.decoded,
    registryReads: c.registryReads,
    truncated: c.truncated,
  };
}
