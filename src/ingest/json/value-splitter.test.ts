import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitJsonValues, type JsonPiece } from './value-splitter.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function split(text: string, chunkSize: number): JsonPiece[] {
  const bytes = enc.encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.slice(i, i + chunkSize));
  return [...splitJsonValues(chunks)];
}

test('splitJsonValues: concatenated pretty objects, arrays and JSON lines, at any chunk size', () => {
  const objs = [{ a: 1, s: 'x}{"]' }, { b: [1, { c: '\\"' }] }, { 'k\n': 'v\\' }];
  const layouts = [
    objs.map((o) => JSON.stringify(o, null, 2)).join('\n'),
    JSON.stringify(objs, null, 1),
    objs.map((o) => JSON.stringify(o)).join('\n') + '\n',
    objs.map((o) => JSON.stringify(o)).join(''),
  ];
  for (const text of layouts) {
    for (const size of [1, 3, 7, 64, 4096]) {
      const got = split(text, size).map((p) =>
        p.kind === 'value' ? JSON.parse(dec.decode(p.bytes)) : p.kind,
      );
      assert.deepEqual(got, objs, `chunk ${size}: ${text.slice(0, 30)}`);
    }
  }
});

test('splitJsonValues: line numbers and offsets point at each value; junk and truncation reported', () => {
  const text = '{"a":1}\n\nxx\n{"b":\n2}\n{"c":';
  const got = split(text, 5);
  assert.deepEqual(
    got.map((p) => [p.kind, p.line, p.offset]),
    [
      ['value', 1, 0],
      ['junk', 3, 9],
      ['value', 4, 12],
      ['truncated', 6, 21],
    ],
  );
});

test('splitJsonValues: any array of objects comes back whole, whatever the chunking (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 6 }),
      fc.integer({ min: 1, max: 50 }),
      (objs, size) => {
        const got = split(JSON.stringify(objs), size).map((p) =>
          p.kind === 'value' ? JSON.parse(dec.decode(p.bytes)) : p.kind,
        );
        assert.deepEqual(got, JSON.parse(JSON.stringify(objs)));
      },
    ),
    { numRuns: 200 },
  );
});

test('splitJsonValues: BOMs between concatenated files are not junk', () => {
  const one = JSON.stringify({ a: 1 }, null, 2);
  const got = split(`\uFEFF${one}\n\uFEFF${one}\n`, 4);
  assert.deepEqual(
    got.map((p) => p.kind),
    ['value', 'value'],
  );
});

test('splitJsonValues: an array that never closes is reported once its elements are read', () => {
  // [input, expected pieces as [kind, line, offset, length?]]
  const cases: [string, (string | number)[][]][] = [
    ['[        ', [['truncated', 1, 0, 8]]],
    [
      '[{"a":1},\n{"b":2}',
      [
        ['value', 1, 1],
        ['value', 2, 10],
        ['truncated', 1, 0, 0],
      ],
    ],
    [
      '[{"a":1},\n{"b":2}, \n',
      [
        ['value', 1, 1],
        ['value', 2, 10],
        ['truncated', 1, 0, 3],
      ],
    ],
    // Cut inside an element: that element is the one truncation reported.
    [
      '[{"a":1},{"b":',
      [
        ['value', 1, 1],
        ['truncated', 1, 9],
      ],
    ],
    // Closed: nothing to report.
    ['[{"a":1}]\n', [['value', 1, 1]]],
  ];
  for (const [text, want] of cases) {
    for (const size of [1, 4, 4096]) {
      const got = split(text, size).map((p) =>
        want.some((w) => w.length === 4) && p.kind === 'truncated'
          ? [p.kind, p.line, p.offset, p.length]
          : [p.kind, p.line, p.offset],
      );
      assert.deepEqual(got, want, `${JSON.stringify(text)} in chunks of ${size}`);
    }
  }
});
