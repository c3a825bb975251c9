#!/usr/bin/env node
// Cross-checks `runhunt dump` (JSONL) against python-evtx on every EVTX file under
// ../shared/corpus, record by record: record ids, EventID, Computer, Channel, TimeCreated and
// the EventData/UserData pairs. Values are compared after normalising python-evtx's habits
// (zero-padded hex, True/False, lower-case GUIDs, microsecond times). Where python-evtx fails
// on a record or chunk, libevtx's `evtxexport -f xml` record ids are the reference instead and
// runhunt must read every record it reads. Exits 1 on any unexplained difference.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
// --py-cache FILE: reuse (or save) python-evtx's output between runs while iterating.
const cacheAt = argv.indexOf('--py-cache');
const pyCache = cacheAt >= 0 ? argv.splice(cacheAt, 2)[1] : undefined;
const corpus = resolve(argv[0] ?? join(repo, '..', 'shared', 'corpus'));
const runhunt = process.env.RUNHUNT_BIN ?? join(repo, 'dist', 'cli', 'main.js');
const PYTHON = '/usr/bin/python3';
const PY_HELPER = join(repo, 'scripts', 'crosscheck_pyevtx.py');

if (!existsSync(corpus)) {
  console.log(`crosscheck: corpus not found at ${corpus}; skipped`);
  process.exit(0);
}
if (!existsSync(runhunt)) {
  console.error(`crosscheck: ${runhunt} missing; run \`npm run build\` first`);
  process.exit(2);
}

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.toLowerCase().endsWith('.evtx')) files.push(p);
  }
})(corpus);

/** Streams a command's stdout as parsed JSON lines into `byFile`. */
function collect(cmd, args, byFile, key) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line) return;
      const o = JSON.parse(line);
      const f = resolve(o[key]);
      if (!byFile.has(f)) byFile.set(f, []);
      byFile.get(f).push(o);
    });
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stderr }));
  });
}

/** Splits the file list in two so python-evtx (the slow side) uses both cores. */
const half = Math.ceil(files.length / 2);
const ours = new Map();
const theirs = new Map();
const started = Date.now();
const cached = pyCache && existsSync(pyCache);
const [mine] = await Promise.all([
  collect(process.execPath, [runhunt, 'dump', '--format', 'jsonl', ...files], ours, 'file'),
  ...(cached
    ? []
    : [
        collect(PYTHON, [PY_HELPER, ...files.slice(0, half)], theirs, 'file'),
        collect(PYTHON, [PY_HELPER, ...files.slice(half)], theirs, 'file'),
      ]),
]);
if (cached) for (const [k, v] of JSON.parse(readFileSync(pyCache, 'utf8'))) theirs.set(k, v);
else if (pyCache) writeFileSync(pyCache, JSON.stringify([...theirs]));
if (mine.code !== 0 && mine.code !== 1) {
  console.error(`crosscheck: runhunt dump exited ${mine.code}\n${mine.stderr}`);
  process.exit(2);
}

const FRACTION = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/;
/** Microseconds since 1970 for an ISO-ish time, or null. */
function micros(s) {
  const t = FRACTION.exec(String(s ?? ''));
  if (!t) return null;
  return Date.parse(`${t[1]}T${t[2]}Z`) * 1000 + Number((t[3] ?? '').padEnd(6, '0').slice(0, 6));
}
/**
 * One comparable form for every rendering of the same value: XML parsers turn CR LF into LF and
 * cannot carry C0 controls; python-evtx zero-pads hex, writes True/False, lower-case GUIDs and
 * base64 binary; times are compared to the microsecond elsewhere.
 */
function norm(v) {
  if (v === undefined || v === null) return '';
  const s = String(v)
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b-\x1f]/g, '');
  if (/^0x[0-9a-f]+$/i.test(s)) return BigInt(s).toString();
  if (s === 'True' || s === 'False') return s.toLowerCase();
  if (/^\{[0-9a-f-]{36}\}$/i.test(s)) return s.toUpperCase();
  return s;
}

function same(x, y) {
  const a = norm(x);
  const b = norm(y);
  if (a === b) return true;
  const ta = micros(a);
  const tb = micros(b);
  // python-evtx converts FILETIME through a float: its microseconds can be 1-2 off.
  if (ta !== null && tb !== null) return Math.abs(ta - tb) <= 3;
  // Binary: runhunt and libevtx write upper-case hex, python-evtx base64.
  if (/^(?:[0-9A-F]{2})+$/.test(a) && Buffer.from(a, 'hex').toString('base64') === b) return true;
  return false;
}

/**
 * Differences between a runhunt record and a reference record. With `dropEmpty`, keys whose
 * value is empty on one side and absent on the other are ignored: libevtx leaves out elements
 * whose only content is an empty optional substitution (python-evtx and runhunt keep them).
 */
function compareRecord(a, b, dropEmpty = false) {
  const diffs = [];
  const field = (name, x, y) => {
    if (!same(x, y))
      diffs.push(`${name}: runhunt=${JSON.stringify(x)} python-evtx=${JSON.stringify(y)}`);
  };
  field('EventID', a.eventId, b.eventId);
  field('Computer', a.computer, b.computer);
  field('Channel', a.channel, b.channel);
  field('TimeCreated', a.timeCreated, b.timeCreated);
  const theirsData = new Map(b.data.filter(([, v]) => !dropEmpty || v !== ''));
  const oursData = Object.entries(a.eventData ?? {}).filter(([, v]) => !dropEmpty || v !== '');
  const ourKeys = new Set(oursData.map(([k]) => k));
  if (oursData.length !== theirsData.size) {
    diffs.push(
      `data keys: runhunt=${oursData.map((e) => e[0]).join(',')} python-evtx=${[...theirsData.keys()].join(',')}`,
    );
  }
  for (const [k, v] of oursData) field(`data.${k}`, v, theirsData.get(k));
  for (const k of theirsData.keys()) if (!ourKeys.has(k)) diffs.push(`data.${k} missing`);
  return diffs;
}

