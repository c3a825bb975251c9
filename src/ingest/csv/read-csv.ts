import { parse } from 'csv-parse/sync';
import type { RawEvent } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import { sourceChunks, utf8Chunks, type Chunks } from '../chunks.js';
import { IssueLimiter } from '../issue-limiter.js';
import { splitLines } from '../lines.js';
import type { ReadContext } from '../types.js';
import { loadFieldMap } from '../json/field-map.js';
import { LayoutMapper } from '../json/layout.js';
import { parseEventXml } from '../xml/parse-event.js';

/** Records handed to csv-parse at once; a batch with a quoting error is re-read record by record. */
const BATCH = 512;

interface CsvRecord {
  text: string;
  line: number;
}

/**
 * Cuts the text into CSV records (RFC 4180 §2.6: a line break inside double quotes belongs to the
 * field), so each record is known with its first line before csv-parse sees it.
 */
function* logicalRecords(chunks: Chunks): Generator<CsvRecord> {
  const decoder = new TextDecoder('utf-8');
  let pending: string[] = [];
  let startLine = 0;
  let quotes = 0;
  for (const l of splitLines(utf8Chunks(chunks))) {
    const text = decoder.decode(l.bytes);
    if (pending.length === 0) {
      if (text.trim() === '') continue;
      startLine = l.line;
    }
    pending.push(text);
    for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes++;
    if (quotes % 2 === 0) {
      yield { text: pending.join('\n'), line: startLine };
      pending = [];
      quotes = 0;
    }
  }
  if (pending.length > 0) yield { text: pending.join('\n'), line: startLine };
}

function detectDelimiter(header: string): string {
  const count = (c: string): number => header.split(c).length - 1;
  const candidates = [',', '\t', ';'].map((c) => [c, count(c)] as const);
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]?.[0] ?? ',';
}

/**
 * Reads CSV exports with a header row: EvtxECmd (its Payload column holds the event data as
 * JSON), Splunk (`_raw` event XML or extracted fields) and Defender advanced hunting. Each row
 * becomes an object keyed by the header and goes through the same layouts as JSON records.
 * A ragged row or a quoting error costs that row only, reported with its line.
 */
export function* readCsvChunks(chunks: Chunks, ctx: ReadContext): Generator<RawEvent> {
  const issues = new IssueLimiter(ctx.onIssue);
  const map = loadFieldMap();
  const mapper = new LayoutMapper(map);
  let header: string[] | null = null;
  let delimiter = ',';
  let batch: CsvRecord[] = [];

  const parseRows = (recs: CsvRecord[]): { line: number; row: string[] }[] => {
    const opts = {
      delimiter,
      relax_column_count: true,
      bom: true,
      skip_empty_lines: true,
    } as const;
    try {
      const rows = parse(recs.map((r) => r.text).join('\n'), opts) as string[][];
      if (rows.length === recs.length)
        return rows.map((row, i) => ({ line: recs[i]?.line ?? 0, row }));
    } catch {
      // Fall through: find the damaged record(s) one by one.
    }
    const out: { line: number; row: string[] }[] = [];
    for (const r of recs) {
      try {
        const rows = parse(r.text, opts) as string[][];
        for (const row of rows) out.push({ line: r.line, row });
      } catch (err) {
        issues.report({
          code: 'csv-syntax',
          offset: r.line,
          line: r.line,
          message: `line ${r.line}: row skipped: ${(err as Error).message}`,
        });
      }
    }
    return out;
  };

  const toEvents = function* (recs: CsvRecord[]): Generator<RawEvent> {
    for (const { line, row } of parseRows(recs)) {
      if (!header) continue;
      if (row.length !== header.length) {
        issues.report({
          code: 'csv-ragged-row',
          offset: line,
          line,
          message: `line ${line}: row has ${row.length} fields, the header has ${header.length}; row skipped`,
        });
        continue;
      }
      const obj = Object.create(null) as Record<string, string>;
      // An empty cell is taken as an absent field: CSV cannot tell them apart, and a Splunk export
      // has a column for every field of every event in it.
      header.forEach((h, i) => {
        const v = row[i] ?? '';
        if (h !== '' && v !== '') obj[h] = v;
      });
      const r = mapper.mapRecord(obj, ctx.source, ctx.want);
      if (r.kind === 'event') yield r.event;
      else if (r.kind === 'unwanted') ctx.onSkipped?.();
      else if (r.kind === 'xml') {
        const x = parseEventXml(r.xml, ctx.source, map.guidFields);
        if (x.ok) {
          x.event.channel = mapper.canonicalChannel(x.event.channel);
          yield x.event;
        } else {
          issues.report({
            code: 'xml-invalid-event',
            offset: line,
            line,
            message: `line ${line}: event XML in the row skipped: ${x.error.message}`,
          });
        }
      } else {
        issues.report({
          code: `csv-${r.code}`,
          offset: line,
          line,
          message: `line ${line}: row skipped (${r.detail})`,
        });
      }
    }
  };

  for (const rec of logicalRecords(chunks)) {
    if (!header) {
      delimiter = detectDelimiter(rec.text);
      const [first] = parseRows([rec]);
      header = (first?.row ?? []).map((h) => h.trim());
      continue;
    }
    batch.push(rec);
    if (batch.length >= BATCH) {
      yield* toEvents(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield* toEvents(batch);
  issues.flush();
}

export function readCsvEvents(src: ByteSource, ctx: ReadContext): Iterable<RawEvent> {
  return readCsvChunks(sourceChunks(src), ctx);
}
