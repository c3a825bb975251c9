import type {
  FileEvent,
  NormalizedEvent,
  ProcessEvent,
  RegistryEvent,
} from '../model/normalized.js';

/**
 * Blanks the fields of an event that nothing after reading uses (see Slimmer): Sysmon's hashes
 * and the parent command line of a process creation. Workers do it before cloning an event to
 * the hunt (src/parallel/read-task.ts).
 */
export function blankUnread(e: NormalizedEvent): void {
  if (e.type !== 'process') return;
  e.hashes = '';
  e.parentCommandLine = '';
}

/** How many distinct strings the intern table holds before it starts afresh. */
const INTERN_LIMIT = 65_536;

/**
 * What the correlation index keeps of an event, and no more: it holds up to hundreds of
 * thousands of events, so every field counts. Chains, writer analysis and the report read the
 * acting process, command line, parent image and GUIDs, user, integrity level, times and
 * targets; no one reads a kept event's `hashes` (Sysmon's four digests: about 300 characters)
 * or `parentCommandLine`, so they are dropped. The strings that repeat across a log (host, user, images,
 * integrity level, and the command lines of services and scheduled jobs) are interned so that
 * thousands of events share one copy. Mutates and returns `e`: the hunt owns its events.
 */
export class Slimmer {
  private readonly table = new Map<string, string>();

  /** Distinct strings held. */
  get size(): number {
    return this.table.size;
  }

  slim<E extends NormalizedEvent>(e: E): E {
    e.host = this.intern(e.host);
    e.user = this.intern(e.user);
    e.image = this.intern(e.image);
    if (e.type === 'process') this.process(e);
    else if (e.type === 'file') this.file(e);
    else this.registry(e);
    return e;
  }

  private process(e: ProcessEvent): void {
    blankUnread(e);
    e.commandLine = this.intern(e.commandLine);
    e.parentImage = this.intern(e.parentImage);
    e.integrityLevel = this.intern(e.integrityLevel);
  }

  private file(e: FileEvent): void {
    e.targetFilename = this.intern(e.targetFilename);
  }

  private registry(e: RegistryEvent): void {
    e.targetObject = this.intern(e.targetObject);
    e.details = this.intern(e.details);
  }

  private intern(s: string): string {
    if (s.length === 0) return s;
    const hit = this.table.get(s);
    if (hit !== undefined) return hit;
    if (this.table.size >= INTERN_LIMIT) this.table.clear();
    this.table.set(s, s);
    return s;
  }
}
