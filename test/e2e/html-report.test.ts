import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Playwright from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../src/model/finding.js';
import { hunt } from '../../src/hunt.js';
import { renderHtml } from '../../src/report/html/render-html.js';
import { HTML_ATTACK, hostileReport } from '../report/hostile.js';

/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core (no browser
 * download). One browser for every check, to keep the suite fast.
 */
const CHROMIUM = process.env.RUNHUNT_CHROMIUM ?? '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'runhunt-html-'));
let context: BrowserContext | undefined;
let skipReason = '';

before(async () => {
  if (!existsSync(CHROMIUM)) {
    skipReason = `${CHROMIUM} not installed (apt-get install chromium): browser tests skipped`;
    return;
  }
  let pw: typeof Playwright;
  try {
    pw = await import('playwright-core');
  } catch {
    skipReason = 'playwright-core not installed: browser tests skipped';
    return;
  }
  context = await pw.chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
  });
});

after(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  url: string;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

/** Opens a report file and records every request, dialog and console/page error. */
async function open(report: Report, name: string): Promise<Watched> {
  const file = join(work, name);
  writeFileSync(file, renderHtml(report));
  const url = pathToFileURL(file).href;
  const page = await context!.newPage();
  const w: Watched = { page, url, requests: [], dialogs: [], errors: [] };
  page.on('request', (r) => {
    if (r.url() !== url) w.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
  return w;
}

const rowIds = (p: Page): Promise<string[]> =>
  p.$$eval('tr.finding', (rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));

test('renders the corpus-sample hunt: cards, timeline, rows, filters, sorting, details', async (t) => {
  if (!context) return t.skip(skipReason);
  const report = hunt([join(repo, 'test', 'samples', 'hunt')], {
    generatedAt: '2024-01-01T00:00:00.000Z',
  });
  const n = report.findings.length;
  assert.ok(n > 5, `${n} findings`);
  const w = await open(report, 'corpus.html');
  const p = w.page;

  // Summary cards agree with the report.
  for (const [sev, count] of Object.entries(report.summary.bySeverity)) {
    const text = await p.textContent(`button.card[data-severity="${sev}"] .n`);
    assert.equal(text, String(count), sev);
  }
  assert.equal(await p.locator('tr.finding').count(), n);
  assert.equal(await p.textContent('#count'), `showing ${n} of ${n}`);
  // Timeline: one lane label per host, one dot per finding.
  assert.equal(await p.locator('#timeline circle').count(), n);
  const lanes = await p.$$eval('#timeline text.host', (e) => e.map((x) => x.textContent));
  assert.deepEqual(lanes, report.summary.hosts);

  // Severity filter: hide low.
  const low = report.findings.filter((f) => f.severity === 'low').length;
  assert.ok(low > 0, 'some low findings');
  await p.uncheck('#sev-filter input[data-severity="low"]');
  assert.equal(await p.locator('tr.finding').count(), n - low);
  assert.equal(await p.locator('tr.finding[data-severity="low"]').count(), 0);
  assert.equal(await p.locator('#timeline circle').count(), n - low);
  // The card toggles the same filter.
  assert.equal(await p.getAttribute('button.card[data-severity="low"]', 'aria-pressed'), 'false');
  await p.click('button.card[data-severity="low"]');
  assert.equal(await p.locator('tr.finding').count(), n);

  // Host filter.
  const host = report.summary.hosts[0]!;
  const onHost = report.findings.filter((f) => f.host === host);
  await p.selectOption('#host-filter', host);
  const hosts = await p.$$eval('tr.finding', (r) => r.map((x) => x.getAttribute('data-host')));
  assert.equal(hosts.length, onHost.length);
  assert.ok(
    hosts.every((h) => h === host),
    'rows of the chosen host only',
  );
  await p.selectOption('#host-filter', '');

  // Free-text search over value, command, writer and reasons.
  const ps = report.findings.filter((f) =>
    JSON.stringify([f.registry?.details, f.command, f.process.image])
      .toLowerCase()
      .includes('powershell'),
  );
  await p.fill('#search', 'powershell');
  assert.ok((await p.locator('tr.finding').count()) >= ps.length && ps.length > 0, 'search hits');
  await p.fill('#search', 'no-such-value-anywhere');
  assert.equal(await p.locator('tr.finding').count(), 0);
  assert.equal(await p.textContent('td.empty'), 'No finding matches the filters.');
  await p.fill('#search', '');

  // A timeline dot opens its finding.
  const first = report.findings[0]!;
  await p.locator(`#timeline circle[data-id="${first.id}"]`).dispatchEvent('click');
  assert.equal(await p.locator(`tr.detail[data-id="${first.id}"]`).count(), 1);
  await p.click(`tr.finding[data-id="${first.id}"]`);
  assert.equal(await p.locator('tr.detail').count(), 0);

  // Sorting: by time ascending, then descending.
  await p.click('th[data-sort="time"]');
  const byTime = [...report.findings]
    .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
    .map((f) => f.id);
  assert.deepEqual(await rowIds(p), byTime);
  await p.click('th[data-sort="time"]');
  assert.equal((await rowIds(p))[0], byTime.at(-1));
  assert.equal(await p.getAttribute('th[data-sort="time"]', 'aria-sort'), 'descending');

  // Details: chain from writer to clean-up, indicators, decoded command, Sigma and SPL.
  const f = report.findings.find((x) => x.chain.writer && x.chain.later.length > 0)!;
  await p.click(`tr.finding[data-id="${f.id}"]`);
  const detail = p.locator(`tr.detail[data-id="${f.id}"]`);
  const steps =
    1 + f.chain.payloadCreated.length + f.chain.payloadExecuted.length + f.chain.later.length;
  assert.equal(await detail.locator('.chain li').count(), steps + (f.chain.related?.length ?? 0));
  assert.equal(await detail.locator('.chain .stage-writer').count(), 1);
  assert.equal(await detail.locator('.indicators li').count(), f.indicators.length);
  assert.equal(await detail.locator('.rule-sigma pre').textContent(), f.rules.sigma);
  assert.equal(await detail.locator('.rule-splunk pre').textContent(), f.rules.splunk);
  await detail.locator('.rule-sigma button.copy').click();
  await p.waitForFunction(
    `document.querySelector('tr.detail[data-id="${f.id}"] .rule-sigma button.copy')?.textContent === 'Copied'`,
    undefined,
    { timeout: 2000 },
  );
  const decoded = report.findings.find((x) => x.command?.decoded);
  if (decoded) {
    await p.click(`tr.finding[data-id="${decoded.id}"]`);
    const dd = await p.locator(`tr.detail[data-id="${decoded.id}"] dd`).allTextContents();
    assert.ok(dd.includes(decoded.command!.decoded!), 'decoded command shown');
  }

  // Structural screenshot check: the page lays out top to bottom as designed, at full width.
  await p.evaluate('window.scrollTo(0, 0)');
  const png = await p.screenshot({ fullPage: true });
  assert.equal(png.readUInt32BE(16), 1400, 'PNG width is the viewport width');
  assert.ok(png.readUInt32BE(20) > 1000, 'full page taller than the viewport');
  const box = async (
    sel: string,
  ): Promise<{ x: number; y: number; width: number; height: number }> => {
    const b = await p.locator(sel).first().boundingBox();
    assert.ok(b, `${sel} has a box`);
    return b;
  };
  const [head, cards, timeline, filters, table] = [
    await box('header'),
    await box('#cards'),
    await box('#timeline'),
    await box('#filters'),
    await box('#findings'),
  ];
  const ys = [head.y, cards.y, timeline.y, filters.y, table.y];
  assert.deepEqual(
    [...ys].sort((a, b) => a - b),
    ys,
    `top-to-bottom order: ${ys.join(' ')}`,
  );
  assert.ok(table.width <= 1400 && table.width > 900, `table width ${table.width}`);
  const cardYs = await p.$$eval('#cards .card', (e) => e.map((c) => c.getBoundingClientRect().top));
  assert.equal(new Set(cardYs).size, 1, 'cards on one row');
  assert.deepEqual(w.requests, [], 'no request leaves the page');
  assert.deepEqual(w.dialogs, []);
  assert.deepEqual(w.errors, [], 'no script error or CSP violation');
});

test('a hostile value renders as text: no dialog, no markup, no request', async (t) => {
  if (!context) return t.skip(skipReason);
  const report = hostileReport();
  const w = await open(report, 'hostile.html');
  const p = w.page;
  const f = report.findings.find((x) => x.registry?.valueName === HTML_ATTACK)!;
  assert.ok(f, 'hostile finding');
  const row = p.locator(`tr.finding[data-id="${f.id}"]`);
  assert.equal(await row.locator('td.value').textContent(), HTML_ATTACK);
  await row.click();
  const dd = await p.locator(`tr.detail[data-id="${f.id}"] dd`).allTextContents();
  assert.ok(
    dd.some((t) => t.includes(HTML_ATTACK)),
    'value shown as text in the details',
  );
  // Hover the timeline dot (its tooltip holds the value) and let any handler fire.
  await p.hover(`#timeline circle[data-id="${f.id}"]`);
  await p.waitForTimeout(300);
  assert.equal(await p.locator('img').count(), 0);
  assert.equal(await p.locator('script').count(), 2);
  assert.deepEqual(w.dialogs, [], 'no dialog opened');
  assert.deepEqual(w.requests, [], 'no request left the page');
  assert.deepEqual(w.errors, []);
});
