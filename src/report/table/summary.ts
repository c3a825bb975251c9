import type { Report, Severity } from '../../model/finding.js';
import { SEVERITIES } from '../../model/finding.js';
import { visibleOneLine } from '../visible.js';
import type { Style } from './style.js';

/**
 * The lines above the table: what was read, how many findings of each severity, which hosts,
 * and how many findings the severity filter hides.
 */
export function renderSummary(report: Report, shown: number, style: Style): string[] {
  const s = report.summary;
  const logs = report.inputs.filter((i) => i.format !== 'unknown');
  const skipped = report.inputs.length - logs.length;
  const mb = report.inputs.reduce((a, i) => a + i.bytes, 0) / 1e6;
  const issues = report.inputs.reduce(
    (a, i) => a + i.issues.filter((x) => x.code !== 'unrecognized-format').length,
    0,
  );
  const read =
    `${plural(logs.length, 'log')} read (${mb.toFixed(1)} MB)` +
    (skipped ? `, ${plural(skipped, 'other file')} skipped` : '') +
    (issues ? `, ${plural(issues, 'input problem')}` : '') +
    `; ${s.eventsScanned.toLocaleString('en-US')} events, ` +
    `${s.autostartEvents.toLocaleString('en-US')} autostart writes`;
  const bySev = [...SEVERITIES]
    .reverse()
    .filter((k: Severity) => s.bySeverity[k] > 0)
    .map((k: Severity) => style.severity(k, `${s.bySeverity[k]} ${k}`))
    .join(', ');
  const findings = `${style.bold(plural(s.findings, 'finding'))}${bySev ? `: ${bySev}` : ''}`;
  const hosts = s.hosts.length
    ? `${plural(s.hosts.length, 'host')}: ${s.hosts.map((h) => visibleOneLine(h)).join(', ')}`
    : 'no hosts';
  const lines = [
    `${style.bold('runhunt')} ${report.tool.version}  ${read}`,
    `${findings}  ·  ${hosts}`,
  ];
  const hidden = s.findings - shown;
  if (hidden > 0) {
    lines.push(
      style.dim(
        `${plural(hidden, 'finding')} below the severity threshold not shown (--min-severity informational shows all)`,
      ),
    );
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
