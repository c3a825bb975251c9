import { createHash } from 'node:crypto';
import type { Report } from '../../model/finding.js';
import { REPORT_SCRIPT } from './client-script.js';
import { embedJson } from './embed-json.js';
import { REPORT_CSS } from './styles.js';

/** CSP source for an inline script or style: `'sha256-<base64>'` of its exact text (CSP3 §8.4). */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of the report: nothing is allowed (`default-src 'none'`: no
 * network, fonts, images, frames, forms) except the report's own inline script and stylesheet,
 * named by hash. Even if a value somehow became markup, it could neither run script nor load
 * anything.
 */
export function reportCsp(): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(REPORT_SCRIPT)}`,
    `style-src ${cspHash(REPORT_CSS)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The HTML report: one self-contained file that works offline. The page itself holds only fixed
 * markup; the report data is embedded as JSON and rendered by the report's script with DOM text
 * APIs, so no value from a log is ever written as HTML.
 */
export function renderHtml(report: Report): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>runhunt report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>runhunt report: Run-key and Startup-folder persistence (T1547.001)</h1><div class="meta" id="meta"></div></header>
<main>
<noscript><p>This report is drawn by its own inline script; enable JavaScript, or read the JSON block in the page source.</p></noscript>
<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2><div class="cards" id="cards"></div><div class="sevbar" id="sevbar" aria-hidden="true"></div></section>
<section aria-labelledby="h-timeline"><h2 id="h-timeline">Autostart writes per host</h2><div class="timeline" id="timeline"></div></section>
<section aria-labelledby="h-findings"><h2 id="h-findings">Findings</h2>
<div class="filters" id="filters"><span id="sev-filter"></span><label>host <select id="host-filter"></select></label><input type="search" id="search" placeholder="search value, command, writer" aria-label="search findings"><span class="count" id="count"></span></div>
<table id="findings"><thead><tr><th data-sort="severity">severity</th><th data-sort="time">time (UTC)</th><th data-sort="host">host</th><th data-sort="location">location</th><th data-sort="value">value</th><th data-sort="runs">runs</th><th data-sort="writer">writer</th><th>top reasons</th></tr></thead><tbody id="rows"></tbody></table>
</section>
<section aria-labelledby="h-inputs"><details class="inputs"><summary><h2 id="h-inputs">Inputs</h2></summary><table><thead><tr><th>path</th><th>format</th><th>events</th><th>bytes</th><th>issues</th></tr></thead><tbody id="inputs"></tbody></table></details></section>
</main>
<script type="application/json" id="runhunt-data">${embedJson(report)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
