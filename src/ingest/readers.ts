import type { InputFormat, RawEvent } from '../model/events.js';
import type { ByteSource } from './byte-source.js';
import { readEvtxEvents, readEvtxXml } from './evtx/index.js';
import type { EventReader, ReadContext } from './types.js';

export interface ReaderEntry {
  read: EventReader;
  /** Native XML rendering where the format has one (EVTX); others render from RawEvent. */
  readXml?: (src: ByteSource, ctx: ReadContext) => Iterable<string>;
}

/** One entry per format sniffFormat can return. */
export const READERS: Partial<Record<InputFormat, ReaderEntry>> = {
  evtx: { read: readEvtxEvents, readXml: readEvtxXml },
};

export type { RawEvent };
