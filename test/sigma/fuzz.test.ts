/**
 * Robustness: whatever a rule file holds, compiling never throws (a bad rule becomes a `failed`
 * entry) and matching a compiled rule never throws.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { matchEvent } from '../../src/sigma/match.js';
import { compileYaml, event } from './helpers.js';

const key = fc.oneof(
  fc.constantFrom('A', 'B', 'TargetObject', ''),
  fc
    .tuple(
      fc.constantFrom('A', 'B', ''),
      fc.array(
        fc.constantFrom(
          'contains',
          'startswith',
          'endswith',
          'all',
          're',
          'i',
          'm',
          's',
          'base64',
          'base64offset',
          'wide',
          'utf16le',
          'utf16be',
          'utf16',
          'windash',
          'cidr',
          'exists',
          'fieldref',
          'gt',
          'lte',
          'cased',
          'expand',
          'neq',
          'bogus',
        ),
        { maxLength: 3 },
      ),
    )
    .map(([f, mods]) => [f, ...mods].join('|')),
);
const scalar = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', '*', '?', '\\', '%', '-', '/', '(', '+', '1', '.'),
    maxLength: 8,
  }),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const map = fc.dictionary(key, value, { minKeys: 0, maxKeys: 3 });
const identifier = fc.oneof(
  map,
  fc.array(map, { maxLength: 2 }),
  fc.array(scalar, { maxLength: 3 }),
  scalar,
);
const condition = fc.oneof(
  fc.constantFrom(
    'sel1',
    'sel2',
    'sel1 and not sel2',
    '1 of sel*',
    'all of them',
    'sel1 or',
    '(sel1',
    'x | count() > 1',
    'sel1 and sel3',
  ),
  fc.array(fc.constantFrom('sel1', 'sel2'), { minLength: 1, maxLength: 2 }),
);

test('compiling arbitrary detections never throws; matching compiled rules never throws', () => {
  fc.assert(
    fc.property(
      identifier,
      identifier,
      condition,
      fc.dictionary(fc.constantFrom('A', 'B', 'TargetObject'), fc.string({ maxLength: 6 })),
      (s1, s2, cond, data) => {
        const doc = {
          title: 'fuzz',
          logsource: { product: 'test' },
          detection: { sel1: s1, sel2: s2, condition: cond },
        };
        const { set, failed } = compileYaml(stringify(doc));
        assert.equal(set.rules.length + failed.length, 1);
        matchEvent(set, event(data));
      },
    ),
    { numRuns: 500 },
  );
});
