import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bufferSource } from '../../src/ingest/byte-source.js';
import type { ChunkContext } from '../../src/ingest/evtx/binxml/chunk-context.js';
import { recordPlan } from '../../src/ingest/evtx/binxml/hunt-plan.js';
import { PlanResult, runPlan } from '../../src/ingest/evtx/binxml/hunt-plan-run.js';
import { NodeKind, type Node } from '../../src/ingest/evtx/binxml/ir.js';
import {
  newRawEvent,
  toRawEvent,
  toRawEventTree,
  type WantFilter,
} from '../../src/ingest/evtx/binxml/to-raw-event.js';
import { readEvtxRecords } from '../../src/ingest/evtx/reader.js';
import { isHuntRelevant } from '../../src/normalize/sysmon.js';
import { evtxFile } from './evtx-builder.js';
import { readEvents } from './helpers.js';
import { buildSyntheticChunk } from './synthetic-chunk.js';

// Hunt plans are a speed layer over the tree walker: for every record, with and without the hunt
// filter, both must fill the same RawEvent (every field, data keys in the same order), give the
// same verdict and fail with the same error.

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const samples = fileURLToPath(new URL('../samples/', import.meta.url));

function evtxUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...evtxUnder(p));
    else if (e.name.toLowerCase().endsWith('.evtx')) out.push(p);
  }
  return out.sort();
}

type Outcome = { wanted: boolean; event: string } | { error: string };

function decodeWith(
  decode: typeof toRawEvent,
  chunk: ChunkContext,
  nodes: Node[],
  want: WantFilter | undefined,
): Outcome {
  const ev = newRawEvent('s', 7, '');
  try {
    const wanted = decode(chunk, nodes, ev, want);
    // JSON keeps the key order of `data`; `version`/`userId` presence is part of the output, and
    // so is `data` having no prototype.
    const data = Object.entries(ev.data);
    const nullProto = Object.getPrototypeOf(ev.data) === null;
    return { wanted, event: JSON.stringify({ ...ev, data, nullProto }) };
  } catch (err) {
    return { error: err instanceof Error ? `${err.constructor.name}: ${err.message}` : 'throw' };
  }
}

interface Tally {
  records: number;
  planned: number;
  /** Records whose decoding failed (with the same error on both paths, or they differ). */
  failed: number;
  differ: string[];
}

function compare(name: string, bytes: Uint8Array, tally: Tally): void {
  const records = readEvtxRecords(
    bufferSource(bytes),
    { source: name, onIssue: () => {} },
    (chunk, nodes, info) => {
      tally.records++;
      const only = nodes.length === 1 ? nodes[0]! : null;
      const plan = only !== null && only.k === NodeKind.Template ? recordPlan(only.template) : null;
      if (plan !== null && only !== null && only.k === NodeKind.Template) {
        const ev = newRawEvent('s', 7, '');
        try {
          if (runPlan(chunk, plan, only.values, ev, undefined) !== PlanResult.Walk) tally.planned++;
        } catch {
          // counted by the comparison below
        }
      }
      for (const want of [undefined, isHuntRelevant]) {
        const fast = decodeWith(toRawEvent, chunk, nodes, want);
        const tree = decodeWith(toRawEventTree, chunk, nodes, want);
        if ('error' in tree) tally.failed++;
        if (JSON.stringify(fast) !== JSON.stringify(tree) && tally.differ.length < 5) {
          tally.differ.push(
            `${name} record ${info.recordId} at ${info.offset} (want: ${want !== undefined}): ` +
              `${JSON.stringify(fast)} vs ${JSON.stringify(tree)}`,
          );
        }
      }
      return null;
    },
  );
  for (const _ of records) void _;
}

test('hunt plans: synthetic chunk (arrays, BinXML values, UserData) decodes as the tree walker does', () => {
  const tally: Tally = { records: 0, planned: 0, failed: 0, differ: [] };
  compare('synthetic', evtxFile([buildSyntheticChunk().finish()]), tally);
  assert.deepEqual(tally.differ, []);
  assert.ok(tally.records > 0);
});

test('hunt plans: every record of test/samples decodes as the tree walker does', () => {
  const tally: Tally = { records: 0, planned: 0, failed: 0, differ: [] };
  for (const path of evtxUnder(samples))
    compare(relative(samples, path), readFileSync(path), tally);
  assert.deepEqual(tally.differ, []);
  assert.ok(tally.planned > tally.records * 0.8, `${tally.planned} of ${tally.records} planned`);
});

test('hunt plans: every record of the shared corpus decodes as the tree walker does', (t) => {
  if (!existsSync(corpus)) return t.skip('../shared/corpus not present');
  const tally: Tally = { records: 0, planned: 0, failed: 0, differ: [] };
  for (const path of evtxUnder(corpus)) compare(relative(corpus, path), readFileSync(path), tally);
  assert.deepEqual(tally.differ, []);
  // Most Windows records are decoded by their plans (arrays in EventData send the rest, 14% of
  // the corpus and no event the hunt reads, to the walker).
  assert.ok(tally.planned > tally.records * 0.8, `${tally.planned} of ${tally.records} planned`);
});

test('hunt plans: damaged records (seeded byte changes) decode or fail as the tree walker does', () => {
  const tally: Tally = { records: 0, planned: 0, failed: 0, differ: [] };
  let seed = 0x5eed;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  for (const name of ['sysmon-one-chunk.evtx', 'system-one-chunk.evtx']) {
    const clean = readFileSync(join(samples, 'evtx', name));
    for (let variant = 0; variant < 80; variant++) {
      const bytes = Uint8Array.from(clean);
      // Past the file and chunk headers: records, templates, names and values get hit.
      for (let k = 0; k < 12; k++) bytes[4096 + 512 + rand(clean.length - 4608)] = rand(256);
      compare(`${name}#${variant}`, bytes, tally);
    }
  }
  assert.deepEqual(tally.differ, []);
  assert.ok(
    tally.planned > 0 && tally.failed > 0,
    `${tally.planned} planned, ${tally.failed} failed`,
  );
});

test('hunt plans: a repeated System string is not taken from an earlier chunk', () => {
  // The plans keep the last provider/channel/computer bytes per template and reuse the text when
  // the bytes repeat. Chunk 2 is chunk 1 with the provider renamed (same length, same offsets):
  // every record of it must still say the new name.
  const clean = readFileSync(join(samples, 'evtx', 'sysmon-one-chunk.evtx'));
  const chunk1 = clean.subarray(4096, 4096 + 65536);
  const chunk2 = Buffer.from(chunk1);
  const from = Buffer.from('Microsoft-Windows-Sysmon', 'utf16le');
  const to = Buffer.from('Microsoft-Windows-SysmoX', 'utf16le');
  for (let at = chunk2.indexOf(from); at >= 0; at = chunk2.indexOf(from, at + 1))
    to.copy(chunk2, at);
  const tally: Tally = { records: 0, planned: 0, failed: 0, differ: [] };
  compare('renamed', evtxFile([chunk1, chunk2]), tally);
  assert.deepEqual(tally.differ, []);
  const providers = new Map<string, number>();
  for (const e of readEvents(evtxFile([chunk1, chunk2])).items) {
    providers.set(e.provider, (providers.get(e.provider) ?? 0) + 1);
  }
  assert.equal(providers.size, 2);
  assert.equal(
    providers.get('Microsoft-Windows-SysmoX'),
    providers.get('Microsoft-Windows-Sysmon'),
  );
});
