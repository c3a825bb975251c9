import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { restoreNul, sanitizeEventXml } from './sanitize.js';

/**
 * Reads an `<EventData>`/`<UserData>` fragment (older EvtxECmd versions put event data in the
 * Payload column as XML rather than JSON) into the xmltodict shape the JSON layouts already map:
 * `{EventData: {Data: [{"@Name", "#text"}]}}`. Returns null when the text is not well-formed.
 */
export function xmlDataFragment(xml: string): Record<string, unknown> | null {
  const parser = new SaxesParser({
    xmlns: false,
    fragment: true,
    defaultXMLVersion: '1.1',
    forceXMLVersion: true,
  });
  const data: { '@Name': string; '#text': string }[] = [];
  let name: string | null = null;
  let text = '';
  let ok = true;
  parser.on('error', () => {
    ok = false;
  });
  parser.on('opentag', (t: SaxesTagPlain) => {
    if (t.name.replace(/^.*:/, '') === 'Data') {
      name = t.attributes['Name'] ?? null;
      text = '';
    }
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (t: SaxesTagPlain) => {
    if (t.name.replace(/^.*:/, '') === 'Data' && name !== null) {
      data.push({ '@Name': restoreNul(name), '#text': restoreNul(text) });
      name = null;
    }
  });
  parser.write(sanitizeEventXml(xml));
  parser.close();
  return ok ? { EventData: { Data: data } } : null;
}
