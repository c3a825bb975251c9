import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { HeapGovernor } from './heap-governor.js';

function oldBytes(): number {
  return getHeapSpaceStatistics()
    .filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space')
    .reduce((n, s) => n + s.space_used_size, 0);
}

test('garbage piled up in the old generation is collected once it passes the slack', () => {
  const g = new HeapGovernor();
  // ~40 MB of objects that live long enough to reach the old generation, then die.
  let keep: { i: number; s: string }[] = [];
  for (let i = 0; i < 400_000; i++) keep.push({ i, s: `value ${i} `.repeat(4) });
  assert.ok(keep.length > 0);
  keep = [];
  const before = oldBytes();
  for (let i = 0; i < 1024; i++) g.tick();
  assert.equal(g.collections, 1);
  assert.ok(oldBytes() < before, `${oldBytes()} < ${before}`);
  // Nothing new piled up: the next looks do not collect again.
  for (let i = 0; i < 4096; i++) g.tick();
  assert.equal(g.collections, 1);
});
