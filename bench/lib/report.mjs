// Turns measured suites into the markdown written to bench/RESULTS.md (and printed).
const MB = 1e6;

function fmt(n, digits = 1) {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(digits);
}

function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return 'n/a';
  return `${a / b >= 10 ? (a / b).toFixed(1) : (a / b).toFixed(2)}x`;
}

/** One markdown table for a suite; ratios are events/s against each peer row of the same suite. */
export function suiteTable(suite) {
  const peers = suite.ratioPeers.filter((id) => suite.rows.some((r) => r.id === id && r.ok));
  const peerRow = (id) => suite.rows.find((r) => r.id === id);
  const head = [
    'tool',
    'runs',
    'median s (min–max)',
    'CPU s',
    'MB/s',
    'events/s',
    'peak RSS MB',
    'events',
    ...peers.map((id) => `× ${id}`),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of suite.rows) {
    const cells = r.ok
      ? [
          r.tool,
          String(r.runs.length),
          `${fmt(r.medianSec, 2)} (${fmt(r.minSec, 2)}–${fmt(r.maxSec, 2)})`,
          fmt(r.cpuSec, 2),
          fmt(r.mbps),
          fmt(r.eps, 0),
          fmt(r.rssMb),
          r.events === null ? 'n/a' : r.events.toLocaleString('en-US'),
          ...peers.map((id) => (id === r.id ? '1x' : ratio(r.eps, peerRow(id).eps))),
        ]
      : [r.tool, String(r.runs.length), 'failed', '', '', '', '', '', ...peers.map(() => '')];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function suiteMarkdown(suite) {
  const parts = [
    `### ${suite.title}`,
    '',
    `Input: ${suite.inputText}, ${fmt(suite.bytes / MB)} MB.`,
    '',
    suiteTable(suite),
  ];
  const notes = suite.rows.flatMap((r) => r.notes.map((n) => `- ${r.tool}: ${n}`));
  notes.push(...suite.notes.map((n) => `- ${n}`));
  if (notes.length) parts.push('', ...notes);
  return parts.join('\n');
}

/** Targets from issues 2, 3 and 8, checked on the big-file suite (and the larger file when run). */
export function targetLines(big, scale) {
  if (!big) return [];
  const row = (id) => big.rows.find((r) => r.id === id && r.ok);
  const out = [];
  const check = (label, value, pass) =>
    out.push(`| ${label} | ${value} | ${pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL'} |`);
  const xml = row('dump-xml');
  const ee = row('evtxexport');
  const ts = row('ts-evtx');
  const h1 = row('hunt-1');
  const hn = row('hunt-n');
  const jsonl = row('dump-jsonl');
  const r = (a, b) => (a && b ? a.eps / b.eps : NaN);
  const ok = (v, min) => (Number.isFinite(v) ? v >= min : null);
  // Wall-time ratio decides; the CPU-time ratio (same events, CPU seconds) is shown beside it
  // because on a loaded machine it is the steadier number.
  const both = (a, b) =>
    `${ratio(a?.eps, b?.eps)} (CPU time: ${a && b ? ratio(b.cpuSec, a.cpuSec) : 'n/a'})`;
  check('dump --format xml events/s ≥ 6x evtxexport', both(xml, ee), ok(r(xml, ee), 6));
  check('dump --format xml events/s ≥ 6x @ts-evtx/core', both(xml, ts), ok(r(xml, ts), 6));
  check(
    'dump --format xml peak RSS < 150 MB',
    xml ? `${fmt(xml.rssMb)} MB` : 'n/a',
    xml && Number.isFinite(xml.rssMb) ? xml.rssMb < 150 : null,
  );
  if (h1) {
    const t = jsonl ? h1.medianSec / jsonl.medianSec : NaN;
    check(
      'hunt time ≤ 1.5x dump (jsonl) time (issue 3)',
      Number.isFinite(t) ? `${t.toFixed(2)}x` : 'n/a',
      Number.isFinite(t) ? t <= 1.5 : null,
    );
    check('hunt 1 thread events/s ≥ 25x evtxexport (issue 8)', both(h1, ee), ok(r(h1, ee), 25));
    check(
      'hunt peak RSS < 200 MB (issue 8)',
      `${fmt(h1.rssMb)} MB`,
      Number.isFinite(h1.rssMb) ? h1.rssMb < 200 : null,
    );
  }
  if (h1 && hn) {
    check(
      'hunt all threads ≥ 1.7x one thread (issue 8)',
      ratio(hn.eps, h1.eps),
      ok(r(hn, h1), 1.7),
    );
  }
  for (const id of ['dump-xml', 'hunt-1']) {
    const small = row(id);
    const large = scale?.rows.find((x) => x.id === id && x.ok);
    if (!small || !large) continue;
    const growth = large.rssMb / small.rssMb;
    check(
      `${large.tool} peak RSS on ${fmt(scale.bytes / MB, 0)} MB within 10% of ${fmt(big.bytes / MB, 0)} MB (issue 8)`,
      `${fmt(large.rssMb)} vs ${fmt(small.rssMb)} MB (${growth.toFixed(2)}x)`,
      Number.isFinite(growth) ? growth <= 1.1 : null,
    );
  }
  return ['| target | measured | result |', '|---|---|---|', ...out];
}
