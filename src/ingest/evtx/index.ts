// Placeholder: the EVTX reader lands here (readEvtxEvents / readEvtxXml).
import type { RawEvent } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import type { ReadContext } from '../types.js';

export const EVTX_FILE_MAGIC = 'ElfFile\0';

// eslint-disable-next-line require-yield
export function* readEvtxEvents(_src: ByteSource, ctx: ReadContext): Generator<RawEvent> {
  ctx.onIssue({ code: 'not-implemented', offset: 0, message: 'EVTX reader not implemented yet' });
}

// eslint-disable-next-line require-yield
export function* readEvtxXml(_src: ByteSource, ctx: ReadContext): Generator<string> {
  ctx.onIssue({ code: 'not-implemented', offset: 0, message: 'EVTX reader not implemented yet' });
}
