import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEventXml } from './parse-event.js';

const NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";
const sys =
  "<System><Provider Name='Classic'/><EventID Qualifiers='0'>1000</EventID><Channel>Application</Channel><Computer>H</Computer></System>";

function data(xml: string): Record<string, string> | string {
  const r = parseEventXml(xml, 'x', ['ProcessGuid']);
  return r.ok ? { ...r.event.data } : r.error.message;
}

test('parseEventXml: EventData, UserData and RenderingInfo as the EVTX reader reads them', () => {
  const cases: [string, Record<string, string> | RegExp][] = [
    [
      `<Event ${NS}>${sys}<EventData><Data>a</Data><Data>b</Data><Binary>00FF</Binary></EventData></Event>`,
      { Data: 'a', Data1: 'b', Binary: '00FF' },
    ],
    [
      `<Event ${NS}>${sys}<EventData><Data Name='ProcessGuid'>{aa7dbf6c-0000-0000-0000-000000000001}</Data><Data Name='E'/></EventData></Event>`,
      { ProcessGuid: '{AA7DBF6C-0000-0000-0000-000000000001}', E: '' },
    ],
    [
      `<Event ${NS}>${sys}<UserData><LogFileCleared xmlns='x'><SubjectUserName>admin</SubjectUserName><Nested><Leaf>1</Leaf></Nested></LogFileCleared></UserData></Event>`,
      { SubjectUserName: 'admin', Leaf: '1' },
    ],
    [
      `<Event ${NS}>${sys}<EventData><Data Name='A'>x</Data></EventData><RenderingInfo Culture='en-US'><Message>A: x</Message><Keywords><Keyword>Classic</Keyword></Keywords></RenderingInfo></Event>`,
      { A: 'x' },
    ],
    [
      `<e:Event xmlns:e='http://schemas.microsoft.com/win/2004/08/events/event'><e:System><e:Provider Name='P'/><e:EventID>1</e:EventID></e:System><e:EventData><e:Data Name='A'>x</e:Data></e:EventData></e:Event>`,
      { A: 'x' },
    ],
    [
      `<Event ${NS}>${sys}<EventData><Data Name='A'><![CDATA[<raw> & text]]></Data></EventData></Event>`,
      { A: '<raw> & text' },
    ],
    // No DTD is read, so no entity can expand: an undeclared entity is an error, not a lookup.
    [`<Event ${NS}>${sys}<EventData><Data Name='A'>&xxe;</Data></EventData></Event>`, /entity/i],
    [`<Event ${NS}><System><Provider Name='P'/></System></Event>`, /EventID/],
  ];
  for (const [xml, want] of cases) {
    const got = data(xml);
    if (want instanceof RegExp) assert.match(String(got), want, xml);
    else assert.deepEqual(got, want, xml);
  }
});

test('parseEventXml: system fields, times to UTC, control characters kept', () => {
  const r = parseEventXml(
    `<Event ${NS}><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>13</EventID><Version>2</Version><TimeCreated SystemTime='2017-05-29T19:01:14.914537800Z'/><EventRecordID>42</EventRecordID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>H</Computer><Security UserID='S-1-5-18'/></System><EventData><Data Name='TargetObject'>HKLM\\Run\\&#x0;x&#x1;</Data></EventData></Event>`,
    'src',
    [],
  );
  assert.ok(r.ok);
  if (!r.ok) return;
  const { data: d, ...sysFields } = r.event;
  assert.deepEqual(sysFields, {
    source: 'src',
    recordId: 42,
    timeCreated: '2017-05-29T19:01:14.9145378Z',
    eventId: 13,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer: 'H',
    version: 2,
    userId: 'S-1-5-18',
  });
  assert.equal(d['TargetObject'], 'HKLM\\Run\\\u0000x\u0001');
});
