import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sigmaEscape, uuidFrom } from './finding-rules.js';

test('sigmaEscape escapes wildcards and a backslash before a wildcard or at the end', () => {
  const cases: [string, string][] = [
    ['C:\\Users\\Public\\a.exe', 'C:\\Users\\Public\\a.exe'],
    ['\\CurrentVersion\\Run\\', '\\CurrentVersion\\Run\\\\'],
    ['what*ever?', 'what\\*ever\\?'],
    ['C:\\dir\\*', 'C:\\dir\\\\\\*'],
  ];
  for (const [input, want] of cases) assert.equal(sigmaEscape(input), want, input);
});

test('uuidFrom is stable and shaped like a v4 UUID', () => {
  const a = uuidFrom('x');
  assert.equal(a, uuidFrom('x'));
  assert.notEqual(a, uuidFrom('y'));
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
