import { writeFileSync } from 'node:fs';
import type { InputSummary } from '../model/events.js';
import type { Report, Severity } from '../model/finding.js';
import { hunt } from '../hunt.js';
import { renderTable } from '../emit/table.js';
import { parseSeverity, severityRank } from '../score/severity.js';
import { EXIT } from './exit-codes.js';
import { exitCodeFor, printInputIssues } from './issues.js';
import { terminalSafe } from './terminal-safe.js';

export interface HuntCliOptions {
  format?: 'table' | 'json' | 'ndjson';
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
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export async function huntCommand(paths: string[], o: HuntCliOptions): Promise<number> {
  const toTerminal = !o.output && process.stdout.isTTY === true;
  const format = o.format ?? (toTerminal ? 'table' : 'json');
  const minSeverity = severityOption(
    '--min-severity',
    o.minSeverity ?? (format === 'table' ? 'low' : 'informational'),
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
  const inputs: InputSummary[] = [];
  const report = hunt(paths, {
    ...(o.since !== undefined ? { since: o.since } : {}),
    ...(o.until !== undefined ? { until: o.until } : {}),
    ...(o.baseline?.length ? { baselineFiles: o.baseline } : {}),
    onInput: (s) => {
      inputs.push(s);
      if (!o.quiet) printInputIssues(s);
    },
  });
  const shown = filterBySeverity(report, minSeverity);
  const text = render(shown, format);
  if (o.output) writeFileSync(o.output, text);
  else process.stdout.write(format === 'table' ? terminalSafe(text) : text);
  const code = exitCodeFor(inputs);
  if (code === EXIT.USAGE) return code;
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
    rules: {
      sigma: findings.map((f) => f.rules.sigma ?? '').filter(Boolean),
      splunk: findings.map((f) => f.rules.splunk ?? '').filter(Boolean),
    },
  };
}

function render(r: Report, format: 'table' | 'json' | 'ndjson'): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'ndjson') return r.findings.map((f) => JSON.stringify(f) + '\n').join('');
  return renderTable(r, r.findings, process.stdout.columns || 160);
}
