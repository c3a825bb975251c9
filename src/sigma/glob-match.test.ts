import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileGlob } from './glob-match.js';
import { ANY, ONE, type Part, type SigmaString } from './sigma-string.js';

/** Reference: the glob as an anchored regular expression (only used in this test). */
function reference(p: SigmaString, cased: boolean): RegExp {
  const src = p
    .map((x) =>
      x === ANY ? '[\\s\\S]*' : x === ONE ? '[\\s\\S]' : x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${src}$`, cased ? 'u' : 'iu');
}

const alphabet = fc.constantFrom('a', 'b', 'A', '\\', '*', '.');
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.constant<Part>(ANY),
  fc.constant<Part>(ONE),
  fc.string({ unit: alphabet, minLength: 1, maxLength: 3 }),
);

test('compileGlob agrees with an anchored-regex reference on random patterns and values', () => {
  fc.assert(
    fc.property(
      fc.array(part, { maxLength: 6 }),
      fc.string({ unit: alphabet, maxLength: 10 }),
      fc.boolean(),
      (pattern, value, cased) => {
        const test = compileGlob(pattern, cased);
        const v = cased ? value : value.toLowerCase();
        assert.equal(
          test(v),
          reference(pattern, cased).test(value),
          JSON.stringify({ pattern, value, cased }),
        );
      },
    ),
    { numRuns: 3000 },
  );
});

test('? counts code points, not UTF-16 units', () => {
  assert.equal(compileGlob(['a', ONE, 'b'], true)('a\u{1F600}b'), true);
});

test('a long value against a many-star pattern stays fast (no backtracking)', () => {
  const t = compileGlob([ANY, 'a', ANY, 'a', ANY, 'a', ANY, 'b'], true);
  assert.equal(t('a'.repeat(20000)), false);
});
