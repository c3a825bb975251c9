import { fileSource } from '../ingest/byte-source.js';
import { EVTX_FILE_MAGIC, evtxChunkSlots } from '../ingest/evtx/index.js';
import { expandPaths } from '../ingest/read-inputs.js';
import type { InputSummary } from '../model/events.js';
import type { Task } from './messages.js';

/** EVTX files at least this large are split into chunk ranges; smaller ones are one task. */
export const SPLIT_BYTES = 8 << 20;
/** Fewest chunks (64 KiB each) in a range: a task should outweigh its messages. */
const MIN_RANGE_CHUNKS = 32;
/** Ranges per thread for one file: enough for the threads to finish close together. */
const RANGES_PER_THREAD = 6;

/** How finely to split (tests split small files to exercise the chunk-range merge). */
export interface SplitOptions {
  splitBytes?: number;
  minRangeChunks?: number;
}

/**
 * The reading tasks for the inputs, in input order (folders expanded the way readInputs does;
 * paths that cannot be opened are reported through `onFailed` first, as readInputs does too).
 * A large EVTX becomes consecutive chunk ranges (its chunks are independent), a smaller one a
 * single range; every other input, archives included, is one task.
 */
export function planTasks(
  paths: readonly string[],
  threads: number,
  onFailed: (s: InputSummary) => void,
  split: SplitOptions = {},
): Task[] {
  const splitBytes = split.splitBytes ?? SPLIT_BYTES;
  const minChunks = split.minRangeChunks ?? MIN_RANGE_CHUNKS;
  const tasks: Task[] = [];
  for (const path of expandPaths(paths, onFailed)) {
    const { size, evtx } = inspect(path);
    const slots = evtx ? evtxChunkSlots(size) : 0;
    if (slots === 0) {
      tasks.push({ kind: 'file', path, size });
      continue;
    }
    // A smaller EVTX is one range of all its chunks: read the same way as a whole input, but a
    // worker needs no other reader for it (loading them costs a worker about 0.1 s).
    const per =
      size < splitBytes
        ? slots
        : Math.max(minChunks, Math.ceil(slots / (threads * RANGES_PER_THREAD)));
    for (let from = 0; from < slots; from += per) {
      const to = Math.min(slots, from + per);
      tasks.push({ kind: 'evtx-range', path, size, from, to, last: to === slots });
    }
  }
  return tasks;
}

/** A plain file's size (0 when it cannot be opened) and whether it starts with the EVTX magic. */
function inspect(path: string): { size: number; evtx: boolean } {
  let src;
  try {
    src = fileSource(path);
  } catch {
    return { size: 0, evtx: false }; // the task reports it exactly as readInputs would
  }
  try {
    const head = src.read(0, EVTX_FILE_MAGIC.length);
    return { size: src.size, evtx: String.fromCharCode(...head) === EVTX_FILE_MAGIC };
  } finally {
    src.close();
  }
}
