// runhunt's EVTX reader API with no output: reads every event of each file given and prints one
// JSON line with the counts. Measures the reader alone (no rendering, no stdout writes).
// Usage: node bench/probes/reader-api.mjs FILE...
import { fileSource } from '../../dist/ingest/byte-source.js';
import { readEvtxEvents } from '../../dist/ingest/evtx/index.js';

let events = 0;
let issues = 0;
let fields = 0;
for (const path of process.argv.slice(2)) {
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
