/**
 * Templates shared across chunks by their print (binxml/parser.ts findPrint): a definition with
 * the same bytes at the same offset reuses the template decoded in an earlier chunk, but only when
 * the names it refers back to (stored elsewhere in its chunk) are the same bytes too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChunkContext } from '../../src/ingest/evtx/binxml/chunk-context.js';
import { NodeKind, type Node, type Template } from '../../src/ingest/evtx/binxml/ir.js';
import { parseFragment } from '../../src/ingest/evtx/binxml/parser.js';
import { ChunkWriter, evtxFile, T, v, type BinXmlWriter } from './evtx-builder.js';
import { readXml } from './helpers.js';

const FIRST = '{11111111-1111-1111-1111-111111111111}';
const SECOND = '{22222222-2222-2222-2222-222222222222}';

/**
 * Record 1 defines FIRST, whose element name `name` is stored inline; record 2 defines SECOND,
 * which refers back to that name. With names of equal length, SECOND's definition bytes and
 * offset are the same in every chunk built here, while the name it means is not.
 */
function chunk(name: string): Uint8Array {
  const c = new ChunkWriter();
  const body = (w: BinXmlWriter): void => {
    w.el('Event', [], (e) => e.el(name, [], (x) => x.sub(0, T.STRING)));
  };
  c.record(1, '2020-01-01T00:00:00Z', (w) =>
    w.fragmentHeader().template(FIRST, body, [v.str('one')]),
  );
  c.record(2, '2020-01-01T00:00:01Z', (w) =>
    w.fragmentHeader().template(SECOND, body, [v.str('two')]),
  );
  return c.finish();
}

test('a definition whose bytes match an earlier chunk still reads its own back-referenced names', () => {
  const { items, issues } = readXml(evtxFile([chunk('Alpha'), chunk('Bravo'), chunk('Alpha')]));
  assert.deepEqual(issues, []);
  const names = items.map((x) => /<Event><(\w+)>/.exec(x)?.[1]);
  assert.deepEqual(names, ['Alpha', 'Alpha', 'Bravo', 'Bravo', 'Alpha', 'Alpha']);
  assert.match(items[3]!, /<Bravo>two<\/Bravo>/);
});

/** The templates of a chunk's records, in record order. */
function templatesOf(ctx: ChunkContext, bytes: Uint8Array): Template[] {
  ctx.load(bytes);
  const out: Template[] = [];
  for (let off = 512; off < ctx.size && ctx.view.getUint32(off, true) === 0x2a2a;) {
    const size = ctx.view.getUint32(off + 4, true);
    const nodes: Node[] = parseFragment(ctx, off + 24, off + size - 4, true, 0);
    for (const n of nodes) if (n.k === NodeKind.Template) out.push(n.template);
    off += size;
  }
  return out;
}

test('identical definitions resolve to the template decoded first; different names do not', () => {
  const ctx = new ChunkContext(65536);
  const alpha = templatesOf(ctx, chunk('Alpha'));
  const bravo = templatesOf(ctx, chunk('Bravo'));
  const again = templatesOf(ctx, chunk('Alpha'));
  assert.equal(alpha.length, 2);
  assert.ok(again[0] === alpha[0] && again[1] === alpha[1], 'shared across chunks');
  assert.ok(bravo[0] !== alpha[0] && bravo[1] !== alpha[1], 'not shared: other names');
  const inner = (t: Template): string => {
    const ev = t.nodes[0];
    assert.ok(ev?.k === NodeKind.Element);
    const el = ev.children[0];
    assert.ok(el?.k === NodeKind.Element);
    return el.name;
  };
  assert.deepEqual(bravo.map(inner), ['Bravo', 'Bravo']);
  assert.deepEqual(again.map(inner), ['Alpha', 'Alpha']);
});
