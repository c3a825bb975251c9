import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import type { Report } from '../../src/model/finding.js';
import { CSV_COLUMNS, neutralizeFormula, renderCsv } from '../../src/report/csv.js';
import { hostileReport } from './hostile.js';

const golden = new URL('../golden/hunt/', import.meta.url);
const reports: Report[] = [
  hostileReport(),
  ...readdirSync(golden)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(new URL(f, golden), 'utf8')) as Report),
];

test('formula cells get a leading quote; everything else is untouched', () => {
  const cases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-enc AAA', "'-enc AAA"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=x', "'\t=x"],
    ['\r=x', "'\r=x"],
    ['C:\\a.exe', 'C:\\a.exe'],
    [' =leading space', ' =leading space'],
    ['', ''],
  ];
  for (const [i, o] of cases) assert.equal(neutralizeFormula(i), o);
});

test('CSV parsed back by a CSV library round-trips every field of every finding', () => {
  for (const r of reports) {
    const text = renderCsv(r);
    const rows = parse(text, { bom: true, relax_column_count: false }) as string[][];
    assert.deepEqual(
      rows[0],
      CSV_COLUMNS.map((c) => c.name),
    );
    assert.equal(rows.length, r.findings.length + 1);
    r.findings.forEach((f, n) => {
      const row = rows[n + 1] ?? [];
      CSV_COLUMNS.forEach((c, i) => {
        const want = String(c.value(f));
        const got = row[i] ?? '';
        if (/^[=+\-@\t\r]/.test(want)) {
          assert.equal(got, `'${want}`, `${f.id} ${c.name} neutralised`);
        } else {
          assert.equal(got, want, `${f.id} ${c.name}`);
        }
      });
    });
  }
});

test('the hostile findings come out neutralised in CSV', () => {
  const rows = parse(renderCsv(hostileReport())) as string[][];
  const header = rows[0] ?? [];
  const col = (name: string): number => header.indexOf(name);
  const csvRow = rows.find((r) => r[col('host')] === 'WS-CSV');
  assert.ok(csvRow, 'csvRow found');
  assert.match(csvRow[col('value_name')] ?? '', /^'=HYPERLINK/);
  assert.match(csvRow[col('command_executable')] ?? '', /^'-c/);
  for (const row of rows.slice(1)) {
    for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  }
});

test('property: any cell text survives CSV and is never read as a formula', () => {
  const base = hostileReport().findings[0]!;
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      const f = { ...base, registry: { ...base.registry!, valueName: s, details: s } };
      const rows = parse(renderCsv({ findings: [f] })) as string[][];
      const header = rows[0] ?? [];
      const cell = rows[1]?.[header.indexOf('details')] ?? '';
      assert.equal(cell, /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
    }),
    { numRuns: 200 },
  );
});
