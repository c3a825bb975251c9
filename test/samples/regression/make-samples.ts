// Regenerates the regression samples: `npx tsx test/samples/regression/make-samples.ts`.
// Each is a damaged copy of a committed sample; cases.json records the damage (touched ranges).
import { writeFileSync } from 'node:fs';
import { crc32, gzipSync } from 'node:zlib';
import { load, replay } from '../../fuzz/cases.js';
import { repo } from '../../fuzz/inputs.js';

const dir = new URL('./', import.meta.url);
const sysmon = 'test/samples/evtx/sysmon-one-chunk.evtx';
const cases: object[] = [];
for (const [name, seed, bug] of [
  ['bad-name-pointer', 7, 'bad-name issue offset was the pointer value, far past the file'],
  ['damaged-template', 54, 'records whose template was damaged were reported at the template, not at themselves'],
  ['name-with-newline', 246, 'a damaged element name with a newline broke the one-line XML output'],
] as const) {
  const m = replay({ file: `${repo}/${sysmon}`, seed });
  writeFileSync(new URL(`${name}.evtx`, dir), m.bytes);
  cases.push({ file: `${name}.evtx`, original: sysmon, seed, ops: m.ops, touched: m.touched, bug });
}
// A 9 MB event XML with an undeclared entity: saxes went on reporting errors for 86 s.
{
  const text = 'test/samples/ingest/rendered/wevtutil.xml';
  const m = replay({ file: `${repo}/${text}`, seed: 500045 });
  writeFileSync(new URL('xml-error-then-9mb.xml.gz', dir), gzipSync(m.bytes));
  cases.push({
    file: 'xml-error-then-9mb.xml.gz',
    original: text,
    seed: 500045,
    ops: m.ops,
    touched: [],
    bug: 'a damaged 9 MB event: the XML parser kept reporting errors after the first one (86 s)',
  });
}
// A chunk past the header's chunk count whose header was wiped: it was skipped as slack, silently.
const b = Uint8Array.from(load(`${repo}/${sysmon}`).bytes);
const v = new DataView(b.buffer);
v.setUint16(42, 0, true);
v.setUint32(124, crc32(b.subarray(0, 120)), true);
b.fill(0, 4096, 4096 + 1024);
writeFileSync(new URL('slack-chunk-with-records.evtx', dir), b);
cases.push({
  file: 'slack-chunk-with-records.evtx',
  original: sysmon,
  ops: ['chunk count 0', 'zero@4096+1024'],
  touched: [[42, 44], [124, 128], [4096, 5120]],
  bug: 'a chunk past the header count with a wiped header was dropped silently although it held records',
});
writeFileSync(new URL('cases.json', dir), JSON.stringify(cases, null, 2) + '\n');
