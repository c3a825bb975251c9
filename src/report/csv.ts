import { stringify } from 'csv-stringify/sync';
import type { Finding, Report } from '../model/finding.js';
import { chainSteps, linkedWhat, locationLabel, topReasons, valueLabel } from './finding-view.js';

/**
 * CSV: one row per finding, columns in a fixed, documented order (docs/reports.md). Adding a
 * column appends it; existing columns keep their names and positions.
 */
export const CSV_COLUMNS: readonly { name: string; value: (f: Finding) => string | number }[] = [
  { name: 'id', value: (f) => f.id },
  { name: 'severity', value: (f) => f.severity },
  { name: 'score', value: (f) => f.score },
  { name: 'timestamp', value: (f) => f.timestamp },
  { name: 'host', value: (f) => f.host },
  { name: 'user', value: (f) => f.user },
  { name: 'kind', value: (f) => f.kind },
  { name: 'location', value: (f) => f.location?.id ?? '' },
  { name: 'location_label', value: locationLabel },
  { name: 'target_object', value: (f) => f.registry?.targetObject ?? '' },
  { name: 'key', value: (f) => f.registry?.key ?? '' },
  { name: 'value_name', value: valueLabel },
  { name: 'details', value: (f) => f.registry?.details ?? '' },
  { name: 'target_filename', value: (f) => f.file?.targetFilename ?? '' },
  { name: 'command_executable', value: (f) => f.command?.executable ?? '' },
  { name: 'command_arguments', value: (f) => f.command?.arguments ?? '' },
  { name: 'command_decoded', value: (f) => f.command?.decoded ?? '' },
  { name: 'writer_image', value: (f) => f.process.image },
  { name: 'writer_command_line', value: (f) => f.process.commandLine ?? '' },
  { name: 'writer_parent_image', value: (f) => f.process.parentImage ?? '' },
  { name: 'writer_process_guid', value: (f) => f.process.processGuid },
  { name: 'top_reasons', value: (f) => topReasons(f).join(' ') },
  { name: 'indicators', value: (f) => f.indicators.map((i) => `${i.id}:${i.weight}`).join(' ') },
  { name: 'techniques', value: (f) => f.techniques.map((t) => t.id).join(' ') },
  { name: 'baseline', value: (f) => f.baseline.status },
  {
    name: 'chain',
    value: (f) =>
      chainSteps(f)
        .map((s) => `${s.label} | ${s.event.timestamp} | ${linkedWhat(s.event)}`)
        .join('\n'),
  },
  {
    name: 'evidence',
    value: (f) =>
      f.evidence.map((e) => `${e.file}#${e.eventRecordId ?? '?'}:${e.eventId}`).join(' '),
  },
];

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading TAB/CR that
 * some importers strip first) gets a leading `'`, the OWASP "CSV injection" advice, so opening
 * the file in Excel or LibreOffice never evaluates attacker text such as `=HYPERLINK(...)`.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function renderCsv(report: Pick<Report, 'findings'>): string {
  const rows = report.findings.map((f) =>
    CSV_COLUMNS.map((c) => {
      const v = c.value(f);
      return typeof v === 'number' ? String(v) : neutralizeFormula(v);
    }),
  );
  return stringify([CSV_COLUMNS.map((c) => c.name), ...rows], {
    record_delimiter: 'windows',
  });
}
