import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bufferSource } from '../../src/ingest/byte-source.js';
import { renderTemplateXml } from '../../src/ingest/evtx/binxml/compiled-xml.js';
import { NodeKind } from '../../src/ingest/evtx/binxml/ir.js';
import { renderXml } from '../../src/ingest/evtx/binxml/render-xml.js';
import { readEvtxRecords } from '../../src/ingest/evtx/reader.js';
import { evtxFile } from './evtx-builder.js';
import { buildSyntheticChunk } from './synthetic-chunk.js';

// The flattened-template renderer is a speed layer: it must agree with the tree renderer on
// every record (it falls back to the tree for arrays and nested template definitions).
const inputs: Array<[string, Uint8Array]> = [
  ['synthetic', evtxFile([buildSyntheticChunk().finish()])],
  ...['sysmon-one-chunk.evtx', 'system-one-chunk.evtx'].map((n): [string, Uint8Array] => [
    n,
    readFileSync(new URL(`../samples/evtx/${n}`, import.meta.url)),
  ]),
];

for (const [name, bytes] of inputs) {
  test(`${name}: flattened XML equals tree-rendered XML for every record`, () => {
    let compared = 0;
    const differ = [
      ...readEvtxRecords(
        bufferSource(bytes),
        { source: name, onIssue: () => {} },
        (chunk, nodes, info) => {
          const only = nodes.length === 1 ? nodes[0]! : null;
          if (only === null || only.k !== NodeKind.Template) return null;
          compared++;
          const flat = renderTemplateXml(chunk, only.template, only.values, 0);
          return flat === renderXml(chunk, nodes, null, 0) ? null : info.recordId;
        },
      ),
    ];
    assert.deepEqual(differ, []);
    assert.ok(compared > 0);
  });
}
