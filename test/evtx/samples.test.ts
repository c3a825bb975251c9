import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { dumpLine } from '../../src/emit/dump-line.js';
import { bufferSource } from '../../src/ingest/byte-source.js';
import { readEvtxEvents, readEvtxXml } from '../../src/ingest/evtx/index.js';
import type { InputIssue } from '../../src/model/events.js';

const samples = new URL('../samples/evtx/', import.meta.url);
const golden = new URL('./golden/', import.meta.url);
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Records picked for the goldens: the first ones plus quirky ones (nested BinXML, empty Data). */
const PICKS: Record<string, number[]> = {
  'sysmon-one-chunk.evtx': [1742, 1743, 1760],
  'system-one-chunk.evtx': [109, 177, 200],
};

function read(name: string) {
  const bytes = readFileSync(new URL(name, samples));
  const issues: InputIssue[] = [];
  const ctx = { source: name, onIssue: (i: InputIssue) => issues.push(i) };
  const events = [...readEvtxEvents(bufferSource(bytes), ctx)];
  const xml = [...readEvtxXml(bufferSource(bytes), ctx)];
  return { events, xml, issues };
}

function checkGolden(file: string, actual: string): void {
  const url = new URL(file, golden);
  if (UPDATE || !existsSync(url)) writeFileSync(url, actual);
  assert.equal(actual, readFileSync(url, 'utf8'), `${file} differs (UPDATE_GOLDEN=1 to accept)`);
}

for (const [name, picks] of Object.entries(PICKS)) {
  test(`${name}: every record, no issues, goldens match`, () => {
    const { events, xml, issues } = read(name);
    assert.deepEqual(issues, []);
    assert.equal(events.length, xml.length);
    const first = events[0]!.recordId!;
    assert.deepEqual(
      events.map((e) => e.recordId),
      events.map((_, i) => first + i),
    );
    const idx = picks.map((id) => events.findIndex((e) => e.recordId === id));
    checkGolden(name + '.jsonl', idx.map((i) => dumpLine(events[i]!) + '\n').join(''));
    checkGolden(name + '.xml', idx.map((i) => xml[i]! + '\n').join(''));
  });
}

test('sysmon sample: record counts and a Sysmon ProcessCreate rendered as Windows does', () => {
  const { events } = read('sysmon-one-chunk.evtx');
  assert.equal(events.length, 41);
  const e = events[0]!;
  assert.equal(e.provider, 'Microsoft-Windows-Sysmon');
  assert.equal(e.eventId, 1);
  assert.equal(e.userId, 'S-1-5-18');
  assert.equal(e.data['LogonId'], '0x3e7');
  assert.equal(e.data['ProcessGuid'], '{94F748D5-4A45-5A42-0000-0010D265F20F}');
});
