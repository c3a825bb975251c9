import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { InputSummary } from '../model/events.js';
import type { Report, Severity } from '../model/finding.js';
import { hunt } from '../hunt.js';
import { renderCsv } from '../report/csv.js';
import { renderHtml } from '../report/html/render-html.js';
import { safeStringify } from '../report/json-text.js';
import { renderNdjson } from '../report/ndjson.js';
import { renderTable } from '../report/table/render-table.js';
import { colorStyle, plainStyle } from '../report/table/style.js';
import { parseSeverity, severityRank } from '../score/severity.js';
import { EXIT } from './exit-codes.js';
import { exitCodeFor, printInputIssues } from './issues.js';
import { HeapGovernor } from './heap-governor.js';
import { Progress } from './progress.js';
import { terminalSafe } from './terminal-safe.js';
import { parseTargets, writeRules } from './rules.js';
import { UsageError } from './usage-error.js';
import { compileRules, type SigmaRuleSet } from '../sigma/index.js';

export type HuntFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'html';

export interface HuntCliOptions {
  format?: HuntFormat;
  output?: string;
  minSeverity?: string;
  failOn?: string;
  baseline?: string[];
  since?: string;
  until?: string;
  quiet?: boolean;
  progress?: boolean;
  color?: boolean;
  threads?: string;
  /** NDJSON as ECS documents. */
  ecs?: boolean;
  /** Table: the full evidence chain of every finding. */
  verbose?: boolean;
  /** Sigma rule files or folders to run alongside. */
  sigma?: string[];
  /** Write the generated rules for the findings here. */
  rulesOut?: string;
  /** Targets for --rules-out (default: every target). */
  target?: string[];
}

export { UsageError };

/**
 * `--threads N` (a positive integer), this thread included: N-1 workers read. Default 1: on the
 * 2-core machines measured so far two threads are no faster on a 200 MB file and 10-35% faster
 * on 1 GB, for a second heap (docs/performance.md); `--threads N` up to the core count is there
 * for large inputs and larger machines.
 */
