// What the bench runs: one row per (tool, input). Adding a row is adding an entry here.
// Each case: { id, tool, argv(files) -> argv, count, runner } where `count` says how the events
// are counted from stdout (see measure.mjs) and `kind` is 'runhunt' or 'peer'.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Which runhunt commands exist in dist/ right now (hunt lands later; its rows appear by themselves). */
export function probeRunhunt(root) {
  // The bin users run (the bundled CLI, package.json "bin") when the build made one.
  const bundled = join(root, 'dist', 'bundle', 'runhunt.mjs');
  const main = existsSync(bundled) ? bundled : join(root, 'dist', 'cli', 'main.js');
  const help = spawnSync(process.execPath, [main, '--help'], { encoding: 'utf8' });
  const text = `${help.stdout}${help.stderr}`;
  const hasHunt = /^\s+hunt\b/m.test(text);
  let huntThreads = false;
  if (hasHunt) {
    const h = spawnSync(process.execPath, [main, 'hunt', '--help'], { encoding: 'utf8' });
    huntThreads = /--threads\b/.test(`${h.stdout}${h.stderr}`);
  }
  return { root, main, hasDump: /^\s+dump\b/m.test(text), hasHunt, huntThreads };
}

/** runhunt rows. `files` is the list of paths (one big file, or many). */
export function runhuntCases({ repo, rh, nproc, withApi = true }) {
  const node = process.execPath;
  const cases = [];
  if (rh.hasHunt) {
    const huntArgv = (threads) => (files) => [
      node,
      rh.main,
      'hunt',
      ...files,
      '--format',
      'json',
      '--no-progress',
      ...(rh.huntThreads ? ['--threads', String(threads)] : []),
    ];
    cases.push({
      id: 'hunt-1',
      tool: rh.huntThreads ? 'runhunt hunt --threads 1' : 'runhunt hunt',
      kind: 'runhunt',
      count: 'none',
      argv: huntArgv(1),
    });
    if (rh.huntThreads && nproc > 1) {
      cases.push({
        id: 'hunt-n',
        tool: `runhunt hunt --threads ${nproc}`,
        kind: 'runhunt',
        count: 'none',
        argv: huntArgv(nproc),
      });
    }
  }
  cases.push(
    {
      id: 'dump-xml',
      tool: 'runhunt dump --format xml',
      kind: 'runhunt',
      count: 'xml-events',
      argv: (files) => [node, rh.main, 'dump', ...files, '--format', 'xml'],
    },
    {
      id: 'dump-jsonl',
      tool: 'runhunt dump --format jsonl',
      kind: 'runhunt',
      count: 'lines',
      argv: (files) => [node, rh.main, 'dump', ...files, '--format', 'jsonl'],
    },
  );
  if (withApi) {
    cases.push({
      id: 'api',
      tool: 'runhunt reader API (no output)',
      kind: 'runhunt',
      count: 'json',
      argv: (files) => [node, join(repo, 'bench', 'probes', 'reader-api.mjs'), rh.root, ...files],
    });
  }
  return cases;
}

export function evtxexportCase({ repo }) {
  return {
    id: 'evtxexport',
    tool: 'libevtx evtxexport -f xml',
    kind: 'peer',
    count: 'xml-events',
    // One process per file: evtxexport takes a single file.
    argv: (files) =>
      files.length === 1
        ? ['evtxexport', '-f', 'xml', files[0]]
        : ['sh', join(repo, 'bench', 'peers', 'evtxexport-each.sh'), ...files],
  };
}

/**
 * @ts-evtx/core has no CLI: a script renders each record with renderXml(). The main row writes
 * that XML to stdout like the other XML tools (same pipe, same counting); `quiet` renders without
 * writing, to show what the output costs it.
 */
export function tsEvtxCase({ repo, quiet = false }) {
  const script = join(repo, 'bench', 'peers', 'ts-evtx-count.mjs');
  return quiet
    ? {
        id: 'ts-evtx-quiet',
        tool: '@ts-evtx/core renderXml, no output',
        kind: 'peer',
        count: 'json',
        argv: (files) => [process.execPath, script, ...files],
        // A reference row, not a target: one run keeps the bench short.
        maxRuns: 1,
      }
    : {
        id: 'ts-evtx',
        tool: '@ts-evtx/core renderXml',
        kind: 'peer',
        count: 'xml-events',
        argv: (files) => [process.execPath, script, '--print', ...files],
      };
}

export function pythonEvtxCase() {
  return {
    id: 'python-evtx',
    tool: 'python-evtx evtx_dump.py',
    kind: 'peer',
    count: 'xml-events',
    // Debian's python3-evtx lives in the system python, not in a pyenv one.
    argv: (files) => ['/usr/bin/python3', '/usr/bin/evtx_dump.py', files[0]],
    // About 0.15 MB/s here: one run on the slice is all the bench can afford.
    maxRuns: 1,
  };
}
