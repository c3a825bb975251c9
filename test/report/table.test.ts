/* eslint-disable no-control-regex -- these tests look for control characters */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import type { Report } from '../../src/model/finding.js';
import { renderTable } from '../../src/report/table/render-table.js';
import { colorStyle } from '../../src/report/table/style.js';
import { textWidth } from '../../src/report/text-width.js';
import { hostileReport, TERMINAL_ATTACK } from './hostile.js';

const golden = new URL('../golden/hunt/', import.meta.url);
const reports: Report[] = readdirSync(golden)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, golden), 'utf8')) as Report);
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

test('every table line fits the terminal width, from narrow to wide', () => {
  for (const r of [...reports, hostileReport()]) {
    for (const width of [60, 80, 100, 132, 200]) {
      const text = renderTable(r, { width });
      const lines = text.split('\n');
      const tableStart = lines.findIndex((l) => l.startsWith('SEVERITY'));
      assert.ok(tableStart > 0, 'has a header row');
      for (const l of lines.slice(tableStart)) {
        assert.ok(textWidth(l) <= width, `${width}: ${textWidth(l)} > ${width}: ${l}`);
      }
      assert.equal(lines.slice(tableStart + 1).filter(Boolean).length, r.findings.length);
    }
  }
});

test('attacker escape sequences come out as visible text, with and without colour', () => {
  const r = hostileReport();
  for (const style of [undefined, colorStyle()]) {
    const text = renderTable(r, {
      width: 400,
      verbose: true,
      ...(style ? { style } : {}),
    });
    const plain = stripAnsi(text);
    assert.ok(!plain.includes(TERMINAL_ATTACK), 'raw attack absent');
    assert.ok(plain.includes('pwn\\x1b]0;pwn\\x07\\x1b[2J'));
    // The only escape sequences left are our own SGR colour codes.
    assert.doesNotMatch(plain, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  }
});

test('colour only when asked: severities coloured, plain text otherwise', () => {
  const r = reports.find((x) => x.findings.some((f) => f.severity === 'critical'))!;
  const plain = renderTable(r, { width: 160 });
  assert.doesNotMatch(plain, /\x1b/);
  const coloured = renderTable(r, { width: 160, style: colorStyle() });
  assert.match(coloured, /\x1b\[[0-9;]*mCRITICAL/);
  assert.equal(stripAnsi(coloured), plain);
});

test('--verbose adds the evidence chain, writer to cleanup', () => {
  const r = reports.find((x) => x.findings.some((f) => f.chain.later.length > 0))!;
  const text = renderTable(r, { width: 160, verbose: true });
  assert.match(text, /chain\n\s+writer\s+\S+\s+EID 1 /);
  assert.match(text, /later: deleted/);
  assert.match(text, /reasons\n\s+\+\d+ \S+/);
});

test('the summary counts logs, events, severities, hosts and the hidden findings', () => {
  const r = reports[0]!;
  const shown = { ...r, findings: r.findings.slice(0, 1) };
  const head = renderTable(shown, { width: 160 }).split('\n').slice(0, 3).join('\n');
  assert.match(head, new RegExp(`${r.summary.eventsScanned} events`));
  assert.match(head, new RegExp(`${r.summary.findings} findings?`));
  assert.match(
    head,
    new RegExp(`${r.summary.findings - 1} findings? below the severity threshold`),
  );
  for (const h of r.summary.hosts) assert.ok(head.includes(h), h);
});
