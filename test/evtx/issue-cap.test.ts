/**
 * Repeated EVTX issues capped the way the text readers cap theirs (src/ingest/evtx/issue-cap.ts):
 * the first ISSUES_PER_CODE of each code listed, the rest in one summary per code, and nothing
 * lost from the accounting (counts and skipped bytes add up to the uncapped list's).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bufferSource } from '../../src/ingest/byte-source.js';
import {
  capIssues,
  evtxChunkSlots,
  readEvtxEvents,
  readEvtxXml,
} from '../../src/ingest/evtx/index.js';
import { ISSUES_PER_CODE } from '../../src/ingest/issue-limiter.js';
import type { InputIssue } from '../../src/model/events.js';
import { ChunkWriter, evtxFile, T, v } from './evtx-builder.js';

const N = ISSUES_PER_CODE;
const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

interface Tally {
  /** Issues of each code: listed ones plus the counts summaries stand for. */
  count: Record<string, number>;
  skipped: number;
}

/** What a list of issues accounts for, reading summaries ("K more ... (M in all)") as counts. */
function tally(issues: readonly InputIssue[]): Tally {
  const count: Record<string, number> = {};
  let skipped = 0;
  for (const i of issues) {
    const more = i.offset === null ? /^(\d+) more "/.exec(i.message) : null;
    count[i.code] = (count[i.code] ?? 0) + (more ? Number(more[1]) : 1);
    skipped += i.skippedBytes ?? 0;
  }
  return { count, skipped };
}

function read(bytes: Uint8Array, issuesPerCode?: number) {
  const issues: InputIssue[] = [];
  const xmlIssues: InputIssue[] = [];
  const opts = issuesPerCode === undefined ? {} : { issuesPerCode };
  const events = [
    ...readEvtxEvents(bufferSource(bytes), { source: 'x', onIssue: (i) => issues.push(i) }, opts),
  ];
  const xml = [
    ...readEvtxXml(bufferSource(bytes), { source: 'x', onIssue: (i) => xmlIssues.push(i) }, opts),
  ];
  return { events, issues, xml, xmlIssues };
}

/** The capped list is the uncapped one's first N per code, then one summary per capped code. */
function assertCapped(all: readonly InputIssue[], capped: readonly InputIssue[]): void {
  const seen: Record<string, number> = {};
  const listed = all.filter((i) => (seen[i.code] = (seen[i.code] ?? 0) + 1) <= N);
  assert.deepEqual(capped.slice(0, listed.length), listed);
  const summaries = capped.slice(listed.length);
  assert.deepEqual(
    summaries.map((s) => [s.code, s.offset]),
    Object.keys(seen)
      .filter((c) => seen[c]! > N)
      .map((c) => [c, null]),
  );
  for (const s of summaries) {
    const rest = all.filter((i) => i.code === s.code).slice(N);
    const bytes = rest.reduce((a, i) => a + (i.skippedBytes ?? 0), 0);
    assert.match(
      s.message,
      new RegExp(`^${rest.length} more "${s.code}" issues .*\\(${N + rest.length} in all\\)`),
    );
    assert.equal(s.skippedBytes, bytes > 0 ? bytes : undefined);
  }
  assert.deepEqual(tally(capped), tally(all));
}

/** `chunks` chunks whose first record (defining the template) is wiped: the rest render empty. */
function wipedTemplates(chunks: number, records: number): Uint8Array {
  const out: Uint8Array[] = [];
  for (let k = 0; k < chunks; k++) {
    const c = new ChunkWriter();
    for (let id = 1; id <= records; id++) {
      c.record(k * records + id, '2020-01-01T00:00:00Z', (w) =>
        w
          .fragmentHeader()
          .template(
            '{DDDDDDDD-0000-0000-0000-000000000001}',
            (t) => t.el('Event', [], (e) => e.el('EventID', [], (x) => x.sub(0, T.UINT16))),
            [v.int(T.UINT16, 1, 2)],
          ),
      );
    }
    const b = c.finish();
    // Record 1 holds the definition: zero its BinXML (header and size copies stay sound).
    const size = new DataView(b.buffer).getUint32(512 + 4, true);
    b.fill(0, 512 + 24, 512 + size - 4);
    out.push(b);
  }
  return evtxFile(out);
}

