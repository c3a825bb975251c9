import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileRuleRegex,
  foldCase,
  MAX_REGEX_INPUT,
  regexSearch,
  RegexRejected,
} from './regex-guard.js';

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
  // `i` is compiled away by case folding (the linear fallback engine refuses it).
  assert.equal(re.flags, 'm');
  assert.equal(re.test('x\nRUN\ny'), true);
  assert.equal(re.test('x\nRUNS\ny'), false);
});

test('only the first MAX_REGEX_INPUT characters are searched', () => {
  const re = compileRuleRegex('needle', none);
  assert.equal(regexSearch(re, 'x'.repeat(MAX_REGEX_INPUT - 6) + 'needle'), true);
  assert.equal(regexSearch(re, 'x'.repeat(MAX_REGEX_INPUT) + 'needle'), false);
});

test('case folding keeps escapes, group names and ranges right', () => {
  for (const [src, folded] of [
    ['\\\\Run(Once)?\\\\', '\\\\[Rr][uU][nN]([Oo][nN][cC][eE])?\\\\'],
    ['[a-f0-9]{8}', '[a-fA-F0-9]{8}'],
    ['[^A-Z_]+x\\W', '[^A-Za-z_]+[xX]\\W'],
    ['(?<Name>ab)\\k<Name>', '(?<Name>[aA][bB])\\k<Name>'],
    ['\\x41b\\d', '\\x41[bB]\\d'],
  ] as const) {
    assert.equal(foldCase(src), folded);
  }
  const ci = { ...none, ignoreCase: true };
  assert.equal(compileRuleRegex('powershell.*-enc', ci).test('POWERSHELL.EXE -Enc'), true);
  assert.equal(compileRuleRegex('[a-c]+x', ci).test('ABCX'), true);
  assert.equal(compileRuleRegex('[a-c]+x', ci).test('ABDX'), false);
});

// Regression (H9 fuzzing): star height one is not enough. These patterns passed the load-time
// check and took minutes on a 16 KiB value; the linear fallback engine now finishes them.
test('overlapping alternation and stacked wildcards finish on adversarial input', () => {
  const long = 'a'.repeat(MAX_REGEX_INPUT) + '!';
  for (const [src, expected] of [
    ['(a|a)*$', true],
    ['(a|aa)+$', true],
    ['.*.*.*=.*.*x', false],
    ['^.*a.*a.*a.*a.*b$', false],
    ['[a-z]*[a-z]*[a-z]*[a-z]*#', false],
  ] as const) {
    for (const ignoreCase of [false, true]) {
      const re = compileRuleRegex(src, { ...none, ignoreCase });
      assert.equal(regexSearch(re, long), expected, src);
    }
  }
});

test('patterns the linear engine cannot run are rejected', () => {
  for (const src of ['(?=a)(a|a)*$', '(?!x)a', '(?<=a)b']) {
    assert.throws(() => compileRuleRegex(src, none), RegexRejected, src);
  }
});
