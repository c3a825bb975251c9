import type { RawEvent } from '../model/events.js';
import { escapeXmlText } from '../util/xml-escape.js';

/** Escapes text or attribute content for XML, keeping the result on one line. */
export const escapeXml = escapeXmlText;

/**
 * Renders a RawEvent as Windows event XML on one line, the way EvtRender writes it (single-quoted
 * attributes, xmlns on Event), as `dump --format xml` does for EVTX. Used for formats that carry
 * no XML of their own (JSON, CSV); EVTX renders its BinXML directly.
 */
export function renderEventXml(e: RawEvent): string {
  const sys =
    `<System><Provider Name='${escapeXml(e.provider)}'/>` +
    `<EventID>${e.eventId}</EventID>` +
    (e.version !== undefined ? `<Version>${e.version}</Version>` : '') +
    `<TimeCreated SystemTime='${escapeXml(e.timeCreated)}'/>` +
    (e.recordId !== null ? `<EventRecordID>${e.recordId}</EventRecordID>` : '') +
    `<Channel>${escapeXml(e.channel)}</Channel>` +
    `<Computer>${escapeXml(e.computer)}</Computer>` +
    (e.userId !== undefined ? `<Security UserID='${escapeXml(e.userId)}'/>` : '<Security/>') +
    `</System>`;
  let data = '';
  for (const [name, value] of Object.entries(e.data)) {
    data += `<Data Name='${escapeXml(name)}'>${escapeXml(value)}</Data>`;
  }
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${sys}` +
    `<EventData>${data}</EventData></Event>`
  );
}