function threadsOption(v: string | undefined): number {
  if (v === undefined) return 1;
  if (v === 'auto') return availableParallelism();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--threads '${v}' is not a positive integer`);
  return n;
}

export async function huntCommand(paths: string[], o: HuntCliOptions): Promise<number> {
  const toTerminal = !o.output && process.stdout.isTTY === true;
  const format = o.format ?? (toTerminal ? 'table' : 'json');
  const minSeverity = severityOption(
    '--min-severity',
    // ARCHITECTURE.md: low for the reports people read (table, html), everything for data.
    o.minSeverity ?? (format === 'table' || format === 'html' ? 'low' : 'informational'),
  );
  const failOn = o.failOn === undefined ? undefined : severityOption('--fail-on', o.failOn);
  for (const [flag, v] of [
    ['--since', o.since],
    ['--until', o.until],
  ] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v))) {
      throw new UsageError(`${flag} '${v}' is not an ISO 8601 time (e.g. 2024-05-01T00:00:00Z)`);
    }
  }
  if (o.ecs && format !== 'ndjson') throw new UsageError('--ecs applies to --format ndjson');
  const targets = parseTargets(o.target ?? ['all']);
  let sigma: SigmaRuleSet | undefined;
  let rulesFailed = false;
  if (o.sigma?.length) {
    const compiled = compileRules(o.sigma);
    for (const f of compiled.failed) {
      rulesFailed = true;
      if (!o.quiet)
        process.stderr.write(
          terminalSafe(`runhunt: ${f.file}: rule not loaded: ${f.reason}`) + '\n',
        );
    }
    if (compiled.rules.rules.length === 0) {
      throw new UsageError(`no Sigma rule could be loaded from ${o.sigma.join(', ')}`);
    }
    sigma = compiled.rules;
  }
  // Progress only for a person watching stderr; never into a pipe or a log file.
  const progress =
    process.stderr.isTTY === true && !o.quiet && o.progress !== false
      ? new Progress(paths, process.stderr)
      : undefined;
  const inputs: InputSummary[] = [];
  const heap = new HeapGovernor();
  let report: Report;
  try {
    report = hunt(paths, {
      threads: threadsOption(o.threads),
      ...(o.since !== undefined ? { since: o.since } : {}),
      ...(o.until !== undefined ? { until: o.until } : {}),
      ...(o.baseline?.length ? { baselineFiles: o.baseline } : {}),
      ...(sigma ? { sigma } : {}),
      onEvent: progress
        ? (e) => {
            heap.tick();
            progress.onEvent(e);
          }
        : () => heap.tick(),
      onInput: (s) => {
        inputs.push(s);
        progress?.onInput(s);
        if (!o.quiet && s.issues.length > 0) {
          // Wipe the progress line first so the warning is not printed into it.
          progress?.clear();
          printInputIssues(s);
        }
      },
    });
  } finally {
    progress?.clear();
  }
  const shown = filterBySeverity(report, minSeverity);
  const text = render(shown, format, {
    color: !o.output && useColor(o),
    width: o.output ? 160 : process.stdout.columns || envColumns() || 160,
    verbose: o.verbose === true,
    ecs: o.ecs === true,
  });
  if (o.output) writeFileSync(o.output, text);
  // The table escapes its own cells (before colouring); anything else headed for a terminal
  // is made terminal-safe here. JSON and NDJSON are already (safeStringify).
  else if (format === 'csv' && toTerminal) process.stdout.write(terminalSafe(text));
  else process.stdout.write(text);
  if (o.rulesOut) writeRules(shown.findings, o.rulesOut, targets);
  let code = exitCodeFor(inputs);
  if (code === EXIT.USAGE) return code;
  if (rulesFailed && code === EXIT.OK) code = EXIT.INPUT_PROBLEMS;
  if (failOn && report.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) {
    return EXIT.FAIL_ON;
  }
  return code;
}

function severityOption(flag: string, v: string): Severity {
  const s = parseSeverity(v);
  if (!s) {
    throw new UsageError(
      `${flag} '${v}' is not a severity: use informational, low, medium, high or critical`,
    );
  }
  return s;
}

function filterBySeverity(r: Report, min: Severity): Report {
  const rank = severityRank(min);
  const findings = r.findings.filter((f) => severityRank(f.severity) >= rank);
  return {
    ...r,
    findings,
    // One generated rule can cover several findings: keep each once.
    rules: {
      sigma: [...new Set(findings.map((f) => f.rules.sigma ?? '').filter(Boolean))],
      splunk: [...new Set(findings.map((f) => f.rules.splunk ?? '').filter(Boolean))],
    },
  };
}

interface RenderOptions {
  color: boolean;
  width: number;
  verbose: boolean;
  ecs: boolean;
}

/** The report in the chosen format (what `-o` writes or stdout shows). */
export function render(r: Report, format: HuntFormat, opts: RenderOptions): string {
  switch (format) {
    case 'json':
      return safeStringify(r, 2) + '\n';
    case 'ndjson':
      return renderNdjson(r, { ecs: opts.ecs });
    case 'csv':
      return renderCsv(r);
    case 'html':
      return renderHtml(r);
    case 'table':
      return renderTable(r, {
        width: opts.width,
        style: opts.color ? colorStyle() : plainStyle,
        verbose: opts.verbose,
      });
  }
}

/**
 * Colour only for a terminal, and never when the user opted out: `--no-color`, or the
 * NO_COLOR convention (no-color.org: set and not empty), or TERM=dumb.
 */
function useColor(o: HuntCliOptions): boolean {
  if (o.color === false) return false;
  if (process.stdout.isTTY !== true) return false;
  if ((process.env.NO_COLOR ?? '') !== '') return false;
  return process.env.TERM !== 'dumb';
}

function envColumns(): number {
  const n = Number(process.env.COLUMNS);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
