/**
 * Splits a stream of event XML text into one `<Event>...</Event>` string per event. Handles the
 * three shapes Windows tools write: `wevtutil qe /f:xml` (events one after another, no root),
 * Event Viewer "Save as XML" (an `<Events>` root) and `Get-WinEvent | % ToXml()` (one event per
 * line or block); RenderingInfo blocks stay inside their event.
 */
export type XmlSegment =
  | { kind: 'event'; xml: string; line: number }
  /** An `<Event>` that never closed before the next one began or the input ended. */
  | { kind: 'truncated'; line: number; length: number }
  /** Markup outside any event the reader does not use (a DTD, for instance). */
  | { kind: 'ignored'; line: number; what: string };

const OPEN = '<Event';
const CLOSE = '</Event>';

function isNameEnd(c: string | undefined): boolean {
  return c === ' ' || c === '>' || c === '/' || c === '\t' || c === '\n' || c === '\r';
}

function findOpen(s: string, from: number): number {
  for (let i = s.indexOf(OPEN, from); i >= 0; i = s.indexOf(OPEN, i + 1)) {
    if (i + OPEN.length >= s.length) return -2; // cannot tell yet: need more text
    if (isNameEnd(s[i + OPEN.length])) return i;
  }
  return -1;
}

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export function* splitEvents(
  texts: Iterable<string>,
  maxEventChars: number,
): Generator<XmlSegment> {
  let buf = '';
  let pos = 0; // next unread index in buf
  let line = 1; // line number of buf[pos]
  const advance = (to: number): void => {
    line += countLines(buf, pos, to);
    pos = to;
  };
  const outside = function* (upTo: number): Generator<XmlSegment> {
    const head = buf.slice(pos, upTo);
    const dtd = /<!(DOCTYPE|ENTITY)/i.exec(head);
    if (dtd) {
      const what = `<!${dtd[1]}> (DTDs are not read)`;
      yield { kind: 'ignored', line: line + countLines(head, 0, dtd.index), what };
    }
  };
  const drain = function* (final: boolean): Generator<XmlSegment> {
    for (;;) {
      const start = findOpen(buf, pos);
      if (start === -1 || (start === -2 && final)) {
        yield* outside(buf.length);
        // Keep a tail that may hold the start of `<Event` split across chunks.
        advance(final ? buf.length : Math.max(pos, buf.length - OPEN.length));
        return;
      }
      if (start === -2) return;
      if (start > pos) {
        yield* outside(start);
        advance(start);
      }
      const end = buf.indexOf(CLOSE, pos);
      const next = findOpen(buf, pos + 1);
      if (next >= 0 && (end < 0 || next < end)) {
        yield { kind: 'truncated', line, length: next - pos };
        advance(next);
        continue;
      }
      if (end < 0) {
        if (final || buf.length - pos > maxEventChars) {
          yield { kind: 'truncated', line, length: buf.length - pos };
          advance(buf.length);
        }
        return;
      }
      const stop = end + CLOSE.length;
      yield { kind: 'event', xml: buf.slice(pos, stop), line };
      advance(stop);
    }
  };
  for (const t of texts) {
    buf = buf.slice(pos) + t;
    pos = 0;
    yield* drain(false);
  }
  yield* drain(true);
}
