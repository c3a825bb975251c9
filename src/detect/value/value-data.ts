/**
 * The data files behind value and writer analysis, loaded once, validated by their JSON Schemas
 * (src/util/data-loader.ts) and compiled into lookup tables and regular expressions.
 * Nothing in src/detect/ lists paths, LOLBins, interpreters or writers itself: it is all here.
 */
import { loadDataFile, DataFileError } from '../../util/data-loader.js';

interface NamedPatternFile {
  pattern: string;
  name: string;
}

interface PathClassesFile {
  environment: Record<string, string>;
  shortNames: Record<string, string>;
  systemDirectories: string[];
  programDirectories: string[];
  classes: {
    id: string;
    group: 'remote' | 'location';
    indicator: string;
    description: string;
    patterns: string[];
  }[];
}

interface FileTypesFile {
  executable: string[];
  library: string[];
  script: string[];
  shortcut: string[];
  package: string[];
  decoy: string[];
}

interface LolbinsFile {
  binaries: {
    name: string;
    indicator: string;
    category: string;
    techniques: string[];
    onlyWithArguments?: boolean;
  }[];
  rundll32: {
    suspiciousEntryPoints: { entry: string; why: string; onlyWithUserPath?: boolean }[];
    benignPairs: string[];
  };
  regsvr32: { scriptletLibraries: string[]; scriptletExtensions: string[] };
  mshta: { inlineSchemes: string[]; urlSchemes: string[] };
}

export type InterpreterFamily = 'powershell' | 'cmd' | 'wsh' | 'generic';
export type PowerShellRole =
  'flag' | 'value' | 'command' | 'encoded-command' | 'encoded-arguments' | 'file' | 'window-style';

export interface Interpreter {
  name: string;
  family: InterpreterFamily;
  techniques: string[];
  codeOptions?: string[];
  fileOptions?: string[];
  valueOptions?: string[];
}

interface InterpretersFile {
  interpreters: Interpreter[];
  powershell: {
    dashes: string[];
    switches: { name: string; minimal: string; role: PowerShellRole }[];
    hiddenWindowStyles: string[];
    quietSwitches: string[];
    bypassPolicies: string[];
    positionalIsFile: string[];
  };
  cmdBuiltins: string[];
}

interface CommandPatternsFile {
  download: NamedPatternFile[];
  registryIndirection: NamedPatternFile[];
  url: NamedPatternFile[];
  nonString: NamedPatternFile[];
}

interface SystemBinariesFile {
  lookalikeMinLength: number;
  defaultDirectories: string[];
  binaries: { name: string; directories?: string[] }[];
}

interface WritersFile {
  benign: { image: string; why: string }[];
  categories: { indicator: string; names: string[] }[];
  remoteRegistry: { images: string[]; commandLine: string };
  userFolderClasses: string[];
  programDataMaxDepth: number;
}

export interface NamedPattern {
  re: RegExp;
  name: string;
}

export interface PathClass {
  id: string;
  group: 'remote' | 'location';
  indicator: string;
  description: string;
  patterns: RegExp[];
}

export interface Lolbin {
  name: string;
  indicator: string;
  category: string;
  techniques: string[];
  onlyWithArguments: boolean;
}

export interface ValueData {
  environment: ReadonlyMap<string, string>;
  shortNames: ReadonlyMap<string, string>;
  systemDirectories: RegExp[];
  /** Windows and Program Files folders (installed code). */
  programDirectories: RegExp[];
  pathClasses: PathClass[];
  fileTypes: FileTypesFile;
  /** Extensions a program path may end in (executable, script, library). */
  runnableExtensions: ReadonlySet<string>;
  /** Extensions of payload files a chain should look for (executable, library, script, package). */
  payloadExtensions: ReadonlySet<string>;
  lolbins: ReadonlyMap<string, Lolbin>;
  rundll32: {
    suspiciousEntryPoints: ReadonlyMap<string, { why: string; onlyWithUserPath: boolean }>;
    benignPairs: ReadonlySet<string>;
  };
  regsvr32: LolbinsFile['regsvr32'];
  mshta: LolbinsFile['mshta'];
  interpreters: ReadonlyMap<string, Interpreter>;
  powershell: InterpretersFile['powershell'];
  download: NamedPattern[];
  registryIndirection: NamedPattern[];
  url: NamedPattern[];
  nonString: NamedPattern[];
  cmdBuiltins: ReadonlySet<string>;
  systemBinaries: {
    lookalikeMinLength: number;
    byName: ReadonlyMap<string, RegExp[]>;
  };
  writers: {
    benign: { re: RegExp; why: string }[];
    categories: { indicator: string; names: ReadonlySet<string> }[];
    remoteRegistry: { images: ReadonlySet<string>; commandLine: RegExp };
    userFolderClasses: ReadonlySet<string>;
    programDataMaxDepth: number;
  };
}

