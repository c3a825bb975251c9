import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evtxFile } from './evtx-builder.js';
import { plain, readEvents, readXml } from './helpers.js';
import { ARRAYS, buildSyntheticChunk, NS, SCALARS } from './synthetic-chunk.js';

const file = evtxFile([buildSyntheticChunk().finish()]);

test('synthetic chunk reads without issues', () => {
  const { items, issues } = readEvents(file);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    items.map((e) => e.recordId),
    [1, 2, 3, 4, 5],
  );
});

test('System fields: EventID without qualifiers, SystemTime with 7 digits, UserID', () => {
  const e = readEvents(file).items[0]!;
  assert.equal(e.source, 't.evtx');
  assert.equal(e.provider, 'Test-Provider');
  assert.equal(e.eventId, 13);
  assert.equal(e.version, 2);
  assert.equal(e.timeCreated, '2019-03-19T23:34:25.1234567Z');
  assert.equal(e.channel, 'Test/Operational');
  assert.equal(e.computer, 'host.example');
  assert.equal(e.userId, 'S-1-5-18');
  assert.equal(Object.getPrototypeOf(e.data), null);
});

for (const [name, , , expected] of SCALARS) {
  test(`value type ${name} renders as ${JSON.stringify(expected)}`, () => {
    assert.equal(readEvents(file).items[0]!.data[name], expected);
  });
}

test('arrays repeat their element (MS-EVEN6 3.1.4.7.5): data keys get suffixes', () => {
  const data = plain(readEvents(file).items[1]!.data);
  const want: Record<string, string> = {};
  for (const [name, , items] of ARRAYS)
    items.forEach((it, i) => (want[i === 0 ? name : name + i] = it));
  assert.deepEqual(data, want);
  const xml = readXml(file).items[1]!;
  assert.match(
    xml,
    /<Data Name='Strings'>a<\/Data><Data Name='Strings'><\/Data><Data Name='Strings'>b<\/Data>/,
  );
  assert.match(xml, /<Data Name='Empty'><\/Data><\/EventData>/);
});

test('plain fragment: char and entity refs, CDATA, PI, unnamed Data keys', () => {
  const e = readEvents(file).items[2]!;
  assert.equal(e.provider, 'Plain');
  assert.equal(e.eventId, 7);
  assert.deepEqual(plain(e.data), { Refs: 'xA&y', CData: '<raw>', Data: 'first', Data1: 'second' });
  assert.equal(
    readXml(file).items[2],
    `<Event xmlns='${NS}'><System><Provider Name='Plain'/><EventID>7</EventID>` +
      `<EventRecordID>3</EventRecordID><Channel>Ch</Channel><Computer>pc</Computer></System>` +
      `<EventData><Data Name='Refs'>x&#65;&amp;y</Data><Data Name='CData'>&lt;raw&gt;</Data>` +
      `<Data>first</Data><Data>second</Data><?target some data?></EventData></Event>`,
  );
});

test('UserData from a nested BinXML value: leaf elements by name', () => {
  const e = readEvents(file).items[3]!;
  assert.equal(e.eventId, 1102);
  assert.deepEqual(plain(e.data), { SubjectUserName: 'admin', Leaf: '42' });
  assert.match(
    readXml(file).items[3]!,
    /<UserData><LogFileCleared xmlns='http:\/\/example\/ns'><SubjectUserName>admin<\/SubjectUserName><Nested><Leaf>42<\/Leaf><\/Nested><\/LogFileCleared><\/UserData><\/Event>$/,
  );
});

test('a template reused by offset renders the new values', () => {
  const e = readEvents(file).items[4]!;
  assert.equal(e.recordId, 5);
  assert.equal(e.data['String'], 'five');
  assert.equal(e.data['Int8'], '-5');
});

test('XML: optional NULL attributes left out, escaping keeps one line', () => {
  const xml = readXml(file).items[0]!;
  assert.ok(!xml.includes('\n') && !xml.includes('\r'));
  assert.ok(
    xml.startsWith(
      `<Event xmlns='${NS}'><System><Provider Name='Test-Provider' Guid='{5770385F-C22A-43E0-BF4C-06F5698FFBD9}'/>` +
        `<EventID Qualifiers='16384'>13</EventID><Version>2</Version>` +
        `<TimeCreated SystemTime='2019-03-19T23:34:25.1234567Z'/><EventRecordID>1</EventRecordID>` +
        `<Correlation/><Channel>Test/Operational</Channel><Computer>host.example</Computer>` +
        `<Security UserID='S-1-5-18'/></System>`,
    ),
  );
  assert.match(xml, /<Data Name='String'>a&lt;b&gt;&amp;&quot;c&apos;&#13;&#10;d&#1;<\/Data>/);
  assert.match(xml, /<Data Name='Null'><\/Data><\/EventData><\/Event>$/);
  // Record 5 has no Qualifiers value: the attribute disappears.
  assert.match(readXml(file).items[4]!, /<EventID>13<\/EventID>/);
});

test('want filter skips EventData decoding and the record', () => {
  let skipped = 0;
  const seen: Array<[string, number]> = [];
  const { items } = readEvents(file, {
    want: (p, id) => {
      seen.push([p, id]);
      return id !== 13;
    },
    onSkipped: () => skipped++,
  });
  assert.deepEqual(
    items.map((e) => e.recordId),
    [2, 3, 4],
  );
  assert.equal(skipped, 2);
  assert.deepEqual(seen[0], ['Test-Provider', 13]);
});
