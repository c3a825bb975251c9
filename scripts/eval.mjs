#!/usr/bin/env node
// Scores `runhunt hunt` against ../shared/corpus/labels.json (the human-labelled ground truth).
//
// For every labelled file it runs the hunt (the built library in dist/, so run `npm run build`
// first; `npm test` does) and checks, per the project's acceptance rules:
//   - every event labelled `malicious` (Run-key writes, Startup-folder files, nearby autostarts,
//     autostart command lines) is referenced by a finding at medium or above;
//   - every event labelled `cleanup` (a Run value deleted) appears in some finding;
//   - every event labelled `benign` or `not-persistence` is in no finding at medium or above;
//   - a file whose ground truth has no T1547.001 activity has no finding at medium or above,
//     except findings about events the labels call malicious (e.g. Winlogon Shell, T1547.004).
// Prints a table per folder and every miss / false positive; exits 1 if there is any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
if (!existsSync(join(corpus, 'labels.json'))) {
  console.log(`eval: SKIPPED: ${corpus}/labels.json not found (the shared corpus is not present)`);
  process.exit(0);
}
const { hunt } = await import(join(root, 'dist', 'index.js'));
const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8'));
const verbose = process.argv.includes('--verbose');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const LISTS = [
  'run_key_events',
  'startup_folder_file_events',
  'other_autostart_registry_events',
  'related_process_events',
];
const rank = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };
const norm = (s) => (s ?? '').toLowerCase();

/** Every event a finding points at, as match keys. */
function findingKeys(f) {
  const keys = new Set();
  const add = (file, id, eid, target) => {
    if (id !== null && id !== undefined) keys.add(`${eid}|id|${id}`);
    if (target) keys.add(`${eid}|t|${norm(target)}`);
  };
  for (const e of f.evidence) add(e.file, e.eventRecordId, e.eventId, '');
  const primaryTarget = f.registry?.targetObject ?? f.file?.targetFilename ?? f.process.commandLine;
  const primary = f.evidence[0];
  if (primary) add(primary.file, primary.eventRecordId, primary.eventId, primaryTarget);
  for (const list of [
    f.chain.writer ? [f.chain.writer] : [],
    f.chain.payloadCreated,
    f.chain.payloadExecuted,
    f.chain.later,
    f.chain.related ?? [],
  ]) {
    for (const l of list)
      add(l.file, l.eventRecordId, l.eventId, l.targetObject ?? l.targetFilename ?? l.commandLine);
  }
  return keys;
}

function labelKeys(ev) {
  const eid = ev.EventID;
  const out = [];
  if (ev.EventRecordID !== null && ev.EventRecordID !== undefined)
    out.push(`${eid}|id|${ev.EventRecordID}`);
  else out.push(`${eid}|t|${norm(ev.TargetObject ?? ev.TargetFilename ?? ev.CommandLine)}`);
  return out;
}

