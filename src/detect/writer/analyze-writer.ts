/**
 * analyzeWriter: what the process that wrote an autostart entry says about it (Sysmon EID 13 /
 * EID 11 `Image`, with the EID 1 command line and parent when the chain found them).
 * Categories, installers and folders come from data/writers.yaml, data/path-classes.yaml and
 * data/lolbins.yaml.
 */
import { baseName, canonicalPath } from '../value/canonical-path.js';
import { classifyPath } from '../value/path-class.js';
import { pushSignal, type Signal } from '../value/signal.js';
import { valueData } from '../value/value-data.js';

export interface WriterInfo {
  /** Image path of the writing process, as logged. */
  image: string;
  commandLine?: string;
  parentImage?: string;
  user?: string;
  integrityLevel?: string;
}

/** True when the writer is a known installer/updater or Windows component (data/writers.yaml). */
export function benignWriter(image: string): string | undefined {
  const canonical = canonicalPath(image);
  return valueData().writers.benign.find((b) => b.re.test(canonical))?.why;
}

/** Folders between C:\ProgramData and the file (`c:\programdata\a\b.exe` -> 1). */
function programDataDepth(canonical: string): number {
  const m = /^[a-z]:\\programdata\\(.*)$/.exec(canonical);
  if (!m) return 0;
  return (m[1] ?? '').split('\\').length - 1;
}

/** The writer signals of one process. Benign installers and updaters give none. */
export function analyzeWriter(p: WriterInfo): Signal[] {
  const out: Signal[] = [];
  const image = p.image.trim();
  if (image === '' || benignWriter(image) !== undefined) return out;
  const w = valueData().writers;
  const name = baseName(image);

  // Remote Registry: the service's svchost writes on behalf of a remote caller.
  if (w.remoteRegistry.images.has(name)) {
    const cl = p.commandLine ?? '';
    if (w.remoteRegistry.commandLine.test(cl)) {
      pushSignal(out, 'writer-remote-registry', cl.trim());
    }
  }

  const category = w.categories.find((c) => c.names.has(name));
  if (category) pushSignal(out, category.indicator, image);

  const canonical = canonicalPath(image);
  for (const cls of classifyPath(image)) {
    if (!w.userFolderClasses.has(cls.id)) continue;
    if (cls.id === 'programdata' && programDataDepth(canonical) > w.programDataMaxDepth) continue;
    pushSignal(out, 'writer-user-folder', `${cls.id}: ${image}`);
    break;
  }

  if (!category) {
    const lol = valueData().lolbins.get(name);
    if (lol && !lol.onlyWithArguments) pushSignal(out, 'writer-lolbin', image);
  }
  return out;
}
