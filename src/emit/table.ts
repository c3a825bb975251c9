import type { Finding, Report } from '../model/finding.js';

/**
 * A plain text table of findings (one line each) with a one-line summary. Values are not
 * escaped here: the CLI passes the text through its terminal-safety filter before printing.
 */
export function renderTable(report: Report, findings: readonly Finding[], width = 160): string {
  const s = report.summary;
  const sev = Object.entries(s.bySeverity)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const head =
    `${report.inputs.length} input(s), ${s.eventsScanned} events, ${s.autostartEvents} autostart events, ` +
    `${s.findings} finding(s)${sev ? ` (${sev})` : ''}, ${s.hosts.length} host(s)`;
  if (findings.length === 0) return head + '\nNo findings at or above the chosen severity.\n';
  const rows = findings.map((f) => [
    f.severity.toUpperCase(),
    String(f.score),
    f.timestamp.replace('T', ' ').slice(0, 19),
    f.host,
    where(f),
    runs(f),
    baseName(f.process.image),
    f.indicators
      .filter((i) => i.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 3)
      .map((i) => i.id)
      .join(','),
  ]);
  const header = [
    'SEVERITY',
    'SCORE',
    'TIME (UTC)',
    'HOST',
    'WHERE',
    'RUNS',
    'WRITER',
    'TOP REASONS',
  ];
  return head + '\n' + layout([header, ...rows], width) + '\n';
}

function where(f: Finding): string {
  if (f.registry) {
    const name = f.registry.valueName || (f.registry.targetObject.endsWith('\\') ? '(hidden)' : '');
    return `${f.location?.id ?? f.registry.key}${name ? ` : ${name}` : ''}`;
  }
  if (f.file) return f.file.targetFilename;
  return f.location?.id ?? '';
}

function runs(f: Finding): string {
  if (f.command?.decoded) return `${f.command.executable} [decoded] ${f.command.decoded}`;
  if (f.command) return `${f.command.executable} ${f.command.arguments}`.trim();
  if (f.registry) return f.registry.details;
  return f.process.commandLine ?? '';
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** Columns sized to the content; the widest columns shrink (with `…`) to fit the width. */
function layout(rows: string[][], width: number): string {
  const cols = rows[0]?.length ?? 0;
  const w = Array.from({ length: cols }, (_, i) =>
    Math.min(80, Math.max(...rows.map((r) => oneLine(r[i] ?? '').length))),
  );
  const sep = 2;
  while (w.reduce((a, b) => a + b, 0) + sep * (cols - 1) > width) {
    const i = w.indexOf(Math.max(...w));
    if ((w[i] ?? 0) <= 8) break;
    w[i] = (w[i] ?? 0) - 1;
  }
  return rows
    .map((r) =>
      r
        .map((cell, i) => fit(oneLine(cell), w[i] ?? 0))
        .join(' '.repeat(sep))
        .trimEnd(),
    )
    .join('\n');
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ');
}

function fit(s: string, n: number): string {
  return s.length > n ? s.slice(0, Math.max(0, n - 1)) + '…' : s.padEnd(n);
}
