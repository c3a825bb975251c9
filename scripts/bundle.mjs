#!/usr/bin/env node
// Part of `npm run build`: bundles the compiled CLI (dist/cli/main.js) and the worker-thread
// entry (dist/parallel/worker.js) into dist/bundle/, one file each. Node resolves, reads and
// compiles some 250 modules (ours and the dependencies') at every start; one file halves the
// start-up of a hunt (about 0.3 s to 0.15 s), which users pay per run and a worker per thread.
// The bin (`runhunt`) is dist/bundle/runhunt.mjs; the library (`import 'runhunt'`) stays
// unbundled in dist/. Both bundles sit in one folder so the CLI finds its worker next to it
// (src/parallel/pool.ts), and two levels below the package root so data/ and
// dist/validated-data.json are found as from dist/util/ (src/util/data-loader.ts).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package to bundle: this repository, or the folder given (the bench's private build).
const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');

// The dependencies written as CommonJS call require(); an ES module bundle has none of its own.
const banner = {
  js: "import { createRequire as runhuntCreateRequire } from 'node:module';\nconst require = runhuntCreateRequire(import.meta.url);",
};

await build({
  entryPoints: {
    runhunt: join(root, 'dist', 'cli', 'main.js'),
    worker: join(root, 'dist', 'parallel', 'worker.js'),
  },
  outdir: join(root, 'dist', 'bundle'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  banner,
  // worker.js imports worker-run.js dynamically; inline it so the bundle needs nothing else.
  splitting: false,
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
});
