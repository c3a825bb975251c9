import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFormat, InputIssue, InputSummary, RawEvent } from '../model/events.js';
import { openArchive } from './archive/open.js';
import { ARCHIVE_LIMITS } from './archive/limits.js';
import { spillToTempFile, SpillUnavailableError } from './archive/spill.js';
import { sniffContainer } from './archive/sniff-container.js';
import type { InputStream } from './archive/types.js';
import { bufferSource, fileSource, type ByteSource } from './byte-source.js';
import { concatBytes, peekChunks, sourceChunks } from './chunks.js';
import { READERS, type ReaderEntry } from './readers.js';
import { sniffFormat } from './sniff.js';
import { stdinChunks } from './stdin.js';
import type { ReadContext, WantFilter } from './types.js';

const SNIFF_BYTES = 4096;

/** The input name that means standard input. */
export const STDIN_PATH = '-';

/** Expands files and folders (recursively, in sorted order) into the list of files to read. */
export function expandPaths(
  paths: readonly string[],
  onIssue: (s: InputSummary) => void,
): string[] {
  const out: string[] = [];
  const visit = (p: string): void => {
    if (p === STDIN_PATH) {
      out.push(p);
      return;
    }
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      onIssue(failedInput(p, 'unreadable', `cannot open: ${errorText(err)}`));
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p).sort();
      } catch (err) {
        onIssue(failedInput(p, 'unreadable', `cannot list folder: ${errorText(err)}`));
        return;
      }
      for (const name of names) visit(join(p, name));
    } else if (st.isFile()) {
      out.push(p);
    } else {
      // A device (/dev/zero), FIFO or socket has no size and may never end: refuse it with a
      // message rather than drop it silently (found by H9: `hunt /dev/zero` said nothing).
      onIssue(
        failedInput(
          p,
          'unreadable',
          'not a regular file (a device, pipe or socket): give files, folders, or - for stdin',
        ),
      );
    }
  };
  for (const p of paths) visit(p);
  return out;
}

export interface ReadInputsOptions {
  /** Called once per input when it has been read completely (or failed). */
  onInput?: (summary: InputSummary) => void;
  /**
   * Only events of these providers and ids are needed (`hunt`): readers that can decide before
   * decoding a record skip the others cheaply (EVTX after two values; JSON and CSV before
   * mapping the data fields, when the record names its provider); event XML yields everything.
   */
  want?: WantFilter;
  /** Only these EventData fields are needed (`hunt`, see ReadContext.fields). */
  fields?: ReadonlySet<string>;
}

type Mode<T> = (entry: ReaderEntry, stream: InputStream, ctx: ReadContext) => Iterable<T>;

function* readWith<T>(
  paths: readonly string[],
  mode: Mode<T>,
  opts: ReadInputsOptions,
): Generator<T> {
  const report = opts.onInput ?? (() => {});
  const { want, fields } = opts;
  if (want || fields) {
    const inner = mode;
    const filter = { ...(want ? { want } : {}), ...(fields ? { fields } : {}) };
    mode = (entry, stream, ctx) => inner(entry, stream, { ...ctx, ...filter });
  }
  for (const path of expandPaths(paths, report)) {
    if (path === STDIN_PATH) {
      yield* readStream(path, path, { chunks: stdinChunks(), size: null }, mode, report, 0, []);
      continue;
    }
    let src;
    try {
      src = fileSource(path);
    } catch (err) {
      report(failedInput(path, 'unreadable', `cannot open: ${errorText(err)}`));
      continue;
    }
    try {
      const stream: InputStream = { src, chunks: sourceChunks(src), size: src.size };
      yield* readStream(path, path, stream, mode, report, 0, []);
    } finally {
      src.close();
    }
  }
}

/**
 * Reads one input: an archive is opened and each member read as its own input
 * (`archive.zip!member`); anything else is sniffed and handed to its reader.
 * `leafPath` names the input if it is a log, `containerPath` if it is an archive (they differ only
 * for the gzip layer of a .tar.gz, whose tar members are listed under the .tar.gz itself).
 */
