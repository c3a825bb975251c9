import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's test samples (test/samples/). */
export const SAMPLES_DIR = fileURLToPath(new URL('./samples/', import.meta.url));
/** The shared corpus beside the repository; tests skip with a message when it is absent. */
export const CORPUS_DIR = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

/** Every `.evtx` file below `dir`, in sorted walk order. */
export function evtxFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return evtxFilesUnder(p);
      return n.endsWith('.evtx') ? [p] : [];
    });
}

/** The Mordor JSON datasets (zips) of the shared corpus, or null when the corpus is absent. */
export function mordorZips(): string[] | null {
  const dirs = [join(CORPUS_DIR, 'mixed', 'mordor'), join(CORPUS_DIR, 'attack', 'mordor')];
  if (!dirs.every(existsSync)) return null;
  return dirs.flatMap((d) =>
    readdirSync(d)
      .sort()
      .filter((n) => n.endsWith('.zip'))
      .map((n) => join(d, n)),
  );
}
