/**
 * `runhunt baseline learn|diff|merge|export-sigma` (docs/fleet.md):
 *   learn <path...> -o FILE     a complete baseline from known-clean logs
 *   diff A B                    what changed from A to B (any baseline format, autorunsc included)
 *   merge A B... -o FILE        one baseline knowing everything its inputs know
 *   export-sigma FILE           the baseline as Sigma global filters (an allowlist for SIEM rules)
 */
import { writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import type { InputSummary } from '../model/events.js';
import type { BaselineEntry, BaselineFile } from '../detect/baseline/baseline.js';
import { readBaselineFile as readBaselineOrThrow } from '../detect/baseline/baseline.js';
import { AutorunsFormatError } from '../detect/baseline/autoruns.js';
import { DataFileError } from '../util/data-loader.js';
import { diffBaselines, learnBaseline } from '../detect/baseline/learn.js';
import { mergeBaselines } from '../detect/baseline/merge.js';
import { baselineToSigmaFilters } from '../emit/allowlist-sigma.js';
import { observeEvents } from '../fleet/collect.js';
import { toObservedEntry } from '../fleet/observe.js';
import { readInputs } from '../ingest/read-inputs.js';
import { EXIT } from './exit-codes.js';
import { exitCodeFor, printInputIssues } from './issues.js';
import { terminalSafe } from './terminal-safe.js';

/** A baseline file the user named that cannot be read or is invalid: a usage error, said plainly. */
class BadBaseline extends Error {}

function readBaselineFile(path: string): BaselineFile {
  try {
    return readBaselineOrThrow(path);
  } catch (e) {
    if (e instanceof DataFileError || e instanceof AutorunsFormatError)
      throw new BadBaseline(e.message);
    throw e;
  }
}

/** Runs a command; a bad baseline file ends it with exit code 2 and one line on stderr. */
function guarded(fn: () => number): number {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof BadBaseline)) throw e;
    process.stderr.write(terminalSafe(`runhunt: ${e.message}`) + '\n');
    return EXIT.USAGE;
  }
}

const nameFrom = (file: string): string => basename(file, extname(file)) || 'baseline';

/** YAML (with a header comment) unless the file name ends in .json. */
function serialize(b: BaselineFile, out: string | undefined): string {
  if (out && extname(out).toLowerCase() === '.json') return JSON.stringify(b, null, 2) + '\n';
  return (
    '# runhunt baseline (schemas/data/baseline.schema.json); use with: runhunt hunt --baseline FILE\n' +
    stringify(b, { lineWidth: 0 })
  );
}

function emit(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

export interface LearnCliOptions {
  output: string;
  name?: string;
  withWriters?: boolean;
  quiet?: boolean;
}

export function baselineLearnCommand(paths: string[], o: LearnCliOptions): number {
  const inputs: InputSummary[] = [];
  const events = readInputs(paths, {
    onInput: (s) => {
      inputs.push(s);
      if (!o.quiet) printInputIssues(s);
    },
  });
  const observed = [...observeEvents(events)].map(toObservedEntry);
  const file = learnBaseline(observed, {
    name: o.name ?? nameFrom(o.output),
    generatedAt: new Date().toISOString(),
    ...(o.withWriters ? { withWriters: true } : {}),
  });
  const code = exitCodeFor(inputs);
  if (code === EXIT.USAGE) return code;
  emit(serialize(file, o.output), o.output);
  if (!o.quiet) {
    process.stderr.write(
      `runhunt: learned ${file.entries.length} entries from ${observed.length} autostart writes on ${file.hosts?.length ?? 0} host(s)\n`,
    );
  }
  return code;
}

export interface DiffCliOptions {
  format?: 'text' | 'json';
}

const describe = (e: BaselineEntry): string =>
  `${[e.location].flat().join(',')}${e.scope ? `(${e.scope})` : ''}  ${e.valueName || '(Default)'} = ${e.data}`;

export function baselineDiffCommand(a: string, b: string, o: DiffCliOptions): number {
  return guarded(() => diff(a, b, o));
}

function diff(a: string, b: string, o: DiffCliOptions): number {
  const d = diffBaselines(readBaselineFile(a), readBaselineFile(b));
  if (o.format === 'json') {
    process.stdout.write(JSON.stringify(d, null, 2) + '\n');
    return EXIT.OK;
  }
  const lines = [
    `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed (${a} → ${b})`,
    ...d.added.map((e) => `+ ${describe(e)}`),
    ...d.removed.map((e) => `- ${describe(e)}`),
    ...d.changed.flatMap((c) => [`~ ${describe(c.before)}`, `  → ${c.after.data}`]),
  ];
  process.stdout.write(terminalSafe(lines.join('\n')) + '\n');
  return EXIT.OK;
}

export interface MergeCliOptions {
  output?: string;
  name?: string;
}

export function baselineMergeCommand(files: string[], o: MergeCliOptions): number {
  return guarded(() => merge(files, o));
}

function merge(files: string[], o: MergeCliOptions): number {
  const merged = mergeBaselines(files.map(readBaselineFile), {
    name: o.name ?? (o.output ? nameFrom(o.output) : 'merged'),
    generatedAt: new Date().toISOString(),
  });
  emit(serialize(merged, o.output), o.output);
  return EXIT.OK;
}

export interface ExportSigmaCliOptions {
  output?: string;
  rule?: string[];
}

export function baselineExportSigmaCommand(file: string, o: ExportSigmaCliOptions): number {
  return guarded(() => exportSigma(file, o));
}

function exportSigma(file: string, o: ExportSigmaCliOptions): number {
  const text = baselineToSigmaFilters(
    readBaselineFile(file),
    o.rule?.length ? { rules: o.rule } : {},
  );
  emit(text, o.output);
  return EXIT.OK;
}
