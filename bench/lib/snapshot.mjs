// The runhunt being measured: a private build in bench/.work/snap/ (dist/ plus the data/ and
// schemas/ it loads at run time). Several people work in this tree and rebuild dist/ while the
// bench runs for minutes; a snapshot keeps every run on the same code and leaves dist/ alone.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the snapshot; returns { root, notes }. With build=false, reuses the last snapshot. */
export function runhuntSnapshot({ repo, workDir, build, log }) {
  const root = join(workDir, 'snap');
  const notes = [];
  if (!build && existsSync(join(root, 'dist', 'cli', 'main.js'))) {
    notes.push('runhunt measured from the previous snapshot (--no-build).');
    return { root, notes };
  }
  if (!build) {
    notes.push('runhunt measured from the repo dist/ (--no-build, no snapshot yet).');
    return { root: repo, notes };
  }
  log('building runhunt into bench/.work/snap/ ...');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(
    process.execPath,
    [tsc, '-p', join(repo, 'tsconfig.build.json'), '--outDir', join(root, 'dist')].concat([
      '--declaration',
      'false',
      '--sourceMap',
      'false',
    ]),
    { cwd: repo, encoding: 'utf8' },
  );
  if (r.status !== 0) {
    // tsc still emits on type errors (noEmitOnError is off): measure what was emitted.
    log(`bench: tsc reported errors (measuring what it emitted):\n${r.stdout}${r.stderr}`);
    notes.push(
      'the build reported type errors (in-progress work in the tree); tsc output was measured.',
    );
  }
  for (const dir of ['data', 'schemas']) {
    if (existsSync(join(repo, dir))) cpSync(join(repo, dir), join(root, dir), { recursive: true });
  }
  cpSync(join(repo, 'package.json'), join(root, 'package.json'));
  // The rest of `npm run build`: the validated data snapshot and the bundled bin.
  for (const script of ['snapshot-data.mjs', 'bundle.mjs']) {
    const file = join(repo, 'scripts', script);
    if (!existsSync(file)) continue;
    const s = spawnSync(process.execPath, [file, root], { cwd: repo, encoding: 'utf8' });
    if (s.status !== 0) throw new Error(`bench: ${script} failed:\n${s.stdout}${s.stderr}`);
  }
  return { root, notes };
}
