// `npm run bench`: throughput and peak memory of runhunt against peer EVTX parsers, in one run,
// on the same files (issues 2 and 8). Writes bench/RESULTS.md.
//
//   node bench/run.mjs [--size-mb 200] [--quick] [--runs 3] [--peer-runs N] [--slice-mb 1]
//                      [--scale-mb 1024 (0: skip the memory-scaling file)]
//                      [--only id,id] [--no-corpus] [--no-build] [--out FILE]
//
// Inputs are built once and cached in bench/.work/. Each suite runs its tools round-robin
// (tool A, B, C, then A, B, C again ...) so a burst of load from other processes on this shared
// machine spreads over all tools instead of hitting one; the table shows the median run.
// Suites: the big file (all tools), a small slice (adds python-evtx, too slow for more), the
// corpus EVTX files, the whole corpus folder, and a larger file for the memory-growth check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  evtxexportCase,
  probeRunhunt,
  pythonEvtxCase,
  runhuntCases,
  tsEvtxCase,
} from './lib/cases.mjs';
import { bigEvtx, listFiles, textExports, totalBytes } from './lib/inputs.mjs';
import { haveGnuTime, measure, median } from './lib/measure.mjs';
import { suiteMarkdown, targetLines } from './lib/report.mjs';
import { runhuntSnapshot } from './lib/snapshot.mjs';

const MB = 1e6;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = resolve(repo, '..', 'shared');
const workDir = join(repo, 'bench', '.work');
const peersDir = join(repo, 'bench', 'peers');
const log = (msg) => process.stderr.write(`${msg}\n`);

