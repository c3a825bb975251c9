import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputIssue, InputSummary, RawEvent } from '../model/events.js';
import { fileSource, type ByteSource } from './byte-source.js';
import { READERS, type ReaderEntry } from './readers.js';
import { sniffFormat } from './sniff.js';
import type { ReadContext } from './types.js';

const SNIFF_BYTES = 4096;

/** Expands files and folders (recursively, in sorted order) into the list of files to read. */
export function expandPaths(
  paths: readonly string[],
  onIssue: (s: InputSummary) => void,
): string[] {
  const out: string[] = [];
  const visit = (p: string): void => {
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
    }
  };
  for (const p of paths) visit(p);
  return out;
}

export interface ReadInputsOptions {
  /** Called once per input when it has been read completely (or failed). */
  onInput?: (summary: InputSummary) => void;
}

type Mode<T> = (entry: ReaderEntry, src: ByteSource, ctx: ReadContext) => Iterable<T>;

function* readWith<T>(
  paths: readonly string[],
  mode: Mode<T>,
  opts: ReadInputsOptions,
): Generator<T> {
  const report = opts.onInput ?? (() => {});
  for (const path of expandPaths(paths, report)) {
    let src;
    try {
      src = fileSource(path);
    } catch (err) {
      report(failedInput(path, 'unreadable', `cannot open: ${errorText(err)}`));
      continue;
    }
    try {
      const format = sniffFormat(src.read(0, SNIFF_BYTES).slice(), path);
      const entry = format ? READERS[format] : undefined;
      if (!format || !entry) {
        report({
          ...failedInput(
            path,
            'unrecognized-format',
            'not a log format runhunt reads (EVTX, event XML, JSON, CSV)',
          ),
          bytes: src.size,
        });
        continue;
      }
      const summary: InputSummary = { path, format, events: 0, bytes: src.size, issues: [] };
      const ctx: ReadContext = { source: path, onIssue: (i) => summary.issues.push(i) };
      for (const item of mode(entry, src, ctx)) {
        summary.events++;
        yield item;
      }
      report(summary);
    } finally {
      src.close();
    }
  }
}

/** Reads every event of every input, in input order. */
export function readInputs(
  paths: readonly string[],
  opts: ReadInputsOptions = {},
): Generator<RawEvent> {
  return readWith(paths, (e, src, ctx) => e.read(src, ctx), opts);
}

/** Like readInputs, but yields each event as Windows event XML (one line each). */
export function readInputsXml(
  paths: readonly string[],
  renderXml: (e: RawEvent) => string,
  opts: ReadInputsOptions = {},
): Generator<string> {
  return readWith(
    paths,
    (e, src, ctx) => e.readXml?.(src, ctx) ?? mapIter(e.read(src, ctx), renderXml),
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
