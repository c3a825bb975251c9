import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fileSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents } from '../../src/ingest/evtx/index.js';
import type { InputIssue, RawEvent } from '../../src/model/events.js';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const present = existsSync(corpus);

function read(path: string): { events: RawEvent[]; issues: InputIssue[] } {
  const src = fileSource(path);
  const issues: InputIssue[] = [];
  try {
    const events = [...readEvtxEvents(src, { source: path, onIssue: (i) => issues.push(i) })];
    return { events, issues };
  } finally {
    src.close();
  }
}

const span = (a: number, b: number): number[] => [...Array(b - a + 1)].map((_, i) => a + i);

test('sample_with_a_bad_chunk_magic.evtx: every intact record plus an issue for the bad chunk', (t) => {
  if (!present) return t.skip('../shared/corpus not present');
  const { events, issues } = read(
    join(corpus, 'benign/omerbenamram-evtx/sample_with_a_bad_chunk_magic.evtx'),
  );
  const ids = new Set(events.map((e) => e.recordId));
  // The 267 records libevtx (evtxexport) reads; python-evtx adds 3 damaged ones, the evtx crate
  // counts 270 ok + 2 errors. runhunt reads all 267 and recovers 31 more (47675-47705) by
  // resyncing past a damaged record inside the chunk at 0x71000.
  const intact = [...span(46728, 46740), ...span(47628, 47639), ...span(45691, 45932)];
  assert.deepEqual(
    intact.filter((id) => !ids.has(id)),
    [],
  );
  // The two chunks with a damaged magic still hold whole record headers (45963-46029,
  // 47613-47627), but their start, where the templates are defined, is wiped: the 82 records
  // render to nothing and are each reported as empty-record, not yielded.
  assert.equal(events.length, 298);
  const empty = issues
    .filter((i) => i.code === 'empty-record')
    .map((i) => Number(/record (\d+)/.exec(i.message)?.[1]))
    .sort((a, b) => a - b);
  assert.deepEqual(empty, [...span(45963, 46029), ...span(47613, 47627)]);
  assert.deepEqual(
    span(47675, 47705).filter((id) => !ids.has(id)),
    [],
  );
  const bad = issues.filter((i) => i.code === 'bad-chunk-magic');
  assert.deepEqual(
    bad.map((i) => [i.offset, i.skippedBytes]),
    [
      [397312, undefined],
      [659456, undefined],
    ],
  );
  assert.deepEqual(
    issues.filter((i) => i.code === 'bad-record-size').map((i) => i.offset),
    [12228, 470636, 650820, 700124],
  );
});

test('every corpus EVTX reads with the event count of labels.json, without decoder errors', (t) => {
  if (!present) return t.skip('../shared/corpus not present');
  const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8')) as Record<
    string,
    { total_events?: number }
  >;
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.evtx')) files.push(p);
    }
  };
  walk(corpus);
  assert.ok(files.length > 100);
  const wrong: string[] = [];
  for (const f of files) {
    const rel = relative(corpus, f);
    const { events, issues } = read(f);
    const internal = issues.filter((i) => i.code === 'internal-error');
    if (internal.length) wrong.push(`${rel}: ${internal[0]!.message}`);
    if (rel.endsWith('sample_with_a_bad_chunk_magic.evtx')) continue;
    const want = labels[rel]?.total_events;
    if (want !== undefined && want !== events.length)
      wrong.push(`${rel}: ${events.length} events, labels say ${want}`);
    if (issues.length) wrong.push(`${rel}: ${issues.map((i) => i.code).join(', ')}`);
  }
  assert.deepEqual(wrong, []);
});