const { values: opt } = parseArgs({
  options: {
    'size-mb': { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'peer-runs': { type: 'string' },
    'slice-mb': { type: 'string' },
    'scale-mb': { type: 'string' },
    only: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\n')[0]);
  process.stdout.write('\n');
  process.exit(0);
}
const num = (v, fallback) => (v === undefined || v === '' ? fallback : Number(v));
const sizeMb = num(opt['size-mb'] ?? process.env.BENCH_SIZE_MB, opt.quick ? 20 : 200);
const runs = num(opt.runs ?? process.env.BENCH_RUNS, opt.quick ? 1 : 3);
const peerRuns = num(opt['peer-runs'] ?? process.env.BENCH_PEER_RUNS, runs);
const sliceMb = num(opt['slice-mb'] ?? process.env.BENCH_SLICE_MB, 1);
const scaleMb = num(opt['scale-mb'] ?? process.env.BENCH_SCALE_MB, opt.quick ? 0 : 1024);
const only = opt.only ? new Set(opt.only.split(',')) : null;
const outFile = resolve(opt.out ?? join(repo, 'bench', 'RESULTS.md'));
for (const [k, v] of Object.entries({ sizeMb, runs, peerRuns, sliceMb, scaleMb })) {
  if (!Number.isInteger(v) || v < 0 || (k !== 'scaleMb' && v === 0)) {
    log(`bench: ${k} must be a positive integer, got ${v}`);
    process.exit(2);
  }
}
if (!existsSync(join(sharedDir, 'corpus'))) {
  log(`bench: ${sharedDir}/corpus is missing; the bench needs the shared corpus.`);
  process.exit(2);
}

const setupNotes = [];
mkdirSync(workDir, { recursive: true });

// 1. The runhunt to measure: a private build, so other people's rebuilds of dist/ cannot change
// the code under test halfway through.
const snap = runhuntSnapshot({ repo, workDir, build: !opt['no-build'], log });
setupNotes.push(...snap.notes);

// 2. @ts-evtx/core lives in bench/peers/ (its own package.json), never in runhunt's dependencies.
if (!existsSync(join(peersDir, 'node_modules', '@ts-evtx', 'core', 'package.json'))) {
  log('installing @ts-evtx/core into bench/peers/ ...');
  const t0 = performance.now();
  const r = spawnSync('npm', ['install', '--prefix', peersDir, '--no-audit', '--no-fund'], {
    cwd: repo,
    encoding: 'utf8',
  });
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) log(`bench: npm install in bench/peers failed:\n${r.stderr}`);
  else setupNotes.push(`@ts-evtx/core installed on demand into bench/peers/ in ${secs} s.`);
}
const tsEvtxVersion = readJson(
  join(peersDir, 'node_modules', '@ts-evtx', 'core', 'package.json'),
)?.version;
const haveEvtxexport = spawnSync('evtxexport', ['-V'], { encoding: 'utf8' }).status === 0;
const havePythonEvtx = existsSync('/usr/bin/evtx_dump.py');
if (!haveEvtxexport) setupNotes.push('evtxexport is missing (apt-get install libevtx-utils).');
if (!havePythonEvtx) setupNotes.push('python-evtx is missing (apt-get install python3-evtx).');
if (!haveGnuTime()) setupNotes.push('/usr/bin/time is missing: peak RSS not measured.');

// 3. Inputs.
const big = bigEvtx({ sharedDir, workDir, sizeMb, log });
if (big.built) setupNotes.push(`built the ${sizeMb} MB file in ${big.buildSeconds.toFixed(1)} s.`);
const slice = bigEvtx({ sharedDir, workDir, sizeMb: sliceMb, log });
const corpusDir = join(sharedDir, 'corpus');
const corpusAll = listFiles(corpusDir);
const corpusEvtx = corpusAll.filter((p) => p.toLowerCase().endsWith('.evtx'));
const scale = scaleMb ? bigEvtx({ sharedDir, workDir, sizeMb: scaleMb, log }) : null;

// 4. Suites: one input each, with the tools that run on it.
const nproc = availableParallelism();
const rh = probeRunhunt(snap.root);
const rel = (p) => relative(repo, p);
const peerCases = ({ python = false } = {}) => [
  ...(haveEvtxexport ? [evtxexportCase({ repo })] : []),
  ...(tsEvtxVersion ? [tsEvtxCase({ repo })] : []),
  ...(havePythonEvtx && python ? [pythonEvtxCase()] : []),
];
const suites = [
  {
    id: 'big',
    title: `${sizeMb} MB EVTX of real corpus chunks`,
    inputText: `\`${rel(big.path)}\` (make-big-evtx.py --only-parsable-by-evtxexport)`,
    files: [big.path],
    bytes: big.bytes,
    reference: 'evtxexport',
    cases: [
      ...runhuntCases({ repo, rh, nproc }),
      ...peerCases(),
      ...(tsEvtxVersion ? [tsEvtxCase({ repo, quiet: true })] : []),
    ],
    ratioPeers: ['evtxexport', 'ts-evtx'],
  },
  {
    id: 'slice',
    title: `${sliceMb} MB slice (python-evtx is too slow for the big file)`,
    inputText: `\`${rel(slice.path)}\` (built the same way)`,
    files: [slice.path],
    bytes: slice.bytes,
    reference: 'evtxexport',
    cases: [
      ...runhuntCases({ repo, rh, nproc, withApi: false }).filter((c) => c.id === 'dump-xml'),
      ...peerCases({ python: true }),
    ],
    ratioPeers: ['evtxexport', 'ts-evtx', 'python-evtx'],
    notes: [
      'On 1 MB, process start (Node loading runhunt or @ts-evtx/core) dominates: compare the ' +
        'python-evtx column here and everything else on the big file.',
    ],
  },
];
if (!opt['no-corpus']) {
  suites.push(
    {
      id: 'corpus-evtx',
      title: `Corpus EVTX files (${corpusEvtx.length} files)`,
      inputText: `every \`.evtx\` under \`../shared/corpus\`, given as a file list`,
      files: corpusEvtx,
      bytes: totalBytes(corpusEvtx),
      reference: null,
      cases: [...runhuntCases({ repo, rh, nproc }), ...peerCases()],
      ratioPeers: ['evtxexport', 'ts-evtx'],
      notes: [
        'evtxexport runs once per file (it takes one file), so its time includes process start per file.',
        'Event counts differ by design here: some corpus files are damaged or were not closed cleanly.',
        '@ts-evtx/core trusts the header chunk count of dirty files (e.g. benign/omerbenamram-evtx/sysmon.evtx ' +
          'and the three splunk-attack-data files say 1 chunk, 17 are present), so it reads only the first ' +
          'chunk(s) of six corpus files, silently; evtxexport reads them all.',
      ],
    },
    {
      id: 'corpus',
      title: 'Whole corpus folder',
      inputText: `\`../shared/corpus\` walked by runhunt (all ${corpusAll.length} files, every format it reads)`,
      files: [corpusDir],
      bytes: totalBytes(corpusAll),
      reference: null,
      cases: runhuntCases({ repo, rh, nproc, withApi: false }).filter((c) => c.id !== 'dump-xml'),
      ratioPeers: [],
      notes: ['MB/s counts every byte in the folder, including zips, READMEs and licenses.'],
    },
  );
}
if (!opt['no-corpus']) {
  // Issue 4: JSON and event-XML throughput on the 115 MB NXLog JSON of a Mordor dataset, and the
  // same events as event XML. Issue 5: SigmaHQ rules over the corpus, next to hunt alone.
  const exported = textExports({ corpusDir, workDir, main: rh.main, log });
  const textCases = runhuntCases({ repo, rh, nproc, withApi: false }).filter((c) =>
    ['dump-jsonl', 'hunt-1'].includes(c.id),
  );
  for (const [id, label, path] of [
    ['json', 'JSON lines (NXLog, Mordor nanodump dataset)', exported.json],
    ['xml', 'event XML (the same events, rendered by `runhunt dump --format xml`)', exported.xml],
  ]) {
    if (!path) continue;
    suites.push({
      id,
      title: label,
      inputText: `\`${rel(path)}\``,
      files: [path],
      bytes: statSync(path).size,
      reference: null,
      cases: textCases,
      ratioPeers: [],
      notes: ['No peer reads this format; compare with the EVTX rows above.'],
    });
  }
  const sigmaRules = join(sharedDir, 'sigma', 'rules');
  if (existsSync(sigmaRules)) {
    suites.push({
      id: 'sigma',
      title: 'SigmaHQ rules over the whole corpus (issue 5)',
      inputText: `\`../shared/corpus\` with every rule under \`../shared/sigma/rules\``,
      files: [corpusDir],
      bytes: totalBytes(corpusAll),
      reference: null,
      cases: [
        ...runhuntCases({ repo, rh, nproc, withApi: false }).filter((c) =>
          ['dump-jsonl', 'hunt-1'].includes(c.id),
        ),
        {
          id: 'sigma',
          tool: 'runhunt sigma --rules ../shared/sigma/rules',
          kind: 'runhunt',
          count: 'none',
          argv: (files) => [process.execPath, rh.main, 'sigma', '--rules', sigmaRules, ...files],
        },
        {
          id: 'hunt-sigma',
          tool: 'runhunt hunt --sigma ../shared/sigma/rules',
          kind: 'runhunt',
          count: 'none',
          argv: (files) => [
            process.execPath,
            rh.main,
            'hunt',
            ...files,
            '--sigma',
            sigmaRules,
            '--no-progress',
          ],
        },
      ],
      ratioPeers: [],
      notes: [
        'Rules that do not load (deprecated date formats) are reported and the run goes on (exit 1).',
      ],
    });
  }
}
if (scale) {
  suites.push({
    id: 'scale',
    title: `${scaleMb} MB EVTX (memory must not grow with input size)`,
    inputText: `\`${rel(scale.path)}\` (built the same way)`,
    files: [scale.path],
    bytes: scale.bytes,
    reference: null,
    cases: runhuntCases({ repo, rh, nproc, withApi: false }).filter((c) =>
      ['hunt-1', 'dump-xml'].includes(c.id),
    ),
    notes: [`one run each: only peak RSS matters here, compared with the ${sizeMb} MB file.`],
    ratioPeers: [],
    runs: 1,
  });
}

// 5. Run.
let mismatch = false;
const startLoad = loadavg()[0];
const t0 = performance.now();
for (const suite of suites) {
  suite.notes ??= [];
  const cases = suite.cases.filter((c) => !only || only.has(c.id));
  const n = suite.runs ?? runs;
  const raw = new Map(cases.map((c) => [c.id, []]));
  log(`\n== ${suite.title}: ${cases.map((c) => c.id).join(', ')} x ${n}`);
  for (let round = 0; round < n; round++) {
    const due = (x) => round < Math.min(x.maxRuns ?? Infinity, x.kind === 'peer' ? peerRuns : n);
    for (const c of cases.filter(due)) {
      const m = await measure(c.argv(suite.files), { count: c.count, cwd: repo, workDir });
      raw.get(c.id).push(m);
      log(
        `  ${c.id.padEnd(12)} run ${round + 1}: ${m.seconds.toFixed(2)} s, ` +
          `${m.cpuSeconds === null ? '?' : m.cpuSeconds.toFixed(2)} s CPU, ` +
          `${m.rssKb === null ? '?' : (m.rssKb / 1024).toFixed(0)} MB RSS, ` +
          `exit ${m.code}${m.timedOut ? ' (timeout)' : ''}, ${JSON.stringify(m.counted)}`,
      );
    }
  }
  suite.rows = cases.map((c) => summarize(c, raw.get(c.id), suite));
  // Rows that do not count (hunt) read the same events as the file holds.
  const refRow =
    suite.rows.find((r) => r.id === suite.reference && r.ok) ??
    suite.rows.find((r) => r.ok && r.events !== null);
  for (const r of suite.rows) {
    if (r.ok && r.events === null && refRow) {
      r.events = refRow.events;
      r.eps = r.events / r.medianSec;
      r.notes.push(
        `events/s uses the ${refRow.tool} count (this command reports findings, not events).`,
      );
    }
  }
  if (suite.reference && refRow?.id === suite.reference) {
    for (const r of suite.rows) {
      if (r.ok && r.events !== refRow.events) {
        mismatch = true;
        const msg = `EVENT COUNT MISMATCH: ${r.events} events, ${refRow.tool} read ${refRow.events}.`;
        r.notes.unshift(`**${msg}**`);
        log(`!!! ${suite.title}: ${r.tool}: ${msg}`);
      }
    }
  }
}
const totalSec = (performance.now() - t0) / 1000;

// 6. Report.
const gitHead = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' });
const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'data', 'schemas'], {
  cwd: repo,
  encoding: 'utf8',
}).stdout.trim();
const dirtyText = dirty
  ? ` plus ${dirty.split('\n').length} uncommitted path(s) in src/ data/ schemas/`
  : '';
