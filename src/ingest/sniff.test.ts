import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffFormat } from './sniff.js';

const enc = new TextEncoder();

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) out[2 + 2 * i] = s.charCodeAt(i);
  return out;
}

test('sniffFormat: content decides, with or without BOM or UTF-16', () => {
  const cases: [Uint8Array, string, string | null][] = [
    [enc.encode('ElfFile\0rest'), 'x.bin', 'evtx'],
    [
      enc.encode('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'),
      'a.txt',
      'xml',
    ],
    [enc.encode('<?xml version="1.0"?>\r\n<Events><Event xmlns=""'), 'a.xml', 'xml'],
    [utf16le('<Event xmlns="x"><System>'), 'a.xml', 'xml'],
    [enc.encode('<html><body>'), 'a.xml', null],
    [enc.encode('\uFEFF{"EventID":1}\n{"EventID":2}\n'), 'a', 'jsonl'],
    [enc.encode('{\n  "Event": {\n'), 'a.json', 'json'],
    [enc.encode('  [ {"a":1} ]'), 'a.json', 'json'],
    [enc.encode('TimeCreated,EventId,Provider,Payload\r\n'), 'x.txt', 'csv'],
    [enc.encode('_time,host,EventCode\n'), 'x', 'csv'],
    [enc.encode('a,b,c\n1,2,3\n'), 'x.csv', 'csv'],
    [enc.encode('a,b,c\n1,2,3\n'), 'x.txt', null],
    [enc.encode('# README\nThis folder holds logs.\n'), 'README.md', null],
    [new Uint8Array([0x7b, 0x00, 0x01, 0x02, 0xff, 0x10]), 'x.json', null],
  ];
  for (const [head, name, want] of cases)
    assert.equal(
      sniffFormat(head, name),
      want,
      `${name}: ${JSON.stringify(new TextDecoder().decode(head).slice(0, 20))}`,
    );
});
