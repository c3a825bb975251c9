/**
 * Writes the README screenshots (docs/screenshots/*.png) with Debian's chromium:
 *   node --import tsx test/e2e/make-screenshots.ts
 * The terminal table is the real coloured table of the sample hunt, its ANSI colours turned
 * into spans of a <pre>; the HTML report is the real report of the same hunt.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { hunt } from '../../src/hunt.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { renderTable } from '../../src/report/table/render-table.js';
import { colorStyle } from '../../src/report/table/style.js';
import { severityRank } from '../../src/score/severity.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const out = join(repo, 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'runhunt-shots-'));

const report = hunt([join(repo, 'test', 'samples', 'hunt')], {
  generatedAt: '2024-01-01T00:00:00.000Z',
});
// Paths relative to the repository, as a user running from its root would see them.
for (const i of report.inputs) i.path = i.path.replace(repo, '');

const SGR: Record<string, [string, string]> = {
  '1': ['font-weight:bold', 'bold'],
  '2': ['opacity:.65', 'dim'],
  '31': ['color:#ff6b6b', 'fg'],
  '33': ['color:#e5c07b', 'fg'],
  '35': ['color:#c678dd', 'fg'],
  '36': ['color:#56b6c2', 'fg'],
  '37': ['color:#ffffff', 'fg'],
  '41': ['background:#c0282d', 'bg'],
};
const RESET: Record<string, string[]> = { '22': ['bold', 'dim'], '39': ['fg'], '49': ['bg'] };

/** ANSI SGR (as picocolors writes it) to HTML spans; everything else escaped as text. */
function ansiToHtml(text: string): string {
  const esc = (s: string): string =>
    s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
  const active = new Map<string, string>();
  let html = '';
  // eslint-disable-next-line no-control-regex
  for (const part of text.split(/(\x1b\[[0-9;]*m)/)) {
    // eslint-disable-next-line no-control-regex
    const m = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (!m) {
      const style = [...active.values()].join(';');
      html += style ? `<span style="${style}">${esc(part)}</span>` : esc(part);
      continue;
    }
    for (const code of (m[1] ?? '').split(';')) {
      const set = SGR[code];
      if (set) active.set(set[1] === 'fg' || set[1] === 'bg' ? set[1] : code, set[0]);
      for (const k of RESET[code] ?? []) active.delete(k === 'bold' ? '1' : k === 'dim' ? '2' : k);
    }
  }
  return html;
}

const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.RUNHUNT_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
  deviceScaleFactor: 1,
});
try {
  // Terminal table at 150 columns, low and above (the table default).
  const shown = {
    ...report,
    findings: report.findings.filter((f) => severityRank(f.severity) >= severityRank('low')),
  };
  const table = renderTable(shown, { width: 150, style: colorStyle() });
  const termFile = join(work, 'terminal.html');
  writeFileSync(
    termFile,
    `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e2127">` +
      `<pre id="t" style="display:inline-block;margin:0;padding:14px 18px;color:#dcdfe4;` +
      `font:13px/1.35 'DejaVu Sans Mono',monospace">` +
      `<span style="color:#98c379">$</span> runhunt hunt test/samples/hunt\n${ansiToHtml(table)}</pre>`,
  );
  const term = await browser.newPage();
  await term.goto(pathToFileURL(termFile).href);
  await term.locator('#t').screenshot({ path: join(out, 'terminal-table.png') });

  const htmlFile = join(work, 'report.html');
  writeFileSync(htmlFile, renderHtml(report));
  const page = await browser.newPage();
  await page.goto(pathToFileURL(htmlFile).href);
  await page.waitForSelector('html[data-ready="true"]');
  const open = report.findings.find((f) => f.location?.id === 'run-once' && f.chain.writer);
  if (open) await page.click(`tr.finding[data-id="${open.id}"]`);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({
    path: join(out, 'html-report.png'),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1400, height: 1500 },
  });
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