/** Compiles one pattern of a data file; a bad one is a data error naming file and place. */
function compile(file: string, where: string, source: string, flags = 'i'): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new DataFileError(file, where, `invalid regular expression: ${(e as Error).message}`);
  }
}

function named(file: string, key: string, list: NamedPatternFile[], flags = 'i'): NamedPattern[] {
  return list.map((p, i) => ({
    re: compile(file, `$.${key}[${i}].pattern`, p.pattern, flags),
    name: p.name,
  }));
}

let cache: ValueData | undefined;

/** All value/writer analysis data (loaded and compiled on first use). */
export function valueData(): ValueData {
  if (cache) return cache;
  const paths = loadDataFile<PathClassesFile>('path-classes.yaml', 'path-classes.schema.json');
  const fileTypes = loadDataFile<FileTypesFile>('file-types.yaml', 'file-types.schema.json');
  const lol = loadDataFile<LolbinsFile>('lolbins.yaml', 'lolbins.schema.json');
  const interp = loadDataFile<InterpretersFile>('interpreters.yaml', 'interpreters.schema.json');
  const patterns = loadDataFile<CommandPatternsFile>(
    'command-patterns.yaml',
    'command-patterns.schema.json',
  );
  const sys = loadDataFile<SystemBinariesFile>(
    'system-binaries.yaml',
    'system-binaries.schema.json',
  );
  const writers = loadDataFile<WritersFile>('writers.yaml', 'writers.schema.json');

  const defaults = sys.defaultDirectories.map((d, i) =>
    compile('system-binaries.yaml', `$.defaultDirectories[${i}]`, d),
  );
  cache = {
    environment: new Map(Object.entries(paths.environment).map(([k, v]) => [k.toLowerCase(), v])),
    shortNames: new Map(Object.entries(paths.shortNames).map(([k, v]) => [k.toLowerCase(), v])),
    systemDirectories: paths.systemDirectories.map((d, i) =>
      compile('path-classes.yaml', `$.systemDirectories[${i}]`, d),
    ),
    programDirectories: paths.programDirectories.map((d, i) =>
      compile('path-classes.yaml', `$.programDirectories[${i}]`, d),
    ),
    pathClasses: paths.classes.map((c, ci) => ({
      ...c,
      patterns: c.patterns.map((p, pi) =>
        compile('path-classes.yaml', `$.classes[${ci}].patterns[${pi}]`, p),
      ),
    })),
    fileTypes,
    runnableExtensions: new Set([
      ...fileTypes.executable,
      ...fileTypes.script,
      ...fileTypes.library,
    ]),
    payloadExtensions: new Set([
      ...fileTypes.executable,
      ...fileTypes.library,
      ...fileTypes.script,
      ...fileTypes.package,
    ]),
    lolbins: new Map(
      lol.binaries.map((b) => [b.name, { ...b, onlyWithArguments: b.onlyWithArguments === true }]),
    ),
    rundll32: {
      suspiciousEntryPoints: new Map(
        lol.rundll32.suspiciousEntryPoints.map((e) => [
          e.entry.toLowerCase(),
          { why: e.why, onlyWithUserPath: e.onlyWithUserPath === true },
        ]),
      ),
      benignPairs: new Set(lol.rundll32.benignPairs.map((p) => p.toLowerCase())),
    },
    regsvr32: lol.regsvr32,
    mshta: lol.mshta,
    interpreters: new Map(interp.interpreters.map((i) => [i.name, i])),
    powershell: interp.powershell,
    download: named('command-patterns.yaml', 'download', patterns.download),
    registryIndirection: named(
      'command-patterns.yaml',
      'registryIndirection',
      patterns.registryIndirection,
    ),
    url: named('command-patterns.yaml', 'url', patterns.url, 'gi'),
    nonString: named('command-patterns.yaml', 'nonString', patterns.nonString),
    cmdBuiltins: new Set(interp.cmdBuiltins),
    systemBinaries: {
      lookalikeMinLength: sys.lookalikeMinLength,
      byName: new Map(
        sys.binaries.map((b, bi) => [
          b.name,
          [
            ...defaults,
            ...(b.directories ?? []).map((d, di) =>
              compile('system-binaries.yaml', `$.binaries[${bi}].directories[${di}]`, d),
            ),
          ],
        ]),
      ),
    },
    writers: {
      benign: writers.benign.map((b, i) => ({
        re: compile('writers.yaml', `$.benign[${i}].image`, b.image),
        why: b.why,
      })),
      categories: writers.categories.map((c) => ({
        indicator: c.indicator,
        names: new Set(c.names),
      })),
      remoteRegistry: {
        images: new Set(writers.remoteRegistry.images),
        commandLine: compile(
          'writers.yaml',
          '$.remoteRegistry.commandLine',
          writers.remoteRegistry.commandLine,
        ),
      },
      userFolderClasses: new Set(writers.userFolderClasses),
      programDataMaxDepth: writers.programDataMaxDepth,
    },
  };
  return cache;
}
