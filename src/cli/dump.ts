import type { InputSummary } from '../model/events.js';
import { dumpLine } from '../emit/dump-line.js';
import { renderEventXml } from '../emit/event-xml.js';
import { readInputs, readInputsXml } from '../ingest/read-inputs.js';
import { exitCodeFor, printInputIssues } from './issues.js';
import { HeapGovernor } from './heap-governor.js';
import { createWriter } from './output.js';

export interface DumpOptions {
  format: 'jsonl' | 'xml';
}

export async function dumpCommand(paths: string[], opts: DumpOptions): Promise<number> {
  const inputs: InputSummary[] = [];
  const onInput = (s: InputSummary): void => {
    inputs.push(s);
    printInputIssues(s);
  };
  const out = createWriter(process.stdout);
  const lines =
    opts.format === 'xml'
      ? readInputsXml(paths, renderEventXml, { onInput })
      : mapLines(readInputs(paths, { onInput }));
  // Peak memory independent of the input's size, as for hunt (heap-governor.ts).
  const heap = new HeapGovernor();
  for (const line of lines) {
    heap.tick();
    await out.write(line + '\n');
  }
  await out.end();
  return exitCodeFor(inputs);
}

function* mapLines(events: ReturnType<typeof readInputs>): Generator<string> {
  for (const e of events) yield dumpLine(e);
}
