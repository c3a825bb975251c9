/**
 * One TemplateStore shared by many reads (binxml/chunk-context.ts): the CLI's readers and each
 * hunt worker keep one per thread across files and chunk ranges. Sharing must never change what
 * a file reads as: every file read after any others, in any order, with one store, gives the
 * events, XML and issues it gives on its own. Damaged files (repaired templates, bad names) are
 * in the mix, so a repair cannot leak into an intact file through the store either.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CORPUS_DIR, evtxFilesUnder, SAMPLES_DIR } from '../evtx-files.js';
import { bufferSource } from '../../src/ingest/byte-source.js';
import {
  readEvtxEvents,
  readEvtxXml,
  TemplateStore,
  type EvtxReadOptions,
} from '../../src/ingest/evtx/index.js';
import type { InputIssue } from '../../src/model/events.js';
import { ChunkWriter, evtxFile, T, v } from './evtx-builder.js';

/** Two files whose template has the same GUID, offset and bytes but a different element name. */
function sameGuidOtherName(name: string): Uint8Array {
  const c = new ChunkWriter();
  c.record(1, '2020-01-01T00:00:00Z', (w) =>
    w
      .fragmentHeader()
      .template(
        '{33333333-3333-3333-3333-333333333333}',
        (b) => b.el('Event', [], (e) => e.el(name, [], (x) => x.sub(0, T.STRING))),
        [v.str(name)],
      ),
  );
  return evtxFile([c.finish()]);
}

interface Inputs {
  name: string;
  bytes: Uint8Array;
}

/** Everything one read of a file gives, as one comparable value. */
function readAll(bytes: Uint8Array, templates?: TemplateStore): unknown {
  const issues: InputIssue[] = [];
  const ctx = { source: 't.evtx', onIssue: (i: InputIssue) => void issues.push(i) };
  const opts: EvtxReadOptions = templates ? { templates } : {};
  const events = [...readEvtxEvents(bufferSource(bytes), ctx, opts)].map((e) => ({
    ...e,
    data: { ...e.data },
  }));
  const xml = [...readEvtxXml(bufferSource(bytes), ctx, opts)];
  return { events, xml, issues };
}

function checkShared(files: Inputs[]): void {
  const alone = files.map((f) => readAll(f.bytes));
  for (const order of [files.map((_, i) => i), files.map((_, i) => files.length - 1 - i)]) {
    const store = new TemplateStore();
    for (const i of order) {
      assert.deepEqual(readAll(files[i]!.bytes, store), alone[i], files[i]!.name);
    }
  }
}

test('one template store across files reads every file as it reads alone, in either order', () => {
  const files: Inputs[] = evtxFilesUnder(SAMPLES_DIR).map((p) => ({
    name: p,
    bytes: readFileSync(p),
  }));
  files.push({ name: 'Alpha', bytes: sameGuidOtherName('Alpha') });
  files.push({ name: 'Bravo', bytes: sameGuidOtherName('Bravo') });
  assert.ok(files.length >= 11, `${files.length} sample files`);
  checkShared(files);
});

test('one template store across the corpus EVTX files changes nothing', (t) => {
  if (!existsSync(CORPUS_DIR)) return t.skip('../shared/corpus not present');
  const files = evtxFilesUnder(CORPUS_DIR).map((p) => ({ name: p, bytes: readFileSync(p) }));
  assert.ok(files.length > 100, `${files.length} corpus files`);
  checkShared(files);
});
