// @ts-evtx/core as a peer: renders every record of each file given to XML (its equivalent of
// `evtxexport -f xml`).
//   node bench/peers/ts-evtx-count.mjs [--print] FILE...
// With --print the XML goes to stdout, one record per line, in 1 MB batches that wait for the
// pipe to drain (as runhunt's writer does), so it is measured exactly like `evtxexport -f xml` and
// `runhunt dump --format xml`; the counts go to stderr. Without it nothing is written and the
// counts are the one line on stdout.
// EvtxFile.open/openSync refuse files over 100 MB; the bench file is larger, so the file is read
// the same way openSync does (readFileSync) and handed to the EvtxFile constructor directly
// (private in the .d.ts only). The parsing work is unchanged.
// A record that renders without a <System> element (an empty `<Event/>`) or throws is counted
// apart: that is a failure, not an event read. Files that fail to open count in `failedFiles`.
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { EvtxFile } from '@ts-evtx/core';

const args = process.argv.slice(2);
const print = args[0] === '--print';
const files = print ? args.slice(1) : args;
const HIGH_WATER = 1 << 20;
let parts = [];
let size = 0;
const flush = async () => {
  if (size === 0) return;
  const chunk = parts.join('');
  parts = [];
  size = 0;
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
};

let records = 0;
let rendered = 0;
let emptyRenders = 0;
let renderErrors = 0;
let failedFiles = 0;
let xmlChars = 0;
for (const path of files) {
  let file;
  try {
    file = new EvtxFile(readFileSync(path));
  } catch {
    failedFiles++;
    continue;
  }
  try {
    for (const record of file.records()) {
      records++;
      let xml;
      try {
        xml = record.renderXml();
      } catch {
        renderErrors++;
        continue;
      }
      xmlChars += xml.length;
      if (xml.includes('<System>')) rendered++;
      else emptyRenders++;
      if (print) {
        parts.push(xml, '\n');
        size += xml.length + 1;
        if (size >= HIGH_WATER) await flush();
      }
    }
  } catch {
    failedFiles++;
  }
}
await flush();
const counts = { events: rendered, records, emptyRenders, renderErrors, failedFiles, xmlChars };
(print ? process.stderr : process.stdout).write(JSON.stringify(counts) + '\n');