const md = [
  '# runhunt bench results',
  '',
  `Generated by \`npm run bench\` (\`node bench/run.mjs\`) on ${new Date().toISOString()}.`,
  '',
  `Machine: ${nproc} cores (${cpus()[0]?.model ?? 'unknown CPU'}), shared with other jobs ` +
    `(load average ${startLoad.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end); ` +
    `Node ${process.version}; runhunt at \`${gitHead.stdout.trim() || 'unknown'}\`${dirtyText}; ` +
    `@ts-evtx/core ${tsEvtxVersion ?? 'missing'}; libevtx evtxexport ${evtxexportVersion()}; ` +
    `python-evtx ${havePythonEvtx ? debVersion('python3-evtx') : 'missing'}.`,
  '',
  `Method: each runhunt command runs ${runs} time(s) per input and each peer ${peerRuns} ` +
    '(python-evtx once), round-robin; the table shows the median wall ' +
    'time (parent clock, process start to exit, output piped to a counter and dropped), ' +
    'MB/s = input bytes / median time (1 MB = 10^6 bytes), events/s = events / median time, ' +
    'CPU s = median user+system time of the measured process and its children (GNU `time`; ' +
    'the counting parent is not included), ' +
    'peak RSS = the largest maximum resident set size of any run (GNU `time -f %M`). ' +
    'On this shared machine wall time swings with other jobs; CPU time is the steadier figure. ' +
    'Ratios compare events/s. XML outputs are counted by `<Event ` openings, JSONL by lines. ' +
    `The whole bench took ${totalSec.toFixed(0)} s.`,
  '',
  ...(setupNotes.length ? [...setupNotes.map((n) => `- ${n}`), ''] : []),
  ...(mismatch
    ? ['**WARNING: the tools did not all read the same number of events; see the notes.**', '']
    : []),
  '## Targets (on the big file)',
  '',
  ...targetLines(
    suites.find((s) => s.id === 'big'),
    suites.find((s) => s.id === 'scale'),
  ),
  '',
  '## Results',
  '',
  ...suites.flatMap((s) => [suiteMarkdown(s), '']),
].join('\n');
process.stdout.write(`\n${md}`);
writeFileSync(outFile, md);
log(`\nwrote ${rel(outFile)}`);
if (mismatch) {
  log('bench: EVENT COUNT MISMATCH between tools on the same file (see above).');
  process.exitCode = 1;
}

