import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Old-generation growth allowed beyond what was live at the last full collection. */
const SLACK_BYTES = 6 * 1024 * 1024;
/** Events between two looks at the heap (a look costs a few microseconds). */
const EVERY = 1024;

/**
 * Keeps the CLI's peak memory independent of the input's size. A hunt keeps little (the
 * correlation index and the findings: tens of MB), but reading allocates gigabytes of short-lived
 * objects, and the few that outlive two young-generation collections pile up in the old
 * generation. V8 only collects the old generation when it reaches a limit it sets from its own
 * heuristics (about 3-4x the live size on this workload), so a long run ends with tens of MB of
 * garbage that a short run never reaches: measured on the 1 GB bench file, 145 MB peak RSS
 * against 91 MB on 200 MB, with the same live heap (part of it the young generation's growth,
 * see the constructor). Every EVERY events this looks at the old
 * generation and runs a full collection once it holds SLACK_BYTES more than after the last
 * one: the live heap is small, so a collection costs a few milliseconds, and there are a
 * handful per gigabyte. With both measures: 81 MB on 200 MB and 83 MB on 1 GB.
 * CLI only: the library leaves its host's heap alone.
 */
export class HeapGovernor {
  private readonly gc: (() => void) | null;
  private count = 0;
  private ceiling: number;
  collections = 0;

  constructor() {
    // The young generation starts at 8 MB per semi-space here, and V8 doubles it after its first
    // full collection, which a long run reaches and a short one does not (+16 to 32 MB RSS,
    // measured). Reading's garbage dies young at either size (same CPU time, measured), so the
    // young generation keeps its starting size.
    trySetFlag('--semi-space-growth-factor=1');
    this.gc = exposeGc();
    this.ceiling = oldGenerationBytes() + SLACK_BYTES;
  }

  /** Called once per event read (or written, for `dump`). */
  tick(): void {
    if (++this.count < EVERY || !this.gc) return;
    this.count = 0;
    if (oldGenerationBytes() <= this.ceiling) return;
    this.gc();
    this.collections++;
    this.ceiling = oldGenerationBytes() + SLACK_BYTES;
  }
}

function oldGenerationBytes(): number {
  let n = 0;
  for (const s of getHeapSpaceStatistics()) {
    if (s.space_name === 'old_space' || s.space_name === 'large_object_space') {
      n += s.space_used_size;
    }
  }
  return n;
}

function trySetFlag(flag: string): void {
  try {
    setFlagsFromString(flag);
  } catch {
    // An engine without the flag: its defaults apply.
  }
}

/** V8's `gc()`, reachable without `node --expose-gc`; null where the host forbids it. */
function exposeGc(): (() => void) | null {
  try {
    trySetFlag('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
