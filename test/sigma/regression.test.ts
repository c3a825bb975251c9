/**
 * SigmaHQ regression cases: each `info.yml` names a rule id and an `.evtx` with the number of
 * matches the rule must produce (SigmaHQ/sigma tests/regression_tests_runner.py; the format is
 * described in ../shared/sigma/README.md). We require the exact count, read from the `.evtx`
 * with our reader and, independently, from the evtx_dump `.json` rendering beside it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readInputs } from '../../src/ingest/read-inputs.js';
import { compileRules, matchEvent, type SigmaRuleSet } from '../../src/sigma/index.js';
import { rawEventFromEvtxJson } from './evtx-json.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repo, '..', 'shared');
const RULES = join(shared, 'sigma', 'rules');
const ROOTS = [
  {
    dir: join(shared, 'sigma', 'regression', 'regression_data'),
    pathBase: join(shared, 'sigma', 'regression'),
  },
  { dir: join(shared, 'corpus', 'attack', 'sigma-regression'), pathBase: null },
];

interface Info {
  rule_metadata: { id: string; title: string }[];
  regression_tests_info: { name: string; type: string; match_count?: number; path: string }[];
}

function infoFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...infoFiles(p));
    else if (n === 'info.yml') out.push(p);
  }
  return out;
}

let compiled: SigmaRuleSet | undefined;
function rules(): SigmaRuleSet {
  return (compiled ??= compileRules([RULES]).rules);
}

const cases = ROOTS.flatMap((r) =>
  infoFiles(r.dir).map((f) => ({ info: f, pathBase: r.pathBase })),
);

test('SigmaHQ regression data is present', (t) => {
  if (!existsSync(RULES)) return t.skip('../shared/sigma is absent');
  assert.ok(cases.length >= 11, `found ${cases.length} regression cases`);
});

for (const c of cases) {
  const info = parse(readFileSync(c.info, 'utf8')) as Info;
  const ruleId = info.rule_metadata[0]!.id;
  for (const t of info.regression_tests_info) {
    const evtx = c.pathBase ? join(c.pathBase, t.path) : join(dirname(c.info), basename(t.path));
    const label = `${basename(dirname(c.info))} (${c.pathBase ? 'sigma/regression' : 'corpus'})`;
    const expected = t.match_count ?? 1;

    test(`${label}: rule ${ruleId} matches ${expected}× in the .evtx`, (tt) => {
      if (!existsSync(RULES)) return tt.skip('../shared/sigma is absent');
      assert.ok(
        rules().rules.some((r) => r.info.id === ruleId),
        'rule loaded',
      );
      let count = 0;
      let events = 0;
      for (const e of readInputs([evtx])) {
        events++;
        count += matchEvent(rules(), e).filter((m) => m.rule.id === ruleId).length;
      }
      assert.ok(events > 0, 'the .evtx yields events');
      assert.equal(count, expected);
    });

    test(`${label}: rule ${ruleId} matches ${expected}× in the evtx_dump .json`, (tt) => {
      if (!existsSync(RULES)) return tt.skip('../shared/sigma is absent');
      const json = evtx.replace(/\.evtx$/, '.json');
      const ev = rawEventFromEvtxJson(JSON.parse(readFileSync(json, 'utf8')), json);
      const count = matchEvent(rules(), ev).filter((m) => m.rule.id === ruleId).length;
      assert.equal(count, expected);
    });
  }
}
