import type { RawEvent } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import {
  firstSignificantByte,
  peekChunks,
  sourceChunks,
  utf8Chunks,
  type Chunks,
} from '../chunks.js';
import { IssueLimiter } from '../issue-limiter.js';
import { splitLines } from '../lines.js';
import type { ReadContext } from '../types.js';
import { parseEventXml } from '../xml/parse-event.js';
import { loadFieldMap } from './field-map.js';
import { LayoutMapper } from './layout.js';
import { splitJsonValues } from './value-splitter.js';

/** How much of the input decides between JSON lines and concatenated/array JSON. */
const MODE_PEEK = 1 << 16;

interface Record_ {
  text: string;
  line: number;
  offset: number;
}

/**
 * Reads JSON exports: JSON lines, a JSON array of events, or pretty-printed objects one after
 * another, with or without a BOM (UTF-8 or UTF-16). Records are cut from the byte stream without
 * parsing the whole file, so memory does not grow with file size. Each record is mapped through
 * the field map's layouts (NXLog, Winlogbeat/ECS, evtx_dump, xmltodict, Splunk, Defender).
 */
export function* readJsonChunks(chunks: Chunks, ctx: ReadContext): Generator<RawEvent> {
  const issues = new IssueLimiter(ctx.onIssue);
  const map = loadFieldMap();
  const mapper = new LayoutMapper(map);
  const decoder = new TextDecoder('utf-8');
  const { head, all } = peekChunks(utf8Chunks(chunks), MODE_PEEK);
  for (const rec of records(head, all, decoder, issues)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rec.text);
    } catch (err) {
      issues.report({
        code: 'json-syntax',
        offset: rec.offset,
        line: rec.line,
        message: `line ${rec.line} (byte ${rec.offset}): record skipped, not valid JSON: ${(err as Error).message}`,
      });
      continue;
    }
    for (const item of mapper.records(parsed)) {
      const r = mapper.mapRecord(item, ctx.source, ctx.want);
      if (r.kind === 'event') {
        yield r.event;
      } else if (r.kind === 'unwanted') {
        ctx.onSkipped?.();
      } else if (r.kind === 'xml') {
        const x = parseEventXml(r.xml, ctx.source, map.guidFields);
        if (x.ok) {
          x.event.channel = mapper.canonicalChannel(x.event.channel);
          yield x.event;
        } else {
          issues.report({
            code: 'xml-invalid-event',
            offset: rec.offset,
            line: rec.line,
            message: `line ${rec.line}: event XML in the record's ${r.layout} field skipped: ${x.error.message}`,
          });
        }
      } else {
        const what =
          r.code === 'unknown-layout'
            ? `record in a JSON layout runhunt does not know (${r.detail})`
            : r.code === 'unmapped-action'
              ? `record skipped: ${r.detail} has no Sysmon equivalent`
              : `record skipped: ${r.detail}`;
        issues.report({
          code: `json-${r.code}`,
          offset: rec.offset,
          line: rec.line,
          message: `line ${rec.line}: ${what}`,
        });
      }
    }
  }
  issues.flush();
}

export function readJsonEvents(src: ByteSource, ctx: ReadContext): Iterable<RawEvent> {
  return readJsonChunks(sourceChunks(src), ctx);
}

/**
 * True when the head looks like JSON lines: one of its first complete lines is a JSON object on
 * its own (a pretty-printed document never has one). Several lines are tried so that a damaged
 * first line does not switch a JSON-lines file to the multi-line splitter.
 */
function looksLikeJsonLines(head: Uint8Array, decoder: InstanceType<typeof TextDecoder>): boolean {
  const text = decoder.decode(head);
  const lines = text.split('\n').slice(0, -1).slice(0, 8);
  return lines.some((line) => {
    const t = line.trim().replace(/^\uFEFF/, '');
    if (!t.startsWith('{') || !t.endsWith('}')) return false;
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  });
}

function* records(
  head: Uint8Array,
  all: Chunks,
  decoder: InstanceType<typeof TextDecoder>,
  issues: IssueLimiter,
): Generator<Record_> {
  if (firstSignificantByte(head) === 0x7b && looksLikeJsonLines(head, decoder)) {
    // JSON lines: each line stands alone, so a damaged line costs only itself.
    for (const l of splitLines(all)) {
      if (l.overlong) {
        issues.report({
          code: 'json-overlong-line',
          offset: l.offset,
          line: l.line,
          message: `line ${l.line} (byte ${l.offset}) is too long to be one event; skipped`,
        });
        continue;
      }
      // A BOM may start any line when exports were concatenated with `cat`.
      const raw = decoder.decode(l.bytes);
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.trim() === '') continue;
      yield { text, line: l.line, offset: l.offset };
    }
    return;
  }
  for (const p of splitJsonValues(all)) {
    if (p.kind === 'value') {
      yield { text: decoder.decode(p.bytes), line: p.line, offset: p.offset };
    } else if (p.kind === 'junk') {
      issues.report({
        code: 'json-syntax',
        offset: p.offset,
        line: p.line,
        message: `line ${p.line} (byte ${p.offset}): ${p.length} bytes that are not a JSON object skipped`,
      });
    } else if (p.kind === 'truncated') {
      issues.report({
        code: 'json-truncated',
        offset: p.offset,
        line: p.line,
        message: `line ${p.line} (byte ${p.offset}): JSON value never ends (input truncated?); ${p.length} bytes skipped`,
      });
    } else {
      issues.report({
        code: 'json-overlong-value',
        offset: p.offset,
        line: p.line,
        message: `line ${p.line} (byte ${p.offset}): JSON value of ${p.length} bytes is too large to be one event; skipped`,
      });
    }
  }
}
