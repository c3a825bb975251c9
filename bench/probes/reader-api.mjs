// runhunt's EVTX reader API with no output: reads every event of each file given and prints one
// JSON line with the counts. Measures the reader alone (no rendering, no stdout writes).
// Usage: node bench/probes/reader-api.mjs RUNHUNT_ROOT FILE...
// RUNHUNT_ROOT holds the built dist/ (the bench measures a snapshot, see bench/lib/snapshot.mjs).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, ...files] = process.argv.slice(2);
const load = (rel) => import(pathToFileURL(join(root, 'dist', rel)).href);
const { fileSource } = await load('ingest/byte-source.js');
const { readEvtxEvents } = await load('ingest/evtx/index.js');

let events = 0;
let issues = 0;
let fields = 0;
for (const path of files) {
  const src = fileSource(path);
  try {
    const ctx = { source: path, onIssue: () => issues++ };
    for (const e of readEvtxEvents(src, ctx)) {
      events++;
      // Touch the event so a lazy reader cannot skip the work.
      if (e.eventId >= 0 && e.data) fields++;
    }
  } finally {
    src.close();
  }
}
process.stdout.write(JSON.stringify({ events, issues, fields }) + '\n');