function* readStream<T>(
  leafPath: string,
  containerPath: string,
  input: InputStream,
  mode: Mode<T>,
  report: (s: InputSummary) => void,
  depth: number,
  inheritedIssues: InputIssue[],
): Generator<T> {
  let stream = input;
  let head: Uint8Array;
  if (stream.src) {
    head = stream.src.read(0, SNIFF_BYTES).slice();
  } else {
    const peeked = peekChunks(stream.chunks, SNIFF_BYTES);
    head = peeked.head;
    stream = { ...stream, chunks: peeked.all };
  }

  const container = sniffContainer(head);
  if (container) {
    const archiveIssues: InputIssue[] = [];
    if (depth >= ARCHIVE_LIMITS.maxNesting) {
      archiveIssues.push({
        code: 'archive-too-deep',
        offset: null,
        message: `archive nested more than ${ARCHIVE_LIMITS.maxNesting} deep; not opened`,
      });
    } else {
      const onIssue = (i: InputIssue): void => void archiveIssues.push(i);
      for (const m of openArchive(container, containerPath, stream, ARCHIVE_LIMITS, onIssue)) {
        const memberPath = `${containerPath}!${m.name}`;
        yield* readStream(
          memberPath,
          m.transparent ? containerPath : memberPath,
          m.stream,
          mode,
          report,
          depth + 1,
          m.issues,
        );
      }
    }
    // The archive itself is an input of its own only when something about it went wrong.
    const issues = [...inheritedIssues, ...archiveIssues];
    if (issues.length > 0) {
      report({ path: containerPath, format: 'unknown', events: 0, bytes: input.size ?? 0, issues });
    }
    return;
  }

  const format = sniffFormat(head, leafPath);
  const entry = format ? READERS[format] : undefined;
  if (!format || !entry) {
    report({
      path: leafPath,
      format: 'unknown',
      events: 0,
      bytes: input.size ?? 0,
      issues: [
        {
          code: 'unrecognized-format',
          offset: null,
          message: 'not a log format runhunt reads (EVTX, event XML, JSON, CSV)',
        },
        ...inheritedIssues,
      ],
    });
    return;
  }
  const counted = countBytes(stream);
  const summary: InputSummary = {
    path: leafPath,
    format,
    events: 0,
    bytes: input.size ?? 0,
    issues: [],
  };
  const ctx: ReadContext = {
    source: leafPath,
    onIssue: (i) => summary.issues.push(i),
    // Records a fast-path filter skipped were read all the same: they count as events.
    onSkipped: () => void summary.events++,
  };
  for (const item of mode(entry, counted.stream, ctx)) {
    summary.events++;
    yield item;
  }
  if (input.size === null) summary.bytes = counted.bytes();
  // Member-level problems (damaged compressed data) surface once the member has been read.
  summary.issues.push(...inheritedIssues);
  report(summary);
}

/** Wraps a stream's chunks to count the bytes read (for members whose size is not known). */
function countBytes(stream: InputStream): { stream: InputStream; bytes: () => number } {
  let n = 0;
  const chunks = (function* () {
    for (const c of stream.chunks) {
      n += c.length;
      yield c;
    }
  })();
  return { stream: { ...stream, chunks }, bytes: () => (stream.src ? stream.src.size : n) };
}

/** Random access for a stream that has none (EVTX inside an archive, EVTX on stdin). */
/**
 * Random access to a forward-only stream (EVTX on stdin): copied to a private temporary file
 * (src/ingest/archive/spill.ts), so it is read a window at a time like any file; only where no
 * temporary file can be made is it held in memory, up to maxBufferedBytes.
 */
function* readMaterialized<T>(
  stream: InputStream,
  ctx: ReadContext,
  read: (src: ByteSource) => Iterable<T>,
): Generator<T> {
  if (stream.src) {
    yield* read(stream.src);
    return;
  }
  let spilled;
  try {
    spilled = spillToTempFile(stream.chunks, { maxBytes: ARCHIVE_LIMITS.maxSpillBytes }, (i) =>
      ctx.onIssue(i),
    );
  } catch (err) {
    if (!(err instanceof SpillUnavailableError)) throw err;
    ctx.onIssue({
      code: 'archive-spill-failed',
      offset: null,
      message: `${err.message}; the input is held in memory instead`,
    });
    yield* read(inMemory(stream, ctx));
    return;
  }
  try {
    yield* read(spilled);
  } finally {
    spilled.close();
  }
}

function inMemory(stream: InputStream, ctx: ReadContext): ByteSource {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of stream.chunks) {
    total += c.length;
    if (total > ARCHIVE_LIMITS.maxBufferedBytes) {
      ctx.onIssue({
        code: 'input-too-large',
        offset: null,
        message: `more than ${ARCHIVE_LIMITS.maxBufferedBytes} bytes would have to be held in memory; input skipped`,
      });
      return bufferSource(new Uint8Array(0));
    }
    parts.push(c);
  }
  return bufferSource(concatBytes(parts, total));
}

function readEvents(entry: ReaderEntry, stream: InputStream, ctx: ReadContext): Iterable<RawEvent> {
  if (stream.src) return entry.read(stream.src, ctx);
  if (entry.readChunks) return entry.readChunks(stream.chunks, ctx);
  return readMaterialized(stream, ctx, (src) => entry.read(src, ctx));
}

/** Reads every event of every input, in input order. */
export function readInputs(
  paths: readonly string[],
  opts: ReadInputsOptions = {},
): Generator<RawEvent> {
  return readWith(paths, readEvents, opts);
}

/** Like readInputs, but yields each event as Windows event XML (one line each). */
export function readInputsXml(
  paths: readonly string[],
  renderXml: (e: RawEvent) => string,
  opts: ReadInputsOptions = {},
): Generator<string> {
  return readWith(
    paths,
    (e, stream, ctx) => {
      const xml = e.readXml;
      return xml
        ? readMaterialized(stream, ctx, (src) => xml(src, ctx))
        : mapIter(readEvents(e, stream, ctx), renderXml);
    },
    opts,
  );
}

function* mapIter<A, B>(it: Iterable<A>, f: (a: A) => B): Generator<B> {
  for (const a of it) yield f(a);
}

function failedInput(path: string, code: string, message: string): InputSummary {
  const issue: InputIssue = { code, offset: null, message };
  return { path, format: 'unknown', events: 0, bytes: 0, issues: [issue] };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export type { InputFormat };
