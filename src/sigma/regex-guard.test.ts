import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRuleRegex, MAX_REGEX_INPUT, regexSearch, RegexRejected } from './regex-guard.js';

const none = { ignoreCase: false, multiline: false, dotAll: false };

test('rejects nested quantifiers and back-references', () => {
  for (const src of [
    '(a+)+$',
    '(a*)*',
    '(?:a|b+)*c',
    '(x{2,})+',
    '((ab)*c)+',
    '(a)\\1',
    '(?<n>a)\\k<n>',
  ]) {
    assert.throws(() => compileRuleRegex(src, none), RegexRejected, src);
  }
});

test('accepts the usual SigmaHQ shapes', () => {
  for (const src of [
    '\\\\Run(Once)?\\\\',
    '^[a-z]{3,8}\\.exe$',
    '(?:a|b)+',
    '(ab)?c*',
    '[(+*)]+',
    '\\d+\\.\\d+',
    '(?i)powershell.*-enc',
    '(?P<x>a)b',
  ]) {
    assert.doesNotThrow(() => compileRuleRegex(src, none), src);
  }
});

test('inline flags become JavaScript flags', () => {
  const re = compileRuleRegex('(?im)^run$', none);
  assert.equal(re.flags, 'im');
  assert.equal(re.test('x\nRUN\ny'), true);
});

test('only the first MAX_REGEX_INPUT characters are searched', () => {
  const re = compileRuleRegex('needle', none);
  assert.equal(regexSearch(re, 'x'.repeat(MAX_REGEX_INPUT - 6) + 'needle'), true);
  assert.equal(regexSearch(re, 'x'.repeat(MAX_REGEX_INPUT) + 'needle'), false);
});
