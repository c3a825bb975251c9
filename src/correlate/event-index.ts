import type { FileEvent, ProcessEvent, RegistryEvent } from '../model/normalized.js';

/**
 * How many events of each kind the index keeps; the oldest go first beyond that.
 * An event kept costs about 0.9 KB when none of its strings repeat (measured: 100,000 events
 * with unique images, GUIDs, command lines and paths take 91 MB), less in real logs, where
 * hosts, users, images and many command lines repeat and are shared (slim.ts). The defaults
 * bound the index at about 150 MB in the worst case, while a chain still reaches back over the
 * last 64,000 process creations and file creations of the logs read (days of a busy host;
 * inputs are read one after another, so these are mostly the current host's).
 */
export interface IndexLimits {
  processes: number;
  files: number;
  registry: number;
}

export const DEFAULT_INDEX_LIMITS: IndexLimits = {
  processes: 64_000,
  files: 64_000,
  registry: 32_000,
};

/**
 * Command lines that delete an autostart value (`reg delete <key> /v <name>`,
 * `Remove-ItemProperty`, `rp`): the cleanup as the process log shows it.
 */
const DELETE_COMMAND = /\breg(?:\.exe)?"?\s+delete\b|\bremove-itemproperty\b|\brp\s/i;

/** File names with an extension inside a command line (`"C:\a b\x.hta"` → `x.hta`). */
const FILE_NAME = /[^\\/"'\s,=]+\.[a-z0-9]{1,5}(?=$|["'\s,;)])/g;

/** Lower-case file name of a path. */
export function fileName(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return (i >= 0 ? path.slice(i + 1) : path).toLowerCase();
}

/**
 * What correlation needs to remember while the events stream past, keyed so that linking a
 * finding is a few look-ups, never a scan: process creations by ProcessGuid, by image file name
 * and by the file names their command lines mention; file creations and deletions by path;
 * registry changes on autostart keys by target. Memory is bounded by the limits, not by the
 * input: beyond them the oldest entries are evicted (and counted).
 */
export class EventIndex {
  private readonly byGuid = new Map<string, ProcessEvent>();
  /** Every process event kept, oldest first (for eviction and clock correction). */
  readonly processes: ProcessEvent[] = [];
  private readonly byName = new Map<string, ProcessEvent[]>();
  /** Processes whose command line deletes a registry value. */
  readonly deleteCommands: ProcessEvent[] = [];
  readonly filesByPath = new Map<string, FileEvent[]>();
  private readonly filesByName = new Map<string, string[]>();
  readonly registry: RegistryEvent[] = [];
  /** Registry events by lower-case TargetObject, for deletes and overwrites of an entry. */
  readonly registryByTarget = new Map<string, RegistryEvent[]>();
  evicted = 0;
  private fileCount = 0;

  constructor(private readonly limits: IndexLimits = DEFAULT_INDEX_LIMITS) {}

  addProcess(e: ProcessEvent): void {
    if (e.processGuid) this.byGuid.set(guidKey(e.host, e.processGuid), e);
    this.processes.push(e);
    const names = new Set([
      fileName(e.image),
      ...(e.commandLine.toLowerCase().match(FILE_NAME) ?? []),
    ]);
    for (const n of names) push(this.byName, n, e);
    if (DELETE_COMMAND.test(e.commandLine)) this.deleteCommands.push(e);
    if (this.processes.length > this.limits.processes) this.evictProcesses();
  }

  /** Evicts a tenth at once, so eviction costs O(1) per event on average. */
  private evictProcesses(): void {
    const old = new Set(this.processes.splice(0, Math.ceil(this.limits.processes / 10)));
    for (const o of old) {
      if (o.processGuid && this.byGuid.get(guidKey(o.host, o.processGuid)) === o) {
        this.byGuid.delete(guidKey(o.host, o.processGuid));
      }
    }
    for (const [k, list] of this.byName) {
      const keep = list.filter((p) => !old.has(p));
      if (keep.length > 0) this.byName.set(k, keep);
      else this.byName.delete(k);
    }
    const keepDel = this.deleteCommands.filter((p) => !old.has(p));
    this.deleteCommands.splice(0, this.deleteCommands.length, ...keepDel);
    this.evicted += old.size;
  }

  addFile(e: FileEvent): void {
    // TargetFilename is a full path as the file system wrote it: lower case is its canonical form.
    const key = e.targetFilename.toLowerCase();
    let list = this.filesByPath.get(key);
    if (!list) {
      this.filesByPath.set(key, (list = []));
      push(this.filesByName, fileName(key), key);
    }
    list.push(e);
    if (++this.fileCount > this.limits.files) {
      // Evict the oldest path bucket (Map keeps insertion order).
      const first = this.filesByPath.keys().next();
      if (!first.done) {
        this.fileCount -= this.filesByPath.get(first.value)?.length ?? 0;
        this.filesByPath.delete(first.value);
        const n = fileName(first.value);
        const paths = this.filesByName.get(n)?.filter((p) => p !== first.value) ?? [];
        if (paths.length > 0) this.filesByName.set(n, paths);
        else this.filesByName.delete(n);
        this.evicted++;
      }
    }
  }

  addRegistry(e: RegistryEvent): void {
    this.registry.push(e);
    push(this.registryByTarget, e.targetObject.toLowerCase(), e);
    if (this.registry.length > this.limits.registry) {
      const old = this.registry.splice(0, Math.ceil(this.limits.registry / 10));
      for (const o of old) {
        const k = o.targetObject.toLowerCase();
        const l = this.registryByTarget.get(k)?.filter((x) => x !== o) ?? [];
        if (l.length > 0) this.registryByTarget.set(k, l);
        else this.registryByTarget.delete(k);
      }
      this.evicted += old.length;
    }
  }

  process(host: string, guid: string): ProcessEvent | undefined {
    return guid ? this.byGuid.get(guidKey(host, guid)) : undefined;
  }

  /** Processes whose image or command line names a file called `name` (lower case). */
  processesNaming(name: string): readonly ProcessEvent[] {
    return this.byName.get(name) ?? [];
  }

  /** File events on paths whose file name is `name` (lower case). */
  filesNamed(name: string): FileEvent[] {
    return (this.filesByName.get(name) ?? []).flatMap((p) => this.filesByPath.get(p) ?? []);
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function guidKey(host: string, guid: string): string {
  return host.toLowerCase() + '|' + guid;
}