/** libevtx's reading of every record of a file (via the python helper), by record id. */
function evtxexportRecords(file) {
  const r = spawnSync(PYTHON, [PY_HELPER, '--evtxexport', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const out = new Map();
  for (const line of (r.stdout ?? '').split('\n')) {
    if (!line) continue;
    const o = JSON.parse(line);
    if (!o.error) out.set(o.recordId, o);
  }
  return out;
}

/** Record ids libevtx reads, for files where python-evtx fails. */
function evtxexportIds(file) {
  const r = spawnSync('evtxexport', ['-f', 'xml', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) return null;
  return new Set([...r.stdout.matchAll(/<EventRecordID>(\d+)</g)].map((m) => Number(m[1])));
}

const rows = [];
const totals = {
  files: 0,
  runhunt: 0,
  python: 0,
  matched: 0,
  mismatched: 0,
  pyErrors: 0,
  pyQuirks: 0,
  unexplained: 0,
};
const details = [];
for (const file of files) {
  const a = ours.get(file) ?? [];
  const bAll = theirs.get(file) ?? [];
  const pyErrors = bAll.filter((o) => o.error);
  const b = bAll.filter((o) => !o.error);
  const byId = new Map(b.map((o) => [o.recordId, o]));
  let matched = 0;
  let mismatched = 0;
  let unexplained = 0;
  let libevtx = null;
  for (const rec of a) {
    const ref = byId.get(rec.eventRecordId);
    if (!ref) continue;
    byId.delete(rec.eventRecordId);
    const diffs = compareRecord(rec, ref);
    if (diffs.length === 0) {
      matched++;
      continue;
    }
    mismatched++;
    // A python-evtx quirk is explained when libevtx reads the record exactly as runhunt does.
    libevtx ??= evtxexportRecords(file);
    const second = libevtx.get(rec.eventRecordId);
    if (second && compareRecord(rec, second, true).length === 0) {
      totals.pyQuirks++;
      continue;
    }
    unexplained++;
    details.push(
      `${relative(corpus, file)} #${rec.eventRecordId}: ${diffs.slice(0, 3).join('; ')}`,
    );
  }
  const onlyOurs = a.length - matched - mismatched;
  const onlyTheirs = byId.size;
  let note = '';
  if (onlyTheirs > 0 || onlyOurs > 0) {
    if (pyErrors.length === 0 && onlyTheirs > 0) {
      unexplained += onlyTheirs;
      details.push(
        `${relative(corpus, file)}: python-evtx reads ${onlyTheirs} records runhunt does not (${[...byId.keys()].slice(0, 5).join(', ')})`,
      );
    }
    // Extra or missing records against a damaged file: libevtx decides what is readable.
    const lib = evtxexportIds(file);
    if (lib) {
      const ourIds = new Set(a.map((r) => r.eventRecordId));
      const missing = [...lib].filter((id) => !ourIds.has(id));
      note = `evtxexport ${lib.size}, runhunt misses ${missing.length} of them`;
      if (missing.length) {
        unexplained += missing.length;
        details.push(
          `${relative(corpus, file)}: evtxexport reads ${missing.length} records runhunt does not (${missing.slice(0, 5).join(', ')})`,
        );
      }
    }
  }
  totals.files++;
  totals.runhunt += a.length;
  totals.python += b.length;
  totals.matched += matched;
  totals.mismatched += mismatched;
  totals.pyErrors += pyErrors.length;
  totals.unexplained += unexplained;
  rows.push([
    relative(corpus, file),
    a.length,
    b.length,
    matched,
    mismatched,
    onlyOurs,
    onlyTheirs,
    pyErrors.length,
    note,
  ]);
}

const head = [
  'file',
  'runhunt',
  'python-evtx',
  'match',
  'differ',
  'only runhunt',
  'only python',
  'py errors',
  'note',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) =>
  r
    .map((c, i) =>
      i === 0 || i === 8 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]),
    )
    .join('  ');
console.log(line(head));
for (const r of rows)
  if (r[4] || r[5] || r[6] || r[7] || process.env.CROSSCHECK_ALL) console.log(line(r));
console.log(
  `(${rows.length - rows.filter((r) => r[4] || r[5] || r[6] || r[7]).length} more files agree record for record; CROSSCHECK_ALL=1 lists them)`,
);
console.log(
  `totals: ${totals.files} files, runhunt ${totals.runhunt} records, python-evtx ${totals.python}, ` +
    `identical ${totals.matched}, differing ${totals.mismatched} (of which libevtx agrees with runhunt: ` +
    `${totals.pyQuirks}), python-evtx errors ${totals.pyErrors}, ` +
    `unexplained ${totals.unexplained} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
for (const d of details.slice(0, Number(process.env.CROSSCHECK_DETAILS ?? 40)))
  console.log('  ' + d);
if (details.length > Number(process.env.CROSSCHECK_DETAILS ?? 40))
  console.log(`  ... more (CROSSCHECK_DETAILS=N shows N)`);
process.exit(totals.unexplained === 0 ? 0 : 1);
