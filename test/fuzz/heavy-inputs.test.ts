/**
 * Resource exhaustion from rules and values: a 10,000-keyword rule, adversarial regexes on long
 * values, a YAML alias bomb, 50,000-deep conditions and YAML nesting, megabyte command lines.
 * Each runs in a worker under a wall-clock guard (hang = failure) and a 384 MB heap.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guarded } from './guarded.js';

for (const task of [
  'hugeKeywordList',
  'regexAdversarial',
  'yamlAliasBomb',
  'deepCondition',
  'deepYamlNesting',
  'hugeCommandLines',
]) {
  test(`bounded: ${task}`, async (t) => {
    const r = await guarded(task, 30_000);
    t.diagnostic(`${task}: ${r.detail}`);
    assert.ok(r.ok, r.detail);
  });
}
