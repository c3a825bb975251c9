/**
 * Test helper: turns the evtx_dump JSON rendering that sits beside each SigmaHQ regression
 * `.evtx` (`{"Event":{"System":{...},"EventData":{...}}}`) into a RawEvent, for use until the
 * EVTX reader can read the `.evtx` itself. Numbers become their decimal text, as in event XML.
 */
import type { RawEvent } from '../../src/model/events.js';
import { emptyData } from '../../src/model/events.js';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const attrs = (v: unknown): Json => obj(obj(v)['#attributes']);
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function rawEventFromEvtxJson(json: unknown, source: string): RawEvent {
  const ev = obj(obj(json)['Event']);
  const sys = obj(ev['System']);
  const data = emptyData();
  for (const [k, v] of Object.entries(obj(ev['EventData']))) {
    if (k !== '#attributes') data[k] = text(v);
  }
  const e: RawEvent = {
    source,
    recordId: typeof sys['EventRecordID'] === 'number' ? sys['EventRecordID'] : null,
    timeCreated: text(attrs(sys['TimeCreated'])['SystemTime']),
    eventId: Number(
      typeof sys['EventID'] === 'object' ? obj(sys['EventID'])['#text'] : sys['EventID'],
    ),
    provider: text(attrs(sys['Provider'])['Name']),
    channel: text(sys['Channel']),
    computer: text(sys['Computer']),
    data,
  };
  const uid = attrs(sys['Security'])['UserID'];
  if (typeof uid === 'string') e.userId = uid;
  return e;
}
