import { padTo, textWidth, truncate } from '../text-width.js';

/** A table column: header, how much it may shrink and how early it is dropped on narrow screens. */
export interface Column {
  header: string;
  /** Never narrower than this (unless dropped). */
  min: number;
  /** Never wider than this. */
  max: number;
  /** Lower numbers are dropped first when even the minimum widths do not fit. */
  keep: number;
  /** How readily it gives up width when the row is too wide (default 1; lower keeps more). */
  shrink?: number;
  /** Applied to the already fitted cell (colour); must not change its width. */
  paint?: (cell: string, row: number) => string;
}

const GAP = 2;

/**
 * Fits the columns to `width` terminal columns: widths start at the content width (capped at
 * `max`); the widest shrinkable column loses a column at a time until the row fits; if the
 * minimums alone are too wide, the least important columns are dropped. Cells must already be
 * one-line and terminal-safe.
 */
export function layoutTable(
  columns: readonly Column[],
  rows: readonly string[][],
  width: number,
): string[] {
  let idx = columns.map((_, i) => i);
  const natural = columns.map((c, i) =>
    Math.min(c.max, Math.max(textWidth(c.header), ...rows.map((r) => textWidth(r[i] ?? '')))),
  );
  const total = (ix: number[], w: number[]): number =>
    ix.reduce((a, i) => a + (w[i] ?? 0), 0) + GAP * Math.max(0, ix.length - 1);
  const mins = columns.map((c, i) => Math.min(c.min, natural[i] ?? 0));
  while (idx.length > 1 && total(idx, mins) > width) {
    const drop = idx.reduce((a, b) => ((columns[b]?.keep ?? 0) < (columns[a]?.keep ?? 0) ? b : a));
    idx = idx.filter((i) => i !== drop);
  }
  const w = [...natural];
  while (total(idx, w) > width) {
    let best = -1;
    for (const i of idx) {
      if ((w[i] ?? 0) <= (mins[i] ?? 0)) continue;
      const slack = (j: number): number =>
        ((w[j] ?? 0) - (mins[j] ?? 0)) * (columns[j]?.shrink ?? 1);
      if (slack(i) > 0 && (best < 0 || slack(i) > slack(best))) best = i;
    }
    if (best < 0) break;
    w[best] = (w[best] ?? 0) - 1;
  }
  const line = (cells: readonly string[], row: number): string =>
    idx
      .map((i) => {
        const cell = padTo(truncate(cells[i] ?? '', w[i] ?? 0), w[i] ?? 0);
        const paint = columns[i]?.paint;
        return row >= 0 && paint ? paint(cell, row) : cell;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [
    line(
      columns.map((c) => c.header),
      -1,
    ),
    ...rows.map((r, n) => line(r, n)),
  ];
}
