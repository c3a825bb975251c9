/**
 * Chunks are decoded in place from the ByteSource's view (chunk-context.ts load), which the
 * source may reuse at its next read. A source that overwrites its one buffer on every read must
 * give exactly what an in-memory source gives: nothing read from a chunk outlives it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bufferSource, type ByteSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, readEvtxXml } from '../../src/ingest/evtx/index.js';
import type { InputIssue } from '../../src/model/events.js';
import { evtxFile } from './evtx-builder.js';
import { buildSyntheticChunk } from './synthetic-chunk.js';

/** Serves every read from one scratch buffer, scribbled over first. */
function reusingSource(bytes: Uint8Array): ByteSource {
  const inner = bufferSource(bytes);
  const scratch = new Uint8Array(1 << 17);
  return {
    size: inner.size,
    read(offset, length) {
      const got = inner.read(offset, length);
      scratch.fill(0xa5);
      scratch.set(got);
      return scratch.subarray(0, got.length);
    },
  };
}

const file = evtxFile([
  buildSyntheticChunk().finish(),
  buildSyntheticChunk().finish(),
  buildSyntheticChunk().finish().subarray(0, 40000),
]);

function read(src: ByteSource): { xml: string[]; events: unknown[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const ctx = { source: 't.evtx', onIssue: (i: InputIssue) => issues.push(i) };
  const xml = [...readEvtxXml(src, ctx)];
  const events = [...readEvtxEvents(src, ctx)].map((e) => ({ ...e, data: { ...e.data } }));
  return { xml, events, issues };
}

test('a source that reuses its buffer reads like an in-memory one', () => {
  const want = read(bufferSource(file));
  assert.ok(want.xml.length >= 10, `${want.xml.length} records`);
  assert.ok(want.issues.some((i) => i.code === 'truncated-chunk'));
  assert.deepEqual(read(reusingSource(file)), want);
});
