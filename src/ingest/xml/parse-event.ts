import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { emptyData, type RawEvent } from '../../model/events.js';
import { foldGuid } from '../guid.js';
import { toUtcIso } from '../time.js';
import { addDataField, toInteger } from '../values.js';
import { XML_LIMITS } from './limits.js';
import { restoreNul, sanitizeEventXml } from './sanitize.js';

/** Why one `<Event>` element could not be read. */
export interface EventXmlError {
  /** 1-based line in the event text. */
  line: number;
  column: number;
  message: string;
}

export type ParsedEvent = { ok: true; event: RawEvent } | { ok: false; error: EventXmlError };

const ROOT = 'runhunt-wrapper';

/**
 * Parses one `<Event>` element (Windows event schema, the `event` namespace) into a RawEvent.
 * Uses saxes, which never reads a DTD: no entity expansion, no external entities. The element is
 * parsed on its own so a damaged event cannot take its neighbours down with it.
 */
/** Characters handed to saxes per write (the error check runs between writes). */
const WRITE_SLICE = 65536;

export function parseEventXml(
  xml: string,
  source: string,
  guidFields: readonly string[],
): ParsedEvent {
  const parser = new SaxesParser({
    xmlns: false,
    position: true,
    defaultXMLVersion: '1.1',
    forceXMLVersion: true,
  });
  const b = new Builder(source);
  let error: EventXmlError | undefined;
  const fail = (message: string): void => {
    error ??= {
      line: parser.line,
      column: Math.max(0, parser.column - (parser.line === 1 ? ROOT.length + 2 : 0)),
      message,
    };
  };
  parser.on('error', (e) => fail(e.message.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '')));
  parser.on('opentag', (t: SaxesTagPlain) => {
    const problem = b.open(t.name, t.attributes);
    if (problem) fail(problem);
  });
  parser.on('text', (t) => b.text(t));
  parser.on('cdata', (t) => b.text(t));
  parser.on('closetag', (t: SaxesTagPlain) => b.close(t.name));
  parser.write(`<${ROOT}>`);
  // Written a slice at a time so parsing stops at the first error: saxes keeps going after one,
  // and a damaged 9 MB event (found by H9 fuzzing) took 86 s of error reports after it.
  const body = sanitizeEventXml(xml);
  for (let i = 0; i < body.length && error === undefined; i += WRITE_SLICE) {
    parser.write(body.slice(i, i + WRITE_SLICE));
  }
  if (error === undefined) {
    parser.write(`</${ROOT}>`);
    parser.close();
  }
  if (error) return { ok: false, error };
  const event = b.result(guidFields);
  if (typeof event === 'string')
    return { ok: false, error: { line: 1, column: 0, message: event } };
  return { ok: true, event };
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/** Collects the System fields and EventData/UserData of one event from SAX callbacks. */
class Builder {
  private readonly stack: string[] = [];
  private readonly hasChild: boolean[] = [];
  private buf = '';
  private dataName: string | null = null;
  private fields = 0;
  private eventId: number | null = null;
  private recordId: number | null = null;
  private time = '';
  private provider = '';
  private channel = '';
  private computer = '';
  private version: number | undefined;
  private userId: string | undefined;
  private readonly data = emptyData();
  private closedEvent = false;

  constructor(private readonly source: string) {}

  open(qname: string, attrs: Record<string, string>): string | null {
    const name = localName(qname);
    if (this.stack.length === 0) {
      if (name === ROOT) return null;
      if (name !== 'Event') return `expected <Event>, found <${qname}>`;
    }
    if (this.stack.length >= XML_LIMITS.maxDepth)
      return `elements nested deeper than ${XML_LIMITS.maxDepth}`;
    if (this.hasChild.length > 0) this.hasChild[this.hasChild.length - 1] = true;
    this.stack.push(name);
    this.hasChild.push(false);
    this.buf = '';
    const depth = this.stack.length;
    const section = this.stack[1];
    if (depth === 3 && section === 'System') {
      if (name === 'Provider') this.provider = restoreNul(attrs['Name'] ?? '');
      else if (name === 'TimeCreated') this.time = attrs['SystemTime'] ?? '';
      else if (name === 'Security' && attrs['UserID']) this.userId = attrs['UserID'];
    } else if (depth === 3 && section === 'EventData' && name === 'Data') {
      this.dataName = attrs['Name'] ?? null;
    }
    return null;
  }

  text(t: string): void {
    if (this.stack.length < 2) return;
    if (this.buf.length + t.length > XML_LIMITS.maxEventChars) return;
    this.buf += t;
  }

  close(qname: string): void {
    const name = localName(qname);
    if (name === ROOT && this.stack.length === 0) return;
    const depth = this.stack.length;
    const section = this.stack[1];
    const leaf = this.hasChild[depth - 1] === false;
    const value = restoreNul(this.buf);
    if (depth === 3 && section === 'System') {
      if (name === 'EventID') this.eventId = toInteger(value);
      else if (name === 'Version') this.version = toInteger(value) ?? undefined;
      else if (name === 'EventRecordID') this.recordId = toInteger(value);
      else if (name === 'Channel') this.channel = value;
      else if (name === 'Computer') this.computer = value;
    } else if (depth === 3 && section === 'EventData') {
      // Named <Data> by its Name; unnamed ones as `Data`, `Data1`, ... and other elements
      // (<Binary>) by their own name, as the EVTX reader does.
      this.put(name === 'Data' ? (this.dataName ?? 'Data') : name, value);
      this.dataName = null;
    } else if (depth >= 3 && section === 'UserData' && leaf) {
      this.put(name, value);
    }
    if (depth === 1 && name === 'Event') this.closedEvent = true;
    this.stack.pop();
    this.hasChild.pop();
    this.buf = '';
  }

  private put(name: string, value: string): void {
    if (++this.fields > XML_LIMITS.maxFields) return;
    addDataField(this.data, name, value);
  }

  result(guidFields: readonly string[]): RawEvent | string {
    if (!this.closedEvent) return 'no complete <Event> element';
    if (this.eventId === null) return '<Event> without a numeric <EventID>';
    for (const f of guidFields) {
      const v = this.data[f];
      if (v !== undefined) this.data[f] = foldGuid(v);
    }
    const e: RawEvent = {
      source: this.source,
      recordId: this.recordId,
      timeCreated: toUtcIso(this.time) ?? '',
      eventId: this.eventId,
      provider: this.provider,
      channel: this.channel,
      computer: this.computer,
      data: this.data,
    };
    if (this.version !== undefined) e.version = this.version;
    if (this.userId !== undefined) e.userId = this.userId;
    return e;
  }
}
