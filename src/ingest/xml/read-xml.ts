import type { RawEvent } from '../../model/events.js';
import type { ByteSource } from '../byte-source.js';
import { sourceChunks, utf8Chunks, type Chunks } from '../chunks.js';
import { IssueLimiter } from '../issue-limiter.js';
import { loadFieldMap } from '../json/field-map.js';
import type { ReadContext } from '../types.js';
import { XML_LIMITS } from './limits.js';
import { parseEventXml } from './parse-event.js';
import { splitEvents } from './segments.js';

function* decodeText(chunks: Chunks): Generator<string> {
  const decoder = new TextDecoder('utf-8');
  for (const c of utf8Chunks(chunks)) yield decoder.decode(c, { stream: true });
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * Reads Windows event XML (wevtutil, Event Viewer, Get-WinEvent) as a stream: one event is held
 * at a time. A damaged event is reported with its line and skipped; the rest of the file is read.
 */
export function* readXmlChunks(chunks: Chunks, ctx: ReadContext): Generator<RawEvent> {
  const issues = new IssueLimiter(ctx.onIssue);
  const { guidFields, channels } = loadFieldMap();
  const channelCase = new Map(channels.map((c) => [c.toLowerCase(), c]));
  for (const seg of splitEvents(decodeText(chunks), XML_LIMITS.maxEventChars)) {
    if (seg.kind === 'event') {
      const r = parseEventXml(seg.xml, ctx.source, guidFields);
      if (r.ok) {
        r.event.channel = channelCase.get(r.event.channel.toLowerCase()) ?? r.event.channel;
        yield r.event;
        continue;
      }
      const line = seg.line + r.error.line - 1;
      issues.report({
        code: 'xml-invalid-event',
        offset: line,
        line,
        message: `event XML starting at line ${seg.line} skipped: ${r.error.message} (line ${line}, column ${r.error.column})`,
      });
    } else if (seg.kind === 'truncated') {
      issues.report({
        code: 'xml-truncated-event',
        offset: seg.line,
        line: seg.line,
        message: `<Event> at line ${seg.line} never closes (${seg.length} characters skipped)`,
      });
    } else {
      issues.report({
        code: 'xml-ignored-markup',
        offset: seg.line,
        line: seg.line,
        message: `${seg.what} at line ${seg.line}`,
      });
    }
  }
  issues.flush();
}

export function readXmlEvents(src: ByteSource, ctx: ReadContext): Iterable<RawEvent> {
  return readXmlChunks(sourceChunks(src), ctx);
}