test('IssueCap: first N per code listed, one summary per code with count and skipped bytes', () => {
  const mk = (code: string, n: number, skip?: number): InputIssue[] =>
    [...Array(n)].map((_, k) => ({
      code,
      offset: 1000 + k,
      message: `${code} ${k}`,
      ...(skip === undefined ? {} : { skippedBytes: skip + k }),
    }));
  const cases: InputIssue[][] = [
    [],
    mk('a', N),
    mk('a', N + 1, 10),
    [...mk('a', 3 * N, 7), ...mk('b', 5), ...mk('c', N + 2)],
    // interleaved codes keep their order of first sight, listed and summarised
    mk('x', 2 * N, 1).flatMap((i, k) => [i, ...mk('y', 1, k)]),
  ];
  for (const all of cases) assertCapped(all, capIssues(all));
  assert.deepEqual(capIssues(mk('a', N + 1)).at(-1), {
    code: 'a',
    offset: null,
    message: `1 more "a" issues in this input (${N + 1} in all)`,
  });
});

test('readEvtxEvents/readEvtxXml with issuesPerCode: capped, same events, accounting intact', () => {
  const bytes = wipedTemplates(2, 30);
  const all = read(bytes);
  const capped = read(bytes, N);
  assert.equal(
    all.issues.filter((i) => i.code === 'empty-record').length,
    60,
    'each chunk: 30 empty records (the wiped one is an end-of-stream token only)',
  );
  assert.deepEqual(capped.events, all.events);
  assert.deepEqual(capped.xml, all.xml);
  assertCapped(all.issues, capped.issues);
  assertCapped(all.xmlIssues, capped.xmlIssues);
  // Without the option: every issue (the fuzz harness's nothing-lost check counts on it).
  assert.deepEqual(read(bytes, Infinity).issues, all.issues);
});

test('chunk ranges read apart and capped after concatenation give the one-pass capped list', () => {
  const bytes = wipedTemplates(4, 12);
  const onePass = read(bytes, N).issues;
  const slots = evtxChunkSlots(bytes.length);
  for (const per of [1, 2, 3]) {
    const parts: InputIssue[] = [];
    for (let from = 0; from < slots; from += per) {
      const ctx = { source: 'x', onIssue: (i: InputIssue) => parts.push(i) };
      for (const _ of readEvtxEvents(bufferSource(bytes), ctx, {
        chunks: { from, to: from + per },
      }));
    }
    assert.deepEqual(capIssues(parts), onePass, `ranges of ${per}`);
  }
});

test('sample_with_a_bad_chunk_magic.evtx: 82 empty-record issues become 20 and a summary', (t) => {
  const path = corpus + 'benign/omerbenamram-evtx/sample_with_a_bad_chunk_magic.evtx';
  if (!existsSync(path)) return t.skip('../shared/corpus not present');
  const bytes = new Uint8Array(readFileSync(path));
  const all = read(bytes);
  const capped = read(bytes, N);
  assert.deepEqual(capped.events, all.events);
  assertCapped(all.issues, capped.issues);
  assertCapped(all.xmlIssues, capped.xmlIssues);
  const empty = capped.issues.filter((i) => i.code === 'empty-record');
  assert.equal(empty.length, N + 1);
  const skipped = all.issues
    .filter((i) => i.code === 'empty-record')
    .slice(N)
    .reduce((a, i) => a + i.skippedBytes!, 0);
  assert.ok(skipped > 0);
  assert.equal(
    empty.at(-1)!.message,
    `${82 - N} more "empty-record" issues in this input (82 in all); together they skipped ${skipped} bytes`,
  );
  assert.equal(empty.at(-1)!.skippedBytes, skipped);
});
