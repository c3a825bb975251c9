import type { InputFormat, RawEvent } from '../model/events.js';
import type { ByteSource } from './byte-source.js';
import type { Chunks } from './chunks.js';
import { readCsvChunks, readCsvEvents } from './csv/read-csv.js';
import { readEvtxEvents, readEvtxXml, threadTemplateStore } from './evtx/index.js';
import { ISSUES_PER_CODE } from './issue-limiter.js';
import { readJsonChunks, readJsonEvents } from './json/read-json.js';
import type { EventReader, ReadContext } from './types.js';
import { readXmlChunks, readXmlEvents } from './xml/read-xml.js';

export interface ReaderEntry {
  read: EventReader;
  /**
   * Forward-only reading from a chunk stream (the text formats). Lets an archive member stream
   * from the inflater without being held whole; EVTX needs random access and has none.
   */
  readChunks?: (chunks: Chunks, ctx: ReadContext) => Iterable<RawEvent>;
  /** Native XML rendering where the format has one (EVTX); others render from RawEvent. */
  readXml?: (src: ByteSource, ctx: ReadContext) => Iterable<string>;
}

const json: ReaderEntry = { read: readJsonEvents, readChunks: readJsonChunks };

/** One entry per format sniffFormat can return. */
export const READERS: Partial<Record<InputFormat, ReaderEntry>> = {
  // A damaged EVTX reports each hurt record; the first ISSUES_PER_CODE of a code are listed and
  // the rest summed up (count and skipped bytes), as the text readers do.
  evtx: {
    read: (src, ctx) =>
      readEvtxEvents(src, ctx, {
        issuesPerCode: ISSUES_PER_CODE,
        templates: threadTemplateStore(),
      }),
    readXml: (src, ctx) =>
      readEvtxXml(src, ctx, { issuesPerCode: ISSUES_PER_CODE, templates: threadTemplateStore() }),
  },
  xml: { read: readXmlEvents, readChunks: readXmlChunks },
  json,
  jsonl: json,
  csv: { read: readCsvEvents, readChunks: readCsvChunks },
};

export type { RawEvent };
