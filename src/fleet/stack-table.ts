/** Plain-text table of a stack result: one line per entry, rarest first. */
import type { StackResult } from './stack.js';

const clip = (s: string, n: number): string => (s.length <= n ? s : s.slice(0, n - 1) + '…');

export function renderStackTable(r: StackResult, width = 160): string {
  const lines = [`${r.entries.length} autostart entries on ${r.hosts} host(s), rarest first`, ''];
  const header = ['HOSTS', 'USERS', 'KEY', 'VALUE', 'DATA (as logged)'];
  const rows = r.entries.map((e) => [
    `${e.hostCount}/${r.hosts}`,
    String(e.users.length),
    e.key,
    e.valueName === '' ? '(Default)' : e.valueName,
    e.examples[0] ?? e.data,
  ]);
  const fixed = [7, 5];
  const rest = Math.max(60, width - fixed[0]! - fixed[1]! - 8);
  const keyW = Math.min(Math.floor(rest * 0.4), maxLen(rows, 2, header));
  const nameW = Math.min(Math.floor(rest * 0.2), maxLen(rows, 3, header));
  const dataW = Math.max(10, rest - keyW - nameW);
  const widths = [fixed[0]!, fixed[1]!, keyW, nameW, dataW];
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => clip(c.replace(/[\r\n\t]/g, ' '), widths[i]!).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header));
  for (const row of rows) lines.push(fmt(row));
  return lines.join('\n') + '\n';
}

function maxLen(rows: string[][], col: number, header: string[]): number {
  let n = header[col]!.length;
  for (const r of rows) n = Math.max(n, r[col]!.length);
  return n;
}
