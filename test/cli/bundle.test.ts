/**
 * The bin (dist/bundle/runhunt.mjs, from scripts/bin/runhunt.mjs) runs the bundled CLI script
 * through the V8 code cache the build writes (scripts/bundle.mjs). A cache V8 rejects costs
 * nothing but the start-up it was meant to save, so nothing else would notice: V8 rejects a
 * cache made under other flags, and the CLI sets flags of its own while it runs (a new
 * setFlagsFromString in src/ must be added to the bin's list too).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'bundle');
const samples = join(root, 'test', 'samples', 'hunt');

function huntWith(bin: string, out: string): { cache: string; report: string } {
  const r = spawnSync(process.execPath, [bin, 'hunt', '--format', 'json', '-o', out, samples], {
    env: { ...process.env, RUNHUNT_CODE_CACHE_REPORT: '1' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const cache = /runhunt: code cache (\w+)/.exec(r.stderr)?.[1] ?? 'not reported';
  const report = readFileSync(out, 'utf8').replace(/"generatedAt": "[^"]*"/, '');
  return { cache, report };
}

test('the built bin loads the CLI from a code cache V8 accepts, and hunts as without one', () => {
  // Inside dist/, two levels below the package root as the bundle is: the CLI finds data/ there.
  const tmp = mkdtempSync(join(root, 'dist', 'bundle-test-'));
  try {
    const cached = huntWith(join(bundle, 'runhunt.mjs'), join(tmp, 'a.json'));
    assert.equal(cached.cache, 'accepted');
    // The same bin beside the same script with no cache compiles it as usual.
    for (const f of ['runhunt.mjs', 'runhunt.cjs', 'worker.mjs'])
      copyFileSync(join(bundle, f), join(tmp, f));
    const plain = huntWith(join(tmp, 'runhunt.mjs'), join(tmp, 'b.json'));
    assert.equal(plain.cache, 'absent');
    assert.equal(plain.report, cached.report);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
