// The bench inputs: big EVTX files made of real corpus chunks (built once, cached in bench/.work/)
// and the corpus itself.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The python3 that runs make-big-evtx.py (stdlib only): PATH first, then Debian's. */
function pickPython() {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import zlib, struct'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  throw new Error('no working python3 for make-big-evtx.py');
}

/**
 * Returns { path, bytes, built, buildSeconds } for a `sizeMb` MB EVTX of chunks that libevtx's
 * evtxexport reads without error (so every peer parses all of it: the comparison is fair).
 * Cached by size: the tool's output is deterministic for a given corpus.
 */
export function bigEvtx({ sharedDir, workDir, sizeMb, log }) {
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, `big-${sizeMb}mb.evtx`);
  if (existsSync(path)) return { path, bytes: statSync(path).size, built: false, buildSeconds: 0 };
  const tool = join(sharedDir, 'tools', 'make-big-evtx.py');
  const corpus = join(sharedDir, 'corpus');
  const tmp = `${path}.partial`;
  log(`building ${path} (${sizeMb} MB) with make-big-evtx.py ...`);
  const t0 = performance.now();
  const r = spawnSync(
    pickPython(),
    [tool, '--only-parsable-by-evtxexport', tmp, String(sizeMb), corpus],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (r.status !== 0) {
    throw new Error(`make-big-evtx.py failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  renameSync(tmp, path);
  const buildSeconds = (performance.now() - t0) / 1000;
  log(`  ${(r.stdout || '').trim().replace(tmp, path)} [${buildSeconds.toFixed(1)} s]`);
  return { path, bytes: statSync(path).size, built: true, buildSeconds };
}

/** Every file under `dir`, recursively, sorted (the order runhunt walks folders in). */
export function listFiles(dir) {
  const out = [];
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) visit(join(p, name));
    else if (st.isFile()) out.push(p);
  };
  visit(dir);
  return out;
}

export function totalBytes(paths) {
  return paths.reduce((sum, p) => sum + statSync(p).size, 0);
}

/**
 * The text-format inputs (issue 4): the 115 MB NXLog JSON inside the Mordor nanodump zip, taken
 * out once, and the same events as event XML (written once by `runhunt dump --format xml`).
 * Returns { json, xml } paths (null where the corpus lacks the zip).
 */
export function textExports({ corpusDir, workDir, main, log }) {
  const zip = join(corpusDir, 'mixed', 'mordor', 'metasploit_nanodump_lsass_memory_dump.zip');
  if (!existsSync(zip)) return { json: null, xml: null };
  mkdirSync(workDir, { recursive: true });
  const json = join(workDir, 'nanodump.json');
  const xml = join(workDir, 'nanodump.xml');
  if (!existsSync(json)) {
    log(`extracting the JSON member of ${zip} ...`);
    const py =
      'import sys, zipfile, shutil\n' +
      'z = zipfile.ZipFile(sys.argv[1])\n' +
      'm = max(z.infolist(), key=lambda i: i.file_size)\n' +
      'with z.open(m) as src, open(sys.argv[2] + ".partial", "wb") as dst: shutil.copyfileobj(src, dst)\n';
    const r = spawnSync(pickPython(), ['-c', py, zip, json], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`could not extract ${zip}`);
    renameSync(`${json}.partial`, json);
  }
  if (!existsSync(xml)) {
    log(`rendering ${json} as event XML ...`);
    const r = spawnSync(process.execPath, [main, 'dump', json, '--format', 'xml'], {
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`could not render ${json} as XML`);
    writeFileSync(xml, r.stdout);
  }
  return { json, xml };
}
