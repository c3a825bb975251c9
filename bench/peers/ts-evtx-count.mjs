// @ts-evtx/core as a peer: renders every record of each file given to XML (its equivalent of
// `evtxexport -f xml`) and prints one JSON line with the counts.
// EvtxFile.open/openSync refuse files over 100 MB; the bench file is larger, so the file is read
// the same way openSync does (readFileSync) and handed to the EvtxFile constructor directly
// (private in the .d.ts only). The parsing work is unchanged.
// A record that renders as an empty `<Event/>` (or throws) is counted apart: that is a failure,
// not an event read. Files that fail to open are counted in `failedFiles`.
// Usage: node bench/peers/ts-evtx-count.mjs FILE...
import { readFileSync } from 'node:fs';
import { EvtxFile } from '@ts-evtx/core';

let records = 0;
let rendered = 0;
let emptyRenders = 0;
let renderErrors = 0;
let failedFiles = 0;
let xmlChars = 0;
for (const path of process.argv.slice(2)) {
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
      try {
        const xml = record.renderXml();
        xmlChars += xml.length;
        if (xml.includes('<System>')) rendered++;
        else emptyRenders++;
      } catch {
        renderErrors++;
      }
    }
  } catch {
    failedFiles++;
  }
}
process.stdout.write(
  JSON.stringify({ events: rendered, records, emptyRenders, renderErrors, failedFiles, xmlChars }) +
    '\n',
);