function summarize(c, ms, suite) {
  const row = { id: c.id, tool: c.tool, kind: c.kind, runs: ms, notes: [] };
  // Exit 1 means "input problems, all reported": expected on the corpus (damaged and dirty
  // files), a failure on the clean bench files, where every tool must exit 0.
  const okCodes = c.kind === 'runhunt' && !suite.reference ? [0, 1] : [0];
  const bad = ms.filter((m) => m.timedOut || !okCodes.includes(m.code) || m.counted?.error);
  row.ok = ms.length > 0 && bad.length === 0;
  if (!row.ok) {
    const m = bad[0] ?? ms[0];
    const why = m
      ? `${m.timedOut ? 'timed out' : `exit ${m.code}`}: ${lastLine(m.counted?.error ?? m.stderrTail)}`
      : 'not run';
    row.notes.push(`failed (${why})`);
    return row;
  }
  const secs = ms.map((m) => m.seconds);
  row.medianSec = median(secs);
  row.minSec = Math.min(...secs);
  row.maxSec = Math.max(...secs);
  const rss = ms.map((m) => m.rssKb).filter((v) => v !== null);
  row.rssMb = rss.length ? Math.max(...rss) / 1024 : NaN;
  const cpu = ms.map((m) => m.cpuSeconds).filter((v) => v !== null);
  row.cpuSec = cpu.length ? median(cpu) : NaN;
  row.mbps = suite.bytes / MB / row.medianSec;
  const counts = ms.map((m) => m.counted?.events ?? null);
  row.events = counts[0] ?? null;
  if (counts.some((v) => v !== row.events)) {
    row.notes.push(`event count differs between runs: ${counts.join(', ')}`);
  }
  row.eps = row.events === null ? NaN : row.events / row.medianSec;
  if (ms.some((m) => m.code === 1)) row.notes.push('exit 1: input issues reported (see stderr).');
  // ts-evtx --print writes its own counts to stderr (its stdout is the XML).
  const extra =
    c.id === 'ts-evtx' ? (parseJson(lastLine(ms[0].stderrTail)) ?? {}) : (ms[0].counted ?? {});
  if (c.id.startsWith('ts-evtx')) {
    if (extra.emptyRenders || extra.renderErrors || extra.failedFiles) {
      row.notes.push(
        `${extra.records} records: ${extra.emptyRenders} rendered empty, ` +
          `${extra.renderErrors} threw, ${extra.failedFiles} file(s) failed to open; ` +
          'events = records rendered with a <System> element.',
      );
    }
    // The limit in EvtxFile.open is 100 * 1024 * 1024 bytes.
    if (suite.files.length === 1 && suite.bytes > 100 * 1024 * 1024) {
      row.notes.push(
        'EvtxFile.open refuses files > 100 MB: the bench passes the buffer to its constructor.',
      );
    }
  }
  if (c.id === 'evtxexport' && suite.files.length > 1) {
    const fails = (ms[0].stderrTail.match(/BENCH-FAIL/g) ?? []).length;
    if (fails)
      row.notes.push(`${fails} file(s) ended with an error (events before the error are counted).`);
  }
  if (c.id === 'api' && extra.issues) row.notes.push(`${extra.issues} input issue(s) reported.`);
  return row;
}

function lastLine(text) {
  const lines = String(text ?? '')
    .trim()
    .split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function debVersion(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

function evtxexportVersion() {
  return haveEvtxexport ? debVersion('libevtx-utils') : 'missing';
}
