/**
 * Public EVTX API: bytes in, RawEvents (or one-line event XML) out, problems reported through
 * the ReadContext. See docs/evtx-format.md for the format notes behind the code.
 */
import type { RawEvent } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import type { ReadContext } from '../types.js';
import { renderTemplateXml } from './binxml/compiled-xml.js';
import { formatFiletime } from './binxml/format.js';
import { NodeKind } from './binxml/ir.js';
import { renderXml } from './binxml/render-xml.js';
import { newRawEvent, toRawEvent, type WantFilter } from './binxml/to-raw-event.js';
import { readEvtxChunkRange, readEvtxRecords, type ChunkRange, type RecordInfo } from './reader.js';

export { EvtxParseError, type EvtxErrorCode } from './errors.js';
export type { WantFilter } from './binxml/to-raw-event.js';
export { evtxChunkSlots, type ChunkRange } from './reader.js';

export const EVTX_FILE_MAGIC = 'ElfFile\0';

export interface EvtxReadOptions {
  /**
   * Fast path for hunting: called with the System provider and event id before EventData or
   * UserData is decoded. Records it rejects are not yielded; `onSkipped` counts them.
   */
  want?: WantFilter;
  onSkipped?: () => void;
  /** Read only these chunks (parallel hunting splits one large file into chunk ranges). */
  chunks?: ChunkRange;
}

/** Every record as a RawEvent (ARCHITECTURE.md field rules). */
export function* readEvtxEvents(
  src: ByteSource,
  ctx: ReadContext,
  opts: EvtxReadOptions = {},
): Generator<RawEvent> {
  const want = opts.want ?? ctx.want;
  const onSkipped = opts.onSkipped ?? ctx.onSkipped?.bind(ctx);
  const range = opts.chunks ?? { from: 0, to: Infinity };
  yield* readEvtxChunkRange(
    src,
    ctx,
    (chunk, nodes, info) => {
      const ev = newRawEvent(ctx.source, info.recordId, '');
      if (toRawEvent(chunk, nodes, ev, want)) {
        if (ev.provider === '' && ev.eventId === 0 && ev.channel === '') {
          emptyRecord(ctx, info);
          return null;
        }
        // No System/TimeCreated: the record header's written time is the best stand-in.
        if (ev.timeCreated === '') ev.timeCreated = formatFiletime(info.writtenLo, info.writtenHi);
        return ev;
      }
      onSkipped?.();
      return null;
    },
    range,
  );
}

/**
 * Every record as event XML on one line, rendered the way Windows' EvtRender does (single-quoted
 * attributes, `xmlns` on `<Event>`); newlines inside values are written as `&#10;` / `&#13;`.
 */
export function* readEvtxXml(src: ByteSource, ctx: ReadContext): Generator<string> {
  yield* readEvtxRecords(src, ctx, (chunk, nodes, info) => {
    // Records are normally one template instance: render it through its flattened form.
    const only = nodes.length === 1 ? nodes[0]! : null;
    const xml =
      only !== null && only.k === NodeKind.Template
        ? renderTemplateXml(chunk, only.template, only.values, 0)
        : renderXml(chunk, nodes, null, 0);
    if (xml === '') {
      emptyRecord(ctx, info);
      return null;
    }
    return xml;
  });
}

/**
 * A record whose header is sound but whose BinXML renders to nothing (no System, no provider:
 * its template resolved to no content, as in a chunk whose header was overwritten). It is
 * reported, not yielded: an event with no provider or id would only pad the counts, and as XML
 * it would be an empty line.
 */
function emptyRecord(ctx: ReadContext, info: RecordInfo): void {
  ctx.onIssue({
    code: 'empty-record',
    offset: info.offset,
    message: `record ${info.recordId} has no event content (its template or BinXML renders to nothing); skipped`,
  });
}
