/* eslint-disable no-control-regex -- these tests look for control characters */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { visible, visibleOneLine } from './visible.js';
import { padTo, textWidth, truncate } from './text-width.js';

test('control, C1 and bidi characters become visible escapes', () => {
  const cases: [string, string, string][] = [
    // input, visible, visibleOneLine
    ['\x1b]0;pwn\x07', '\\x1b]0;pwn\\x07', '\\x1b]0;pwn\\x07'],
    ['\x1b[2J', '\\x1b[2J', '\\x1b[2J'],
    ['a\u009b31mb', 'a\\x9b31mb', 'a\\x9b31mb'],
    ['evil\u202Etxt.exe', 'evil\\u202etxt.exe', 'evil\\u202etxt.exe'],
    ['zero\u200bwidth\ufeff', 'zero\\u200bwidth\\ufeff', 'zero\\u200bwidth\\ufeff'],
    ['line1\nline2\tx', 'line1\nline2\tx', 'line1\\nline2\\tx'],
    ['cr\rover', 'cr\\rover', 'cr\\rover'],
    ['nul\u0000del\u007f', 'nul\\x00del\\x7f', 'nul\\x00del\\x7f'],
    ['sep\u2028x', 'sep\\u2028x', 'sep\\u2028x'],
    [
      'C:\\Users\\Público\\日本.exe',
      'C:\\Users\\Público\\日本.exe',
      'C:\\Users\\Público\\日本.exe',
    ],
  ];
  for (const [input, v, one] of cases) {
    assert.equal(visible(input), v, JSON.stringify(input));
    assert.equal(visibleOneLine(input), one, JSON.stringify(input));
    // Nothing a terminal interprets survives.
    assert.doesNotMatch(visibleOneLine(input), /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  }
});

test('display width counts wide characters twice and combining marks not at all', () => {
  assert.equal(textWidth('abc'), 3);
  assert.equal(textWidth('日本語'), 6);
  assert.equal(textWidth('e\u0301'), 1);
  assert.equal(truncate('日本語テキスト', 7), '日本語…');
  assert.equal(textWidth(truncate('日本語テキスト', 7)), 7);
  assert.equal(truncate('short', 10), 'short');
  assert.equal(padTo('日本', 6), '日本  ');
});

test('property: no string, however hostile, leaves a control character in a table cell', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
      const out = visibleOneLine(s);
      assert.doesNotMatch(
        out,
        /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
      );
      // Printable text passes unchanged.
      if (
        !/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/.test(s)
      ) {
        assert.equal(out, s);
      }
    }),
  );
});
