import type { Finding, Report } from '../../model/finding.js';
import {
  chainSteps,
  linkedWhat,
  locationLabel,
  runsLabel,
  topReasons,
  valueLabel,
  writerLabel,
} from '../finding-view.js';
import { visible, visibleOneLine } from '../visible.js';
import { layoutTable, type Column } from './layout.js';
import { plainStyle, type Style } from './style.js';
import { renderSummary } from './summary.js';

export interface TableOptions {
  /** Terminal width in columns. */
  width?: number;
  style?: Style;
  /** Add the full evidence chain and indicators of every finding below the table. */
  verbose?: boolean;
}

/**
 * The terminal report: a summary, then one line per finding sized to the terminal width.
 * Every cell is made terminal-safe here (before colouring), so the output can go to a
 * terminal as it is.
 */
export function renderTable(report: Report, opts: TableOptions = {}): string {
  const style = opts.style ?? plainStyle;
  const width = Math.max(40, opts.width ?? 160);
  const findings = report.findings;
  const out = renderSummary(report, findings.length, style);
  if (findings.length === 0) {
    out.push('No findings at or above the chosen severity.');
    return out.join('\n') + '\n';
  }
  const columns: Column[] = [
    {
      header: 'SEVERITY',
      min: 8,
      max: 8,
      keep: 100,
      shrink: 0,
      paint: (c, r) => paintSeverity(c, r),
    },
    { header: 'SCORE', min: 5, max: 5, keep: 40, shrink: 0 },
    { header: 'ID', min: 5, max: 6, keep: 30, shrink: 0 },
    { header: 'TIME (UTC)', min: 19, max: 19, keep: 70, shrink: 0 },
    { header: 'HOST', min: 6, max: 24, keep: 60 },
    { header: 'LOCATION', min: 8, max: 36, keep: 80, shrink: 0.8 },
    { header: 'VALUE', min: 6, max: 30, keep: 75 },
    { header: 'RUNS', min: 12, max: 90, keep: 90, shrink: 0.35 },
    { header: 'WRITER', min: 6, max: 22, keep: 50 },
    { header: 'TOP REASONS', min: 10, max: 60, keep: 20, shrink: 1.5 },
  ];
  function paintSeverity(cell: string, row: number): string {
    const f = findings[row];
    return f ? style.severity(f.severity, cell) : cell;
  }
  const rows = findings.map((f) =>
    [
      f.severity.toUpperCase(),
      String(f.score),
      f.id,
      f.timestamp.replace('T', ' ').slice(0, 19),
      f.host,
      locationLabel(f),
      valueLabel(f),
      runsLabel(f),
      writerLabel(f),
      topReasons(f).join(', '),
    ].map(visibleOneLine),
  );
  const [head, ...body] = layoutTable(columns, rows, width);
  out.push('', style.bold(head ?? ''), ...body);
  if (opts.verbose) for (const f of findings) out.push('', ...detailBlock(f, style));
  return out.join('\n') + '\n';
}

/** The full story of one finding: where, what, who wrote it, why it scored, its chain. */
export function detailBlock(f: Finding, style: Style): string[] {
  const v = (s: string): string => visible(s).replace(/\n/g, '\n      ');
  const lines = [
    `${style.severity(f.severity, `${f.id} ${f.severity.toUpperCase()} ${f.score}`)}  ${v(f.timestamp)}  ${v(f.host)}  ${v(f.user)}`,
  ];
  const kv = (k: string, val: string | undefined): void => {
    if (val) lines.push(`  ${style.dim(k.padEnd(10))} ${v(val)}`);
  };
  if (f.location) kv('location', `${f.location.id}: ${f.location.description}`);
  if (f.registry) {
    kv('key', f.registry.targetObject);
    kv('data', f.registry.details);
  }
  if (f.file) kv('file', f.file.targetFilename);
  if (f.command) {
    kv('runs', `${f.command.executable} ${f.command.arguments}`.trim());
    kv('decoded', f.command.decoded);
  }
  kv('writer', f.process.commandLine ?? f.process.image);
  kv('parent', f.process.parentImage);
  kv('baseline', f.baseline.status + (f.baseline.match ? ` (${f.baseline.match})` : ''));
  lines.push(`  ${style.dim('reasons')}`);
  for (const i of [...f.indicators].sort((a, b) => b.weight - a.weight)) {
    const w = i.weight > 0 ? `+${i.weight}` : String(i.weight);
    lines.push(`    ${w.padStart(4)} ${v(i.id)}${i.detail ? style.dim(`  ${v(i.detail)}`) : ''}`);
  }
  if (f.techniques.length) {
    kv('mitre', f.techniques.map((t) => `${t.id} ${t.name}`).join('; '));
  }
  const steps = chainSteps(f);
  if (steps.length) {
    lines.push(`  ${style.dim('chain')}`);
    for (const s of steps) {
      const e = s.event;
      lines.push(
        `    ${style.accent(s.label.padEnd(18))} ${v(e.timestamp)}  EID ${e.eventId}  ${v(linkedWhat(e))}`,
      );
    }
  }
  return lines;
}
