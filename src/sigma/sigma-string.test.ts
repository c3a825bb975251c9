import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ANY, ONE, parseSigmaString, renderSigmaString } from './sigma-string.js';

// Sigma rules specification "Escape Character"; table in ../shared/reference/sigma.md §3.2.
const cases: [string, unknown[]][] = [
  ['C:\\Windows\\x.exe', ['C:\\Windows\\x.exe']],
  ['C:\\\\Windows\\\\x.exe', ['C:\\Windows\\x.exe']],
  ['\\Run\\', ['\\Run\\']],
  ['\\*', ['*']],
  ['\\?', ['?']],
  ['\\\\*', ['\\', ANY]],
  ['\\\\\\*', ['\\*']],
  ['\\\\\\\\', ['\\\\']],
  ['a*b?c', ['a', ANY, 'b', ONE, 'c']],
  ['**', [ANY, ANY]],
  ['', []],
];

for (const [raw, parts] of cases) {
  test(`parse ${JSON.stringify(raw)}`, () => {
    assert.deepEqual(parseSigmaString(raw), parts);
  });
}

test('render then parse is the identity', () => {
  for (const [raw] of cases) {
    const p = parseSigmaString(raw);
    assert.deepEqual(parseSigmaString(renderSigmaString(p)), p);
  }
});
