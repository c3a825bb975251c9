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
import { IssueCap } from './issue-cap.js';
import { TemplateStore } from './binxml/chunk-context.js';
import { newRawEvent, toRawEvent, type WantFilter } from './binxml/to-raw-event.js';
import { readEvtxChunkRange, readEvtxRecords, type ChunkRange, type RecordInfo } from './reader.js';

export { EvtxParseError, type EvtxErrorCode } from './errors.js';
export { capIssues, IssueCap } from './issue-cap.js';
export type { WantFilter } from './binxml/to-raw-event.js';
export { evtxChunkSlots, type ChunkRange } from './reader.js';
export { TemplateStore } from './binxml/chunk-context.js';

export const EVTX_FILE_MAGIC = 'ElfFile\0';

export interface EvtxReadOptions {
  /**
   * Fast path for hunting: called with the System provider and event id before EventData or
   * UserData is decoded. Records it rejects are not yielded; `onSkipped` counts them.
   */
  want?: WantFilter;
  onSkipped?: () => void;
  /** Only these EventData names are needed (ReadContext.fields); default: every field. */
  fields?: ReadonlySet<string>;
  /** Read only these chunks (parallel hunting splits one large file into chunk ranges). */
  chunks?: ChunkRange;
  /**
   * Cap repeated issues as the text readers do (IssueCap; ISSUES_PER_CODE is their number): the
   * first this many of each code are reported, the rest summed up (count and skipped bytes) in
   * one issue per code at the end. Default: every issue, one per damaged record (the fuzz
   * harness's nothing-lost check needs each). It caps what this call reads: to cap a file read
   * in chunk ranges, cap the ranges' concatenated issues with capIssues instead.
   */
  issuesPerCode?: number;
  /**
   * Decoded templates to share with other reads (binxml/chunk-context.ts TemplateStore): the
   * output is the same with or without, reading many chunk ranges or files of a fleet is
   * faster with one. Default: a store of this read's own.
   */
  templates?: TemplateStore;
}

let threadStore: TemplateStore | null = null;

/**
 * One TemplateStore for every read of this thread that asks for it (the CLI's readers and a
 * hunt worker's chunk ranges): a template decoded once serves every later chunk, range and
 * file of this thread. Sharing never changes what is read (see TemplateStore), and the store is
 * bounded, so it lives as long as the thread.
 */
export function threadTemplateStore(): TemplateStore {
  return (threadStore ??= new TemplateStore());
}

/** The ctx to read with and the flush to call at the end, per `issuesPerCode`. */
function capped(ctx: ReadContext, perCode: number | undefined): [ReadContext, () => void] {
  if (perCode === undefined || perCode === Infinity) return [ctx, () => {}];
  const cap = new IssueCap((i) => ctx.onIssue(i), perCode);
  return [{ source: ctx.source, onIssue: (i) => cap.report(i) }, () => cap.flush()];
}

/** Every record as a RawEvent (ARCHITECTURE.md field rules). */
export function* readEvtxEvents(
  src: ByteSource,
  ctx: ReadContext,
  opts: EvtxReadOptions = {},
): Generator<RawEvent> {
  const want = opts.want ?? ctx.want;
  const fields = opts.fields ?? ctx.fields;
  const onSkipped = opts.onSkipped ?? ctx.onSkipped?.bind(ctx);
  const range = opts.chunks ?? { from: 0, to: Infinity };
  const [c, flush] = capped(ctx, opts.issuesPerCode);
  // The event of the last record the filter rejected, when it can serve the next record: a hunt
  // rejects three records in four, and each fresh event allocates a dictionary for its data.
  let spare: RawEvent | null = null;
  try {
    yield* readEvtxChunkRange(
      src,
      c,
      (chunk, nodes, info) => {
        const ev =
          spare !== null ? reset(spare, info.recordId) : newRawEvent(ctx.source, info.recordId, '');
        spare = null;
        if (toRawEvent(chunk, nodes, ev, want, fields)) {
          if (ev.provider === '' && ev.eventId === 0 && ev.channel === '') {
            emptyRecord(c, info);
            return null;
          }
          // No System/TimeCreated: the record header's written time is the best stand-in.
          if (ev.timeCreated === '')
            ev.timeCreated = formatFiletime(info.writtenLo, info.writtenHi);
          return ev;
        }
        if (reusable(ev)) spare = ev;
        onSkipped?.();
        return null;
      },
      range,
      opts.templates,
    );
  } finally {
    flush();
  }
}

/**
 * A rejected record's event is as new once its header fields are reset, unless decoding gave it
 * data or an optional field (then a fresh one is made, with the usual shape).
 */
function reusable(ev: RawEvent): boolean {
  if (ev.version !== undefined || ev.userId !== undefined) return false;
  for (const _ in ev.data) return false;
  return true;
}

function reset(ev: RawEvent, recordId: number): RawEvent {
  ev.recordId = recordId;
  ev.timeCreated = '';
  ev.eventId = 0;
  ev.provider = '';
  ev.channel = '';
  ev.computer = '';
  return ev;
}

/**
 * Every record as event XML on one line, rendered the way Windows' EvtRender does (single-quoted
 * attributes, `xmlns` on `<Event>`); newlines inside values are written as `&#10;` / `&#13;`.
 */
export function* readEvtxXml(
  src: ByteSource,
  ctx: ReadContext,
  opts: Pick<EvtxReadOptions, 'issuesPerCode' | 'templates'> = {},
): Generator<string> {
  const [c, flush] = capped(ctx, opts.issuesPerCode);
  try {
    yield* readEvtxRecords(
      src,
      c,
      (chunk, nodes, info) => {
        // Records are normally one template instance: render it through its flattened form.
        const only = nodes.length === 1 ? nodes[0]! : null;
        const xml =
          only !== null && only.k === NodeKind.Template
            ? renderTemplateXml(chunk, only.template, only.values, 0)
            : renderXml(chunk, nodes, null, 0);
        if (xml === '') {
          emptyRecord(c, info);
          return null;
        }
        return xml;
      },
      opts.templates,
    );
  } finally {
    flush();
  }
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
    skippedBytes: info.size,
  });
}
