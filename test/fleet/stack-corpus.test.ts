/**
 * `stack` over the real multi-host corpus (../shared/corpus/mixed and attack: logs of many
 * computers) against a reviewed golden. UPDATE_GOLDEN=1 rewrites it; review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackPaths } from '../../src/fleet/collect.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const golden = join(root, 'test', 'golden', 'stack', 'corpus-mixed-attack.json');

test('stack over corpus/mixed + corpus/attack matches the reviewed golden', (t) => {
  if (!existsSync(join(corpus, 'mixed')) || !existsSync(join(corpus, 'attack'))) {
    t.skip('../shared/corpus is absent: corpus stack golden not checked');
    return;
  }
  const r = stackPaths([join(corpus, 'mixed'), join(corpus, 'attack')]);
  const text = JSON.stringify(r, null, 2) + '\n';
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, text);
  }
  assert.equal(
    text,
    readFileSync(golden, 'utf8'),
    `${golden} differs (UPDATE_GOLDEN=1 rewrites it)`,
  );

  // What the golden was reviewed for, stated so a rewrite cannot silently lose it.
  assert.ok(r.hosts >= 9, `many computers: ${r.hosts}`);
  for (let i = 1; i < r.entries.length; i++) {
    assert.ok((r.entries[i - 1]?.hostCount ?? 0) <= (r.entries[i]?.hostCount ?? 0), 'rarest first');
  }
  const names = new Set(r.entries.map((e) => e.valueName));
  for (const n of ['360v', 'NextRun', 'Updater', 'softoz', 'T1218.005.hta', 'Notepad.lnk']) {
    assert.ok(names.has(n), `labelled persistence entry ${n} is stacked`);
  }
  // The sticky-keys IFEO debugger (cmd.exe for sethc.exe) set on two lab hosts years apart is
  // one entry on two hosts, so it ranks last.
  const sethc = r.entries.filter(
    (e) => e.key.endsWith('\\sethc.exe') && e.valueName === 'Debugger',
  );
  assert.equal(sethc.length, 1);
  assert.deepEqual(sethc[0]?.hosts, ['MSEDGEWIN10', 'srvdefender01.offsec.lan']);
  assert.equal(r.entries.at(-1), sethc[0]);
});
