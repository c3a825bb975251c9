/**
 * Every crash or contract failure the fuzzer found is a committed sample
 * (test/samples/regression/, cases.json says what was damaged and what went wrong): each must
 * now pass every contract of the harness.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { checkEvtx } from './check-evtx.js';
import { checkText } from './check-text.js';
import { evtxLayout } from './evtx-layout.js';
import type { Range } from './evtx-mutate.js';
import { repo } from './inputs.js';

interface RegressionCase {
  file: string;
  original: string;
  touched: Range[];
  bug: string;
}

const dir = join(repo, 'test', 'samples', 'regression');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as RegressionCase[];

for (const c of cases) {
  test(`regression ${c.file}: ${c.bug}`, () => {
    const raw = readFileSync(join(dir, c.file));
    const bytes = new Uint8Array(c.file.endsWith('.gz') ? gunzipSync(raw) : raw);
    const r = c.file.endsWith('.evtx')
      ? checkEvtx(
          bytes,
          evtxLayout(new Uint8Array(readFileSync(join(repo, c.original)))),
          c.touched,
        )
      : checkText(bytes, c.file.replace(/\.gz$/, ''));
    assert.deepEqual(r.failures, []);
  });
}

test('regression slack chunk: past the header count, a chunk with a wiped header still yields its records', () => {
  const bytes = new Uint8Array(readFileSync(join(dir, 'slack-chunk-with-records.evtx')));
  const r = checkEvtx(bytes, evtxLayout(bytes), []);
  assert.deepEqual(r.failures, []);
  // 41 records; the first (in the wiped 1024 bytes) is gone, and with it the template the other
  // 40 use: their headers are sound but their content renders to nothing, so each is reported
  // (empty-record) rather than yielded as an event with no provider or id. Nothing is silent.
  assert.equal(r.events, 0);
  assert.ok(r.issues >= 40, `issues: ${r.issues}`);
});
