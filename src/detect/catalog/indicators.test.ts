import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { allIndicators, indicatorDef, indicatorHit, UnknownIndicatorError } from './indicators.js';
import { allTechniqueIds, techniqueById, techniqueDef } from './techniques.js';
import { packageRoot } from '../../util/data-loader.js';

// The ids other detectors emit (issue 3 contract between H3a and H3b): each must exist.
const REQUIRED =
  `asep-write asep-context-only hidden-value-name path-temp path-appdata path-programdata
path-public path-recycle-bin path-perflogs path-downloads path-unc path-webdav path-user-profile path-users-root
encoded-powershell powershell-download powershell-hidden script-interpreter script-file lolbin-mshta
lolbin-rundll32 lolbin-regsvr32 lolbin-other mshta-url mshta-inline-script regsvr32-scrobj
rundll32-unusual-entry double-extension system-binary-masquerade registry-indirection url-in-value
writer-script-host writer-cmd writer-reg writer-powershell writer-python writer-office writer-wmi
writer-remote-registry writer-user-folder writer-unsigned-unknown writer-lolbin payload-created-before
payload-executed-after ran-at-logon cleanup-deleted overwritten-later command-line-autostart-write
baseline-new baseline-changed baseline-known rare-host common-fleet startup-folder-drop
startup-folder-script startup-folder-lnk startup-folder-executable startup-redirect
winlogon-shell-userinit sigma-match`.split(/\s+/);

test('every required indicator id is defined', () => {
  for (const id of REQUIRED) assert.ok(indicatorDef(id), id);
});

test('indicator techniques exist in data/techniques.yaml; exculpatory ones weigh less than zero', () => {
  for (const i of allIndicators()) {
    for (const t of i.techniques) assert.ok(techniqueDef(t), `${i.id}: ${t}`);
  }
  for (const id of ['baseline-known', 'common-fleet'])
    assert.ok((indicatorDef(id)?.weight ?? 0) < 0, id);
});

test('indicatorHit builds the report shape and rejects unknown ids', () => {
  const hit = indicatorHit('hidden-value-name', 'HKLM\\...\\Run\\');
  assert.equal(hit.weight, indicatorDef('hidden-value-name')?.weight);
  assert.equal(hit.detail, 'HKLM\\...\\Run\\');
  assert.equal(indicatorHit('asep-write', '').detail, undefined);
  assert.throws(() => indicatorHit('no-such-indicator'), UnknownIndicatorError);
});

test('techniqueById returns the report shape', () => {
  assert.deepEqual(techniqueById('T1547.001'), {
    id: 'T1547.001',
    name: 'Boot or Logon Autostart Execution: Registry Run Keys / Startup Folder',
    tactic: 'persistence',
  });
  assert.equal(techniqueDef('T1547.004')?.tacticId, 'TA0003');
  assert.equal(techniqueById('T9999'), undefined);
});

// Cross-file consistency: other data files name indicator and technique ids; all must resolve.
test('every indicator and technique id named in any data file is defined', () => {
  const dataDir = join(packageRoot(), 'data');
  const techniques = new Set(allTechniqueIds());
  const files = readdirSync(dataDir).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.length > 3);
  for (const f of files) {
    const text = readFileSync(join(dataDir, f), 'utf8');
    for (const m of text.matchAll(/\bT\d{4}(?:\.\d{3})?\b/g)) {
      assert.ok(techniques.has(m[0]), `${f}: technique ${m[0]} not in techniques.yaml`);
    }
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if ((k === 'indicator' || k === 'indicators') && f !== 'indicators.yaml') {
            for (const id of [x].flat()) {
              if (typeof id === 'string')
                assert.ok(indicatorDef(id), `${f}: indicator ${id} not in indicators.yaml`);
            }
          } else walk(x);
        }
      }
    };
    walk(parse(text));
  }
});

test('docs/data-files.md lists every indicator with its weight', () => {
  const doc = readFileSync(join(packageRoot(), 'docs', 'data-files.md'), 'utf8');
  for (const i of allIndicators()) {
    const row = new RegExp(`^\\| \`${i.id}\` \\| ${i.category} \\| ${i.weight} \\|`, 'm');
    assert.match(doc, row, `docs/data-files.md: no row for ${i.id} (weight ${i.weight})`);
  }
});
