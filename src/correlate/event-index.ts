import type { FileEvent, ProcessEvent, RegistryEvent } from '../model/normalized.js';
import { canonicalPath } from '../detect/value/canonical-path.js';

/** How many events of each kind the index keeps; the oldest go first beyond that. */
export interface IndexLimits {
  processes: number;
  files: number;
  registry: number;
}

export const DEFAULT_INDEX_LIMITS: IndexLimits = {
  processes: 250_000,
  files: 250_000,
  registry: 250_000,
};

/**
 * What correlation needs to remember while the events stream past: process creations by
 * ProcessGuid and by image, file creations and deletions by path, and registry changes on
 * autostart keys. Memory is bounded by the limits, not by the input: beyond them the oldest
 * entries are evicted (and counted, so the report can say a chain may be incomplete).
 */
export class EventIndex {
  readonly byGuid = new Map<string, ProcessEvent>();
  readonly processes: ProcessEvent[] = [];
  readonly filesByPath = new Map<string, FileEvent[]>();
  readonly registry: RegistryEvent[] = [];
  /** Registry events by lower-case TargetObject, for deletes and overwrites of an entry. */
  readonly registryByTarget = new Map<string, RegistryEvent[]>();
  evicted = 0;
  private fileCount = 0;

  constructor(private readonly limits: IndexLimits = DEFAULT_INDEX_LIMITS) {}

  addProcess(e: ProcessEvent): void {
    if (e.processGuid) this.byGuid.set(guidKey(e.host, e.processGuid), e);
    this.processes.push(e);
    if (this.processes.length > this.limits.processes) {
      // Evict a tenth at once so eviction costs O(1) per event on average.
      const old = this.processes.splice(0, Math.ceil(this.limits.processes / 10));
      for (const o of old) {
        if (o.processGuid && this.byGuid.get(guidKey(o.host, o.processGuid)) === o) {
          this.byGuid.delete(guidKey(o.host, o.processGuid));
        }
      }
      this.evicted += old.length;
    }
  }

  addFile(e: FileEvent): void {
    const key = canonicalPath(e.targetFilename);
    let list = this.filesByPath.get(key);
    if (!list) this.filesByPath.set(key, (list = []));
    list.push(e);
    if (++this.fileCount > this.limits.files) {
      // Evict the oldest path bucket (Map keeps insertion order).
      const first = this.filesByPath.keys().next();
      if (!first.done) {
        this.fileCount -= this.filesByPath.get(first.value)?.length ?? 0;
        this.filesByPath.delete(first.value);
        this.evicted++;
      }
    }
  }

  addRegistry(e: RegistryEvent): void {
    this.registry.push(e);
    const key = e.targetObject.toLowerCase();
    let list = this.registryByTarget.get(key);
    if (!list) this.registryByTarget.set(key, (list = []));
    list.push(e);
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
}

function guidKey(host: string, guid: string): string {
  return host.toLowerCase() + '|' + guid;
}