const rows = new Map();
const problems = [];
let filesRun = 0;
for (const [rel, entry] of Object.entries(labels)) {
  if (rel === '_meta') continue;
  if (only && !rel.includes(only)) continue;
  const path = join(corpus, rel);
  const folder = rel.split('/').slice(0, 2).join('/');
  const row = rows.get(folder) ?? {
    files: 0,
    skipped: 0,
    mal: 0,
    malHit: 0,
    cleanup: 0,
    cleanupHit: 0,
    benign: 0,
    benignOk: 0,
    fpFiles: 0,
    findings: 0,
    medPlus: 0,
  };
  rows.set(folder, row);
  row.files++;
  let report;
  try {
    report = hunt([path], { generatedAt: '1970-01-01T00:00:00Z' });
  } catch (err) {
    problems.push(`${rel}: hunt threw: ${err?.stack ?? err}`);
    continue;
  }
  if (report.inputs.every((i) => i.format === 'unknown')) {
    row.skipped++;
    if (verbose) console.log(`  (not readable yet: ${rel})`);
    continue;
  }
  filesRun++;
  const findings = report.findings.map((f) => ({ f, keys: findingKeys(f), sev: rank[f.severity] }));
  row.findings += findings.length;
  row.medPlus += findings.filter((x) => x.sev >= rank.medium).length;
  const malKeys = new Set();
  for (const list of LISTS) {
    for (const ev of entry[list] ?? []) {
      const keys = labelKeys(ev);
      const refs = findings.filter((x) => keys.some((k) => x.keys.has(k)));
      const what = `${rel} #${ev.EventRecordID ?? '?'} EID${ev.EventID} ${ev.TargetObject ?? ev.TargetFilename ?? ev.CommandLine ?? ''}`;
      const best = Math.max(-1, ...refs.map((x) => x.sev));
      if (ev.verdict === 'malicious') {
        keys.forEach((k) => malKeys.add(k));
        row.mal++;
        if (best >= rank.medium) row.malHit++;
        else
          problems.push(
            `MISS      ${what} (best finding: ${best < 0 ? 'none' : Object.keys(rank)[best]})`,
          );
      } else if (ev.verdict === 'cleanup') {
        row.cleanup++;
        if (refs.length > 0) row.cleanupHit++;
        else problems.push(`CLEANUP   ${what}: in no finding`);
      } else if (ev.verdict === 'benign' || ev.verdict === 'not-persistence') {
        row.benign++;
        if (best < rank.medium) row.benignOk++;
        else
          problems.push(
            `FP        ${what}: ${ev.verdict} event in a finding at ${Object.keys(rank)[best]}`,
          );
      }
    }
  }
  if (entry.ground_truth && entry.ground_truth.t1547_001_activity === false) {
    const fps = findings.filter(
      (x) => x.sev >= rank.medium && ![...x.keys].some((k) => malKeys.has(k)),
    );
    if (fps.length > 0) {
      row.fpFiles++;
      for (const x of fps) {
        problems.push(
          `FP-FILE   ${rel}: ${x.f.severity} ${x.f.kind} ${x.f.registry?.targetObject ?? x.f.file?.targetFilename ?? x.f.process.commandLine ?? ''} [${x.f.indicators.map((i) => i.id).join(',')}]`,
        );
      }
    }
  }
}

const header = [
  'folder',
  'files',
  'unread',
  'malicious found',
  'cleanup linked',
  'benign kept < medium',
  'FP files',
  'findings',
  '>= medium',
];
const body = [...rows.entries()].map(([k, r]) => [
  k,
  r.files,
  r.skipped,
  `${r.malHit}/${r.mal}`,
  `${r.cleanupHit}/${r.cleanup}`,
  `${r.benignOk}/${r.benign}`,
  r.fpFiles,
  r.findings,
  r.medPlus,
]);
const tot = [...rows.values()].reduce((a, r) => {
  for (const k of Object.keys(r)) a[k] = (a[k] ?? 0) + r[k];
  return a;
}, {});
body.push([
  '**total**',
  tot.files,
  tot.skipped,
  `${tot.malHit}/${tot.mal}`,
  `${tot.cleanupHit}/${tot.cleanup}`,
  `${tot.benignOk}/${tot.benign}`,
  tot.fpFiles,
  tot.findings,
  tot.medPlus,
]);
console.log('| ' + header.join(' | ') + ' |');
console.log('|' + header.map(() => '---').join('|') + '|');
for (const r of body) console.log('| ' + r.join(' | ') + ' |');
console.log('');
if (problems.length) {
  console.log(`${problems.length} problem(s):`);
  for (const p of problems) console.log('  ' + p);
} else {
  console.log(`eval: all labelled events judged as expected over ${filesRun} readable file(s)`);
}
if (tot.skipped > 0)
  console.log(
    `eval: ${tot.skipped} labelled file(s) could not be read by this build (formats not yet supported)`,
  );
process.exit(problems.length ? 1 : 0);
