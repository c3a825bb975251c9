import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Report } from '../../model/finding.js';
import fc from 'fast-check';
import { embedJson } from './embed-json.js';
import { renderHtml } from './render-html.js';

const tricky = [
  '</script><script>alert(1)</script>',
  '<!-- <script>',
  '"><img src=x onerror=alert(1)>',
  'a\u2028b\u2029c',
  '&amp; &lt;',
];

test('embedded JSON has no markup characters and parses back to the same value', () => {
  for (const s of tricky) {
    const text = embedJson({ s });
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), { s });
  }
});

function minimalReport(valueName: string): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'runhunt', version: '0.0.0' },
    generatedAt: '2024-01-01T00:00:00.000Z',
    inputs: [],
    summary: {
      eventsScanned: 0,
      autostartEvents: 0,
      findings: 0,
      bySeverity: { informational: 0, low: 0, medium: 0, high: 0, critical: 0 },
      hosts: [valueName],
    },
    findings: [],
    rules: { sigma: [], splunk: [] },
  };
}

test('the page is self-contained: CSP by hash, no external references, data only in JSON', () => {
  const html = renderHtml(minimalReport(tricky.join(' ')));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp);
  assert.match(csp, /^default-src 'none'; /);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:/);
  // Each inline script/style is allowed by the hash of its exact text.
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const sha = (t: string): string => createHash('sha256').update(t).digest('base64');
  assert.ok(csp.includes(`script-src 'sha256-${sha(script)}'`));
  assert.ok(csp.includes(`style-src 'sha256-${sha(style)}'`));
  assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  // No attribute or CSS that could fetch anything (outside the JSON block, which is data).
  const markup = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
  assert.doesNotMatch(markup, /\s(src|href|srcset|action)=|@import|url\(/i);
  // Exactly two script elements: the JSON block and the report's own script.
  assert.equal(html.match(/<script\b/g)?.length, 2);
  for (const s of tricky) assert.ok(!html.includes(s));
});

test('property: embedded JSON round-trips any string and never contains markup', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const text = embedJson({ s, a: [s] });
      assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
      assert.deepEqual(JSON.parse(text), { s, a: [s] });
    }),
  );
});
