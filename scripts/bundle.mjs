#!/usr/bin/env node
// Part of `npm run build`: bundles the compiled CLI (dist/cli/main.js) and the worker-thread
// entry (dist/parallel/worker.js) into dist/bundle/, one file each. Node resolves, reads and
// compiles some 250 modules (ours and the dependencies') at every start; one file halves the
// start-up of a hunt (about 0.3 s to 0.15 s), which users pay per run and a worker per thread.
// The CLI is bundled as a CommonJS script, dist/bundle/runhunt.cjs, run by the bin
// dist/bundle/runhunt.mjs (scripts/bin/runhunt.mjs) through V8's code cache, which this script
// then writes by running one hunt over test/samples/hunt (skipped when the samples are absent:
// the bin works without a cache). The library (`import 'runhunt'`) stays unbundled in dist/.
// Both bundles sit in one folder so the CLI finds its worker next to it (src/parallel/pool.ts),
// and two levels below the package root so data/ and dist/validated-data.json are found as from
// dist/util/ (src/util/data-loader.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The package to bundle: this repository, or the folder given (the bench's private build).
const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');

// The dependencies written as CommonJS call require(); an ES module bundle has none of its own.
const banner = {
  js: "import { createRequire as runhuntCreateRequire } from 'node:module';\nconst require = runhuntCreateRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
};
const out = join(root, 'dist', 'bundle');
rmSync(out, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: {
    worker: join(root, 'dist', 'parallel', 'worker.js'),
    // The zip inflater's worker (src/ingest/archive/inflate-thread.ts), found next to the CLI.
    'inflate-worker': join(root, 'dist', 'ingest', 'archive', 'inflate-worker.js'),
  },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  banner,
  // worker.js imports worker-run.js dynamically; inline it so the bundle needs nothing else.
  splitting: false,
});

// The CLI as a script: `import.meta.url` (data-loader.ts, pool.ts) becomes the script's own URL.
await build({
  ...common,
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outfile: join(out, 'runhunt.cjs'),
  format: 'cjs',
  define: { 'import.meta.url': 'runhuntScriptUrl' },
  banner: { js: "const runhuntScriptUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const here = dirname(fileURLToPath(import.meta.url));
const bin = join(out, 'runhunt.mjs');
copyFileSync(join(here, 'bin', 'runhunt.mjs'), bin);

// The code cache: what V8 compiled by the end of one hunt of the samples (the reader, the hunt
// and the report), so a run starts with them compiled.
const samples = join(here, '..', 'test', 'samples', 'hunt');
if (existsSync(samples)) {
  const tmp = mkdtempSync(join(tmpdir(), 'runhunt-cache-'));
  try {
    const r = spawnSync(
      process.execPath,
      [bin, 'hunt', '--format', 'json', '-o', join(tmp, 'report.json'), samples],
      { env: { ...process.env, RUNHUNT_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' },
    );
    if (r.status !== 0 || !existsSync(join(out, 'runhunt.cjs.cache'))) {
      process.stderr.write(
        `bundle: no code cache (the sample hunt exited ${r.status}): ${r.stderr}`,
      );
      rmSync(join(out, 'runhunt.cjs.cache'), { force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
