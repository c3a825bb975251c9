/**
 * The Sigma fast path (`wantedByRules`): readers skip events of EventIDs no loaded rule can
 * match. It must be exact: the same matches as reading every event, over the SigmaHQ rules and
 * every EVTX of the corpus, and over rule sets that take any EventID (no filter at all).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { evtxFilesUnder, mordorZips } from '../evtx-files.js';
import { fileURLToPath } from 'node:url';
import { readInputs, type ReadInputsOptions } from '../../src/ingest/read-inputs.js';
import {
  compileDocs,
  compileRules,
  matchEvent,
  wantedByRules,
  type SigmaRuleSet,
} from '../../src/sigma/index.js';
import { parseRuleText } from '../../src/sigma/loader.js';
import type { RuleFailure } from '../../src/sigma/types.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repo, '..', 'shared');
const RULES = join(shared, 'sigma', 'rules');
const CORPUS = join(shared, 'corpus');

/** One rule from its YAML text; it must compile. */
function compileOne(text: string, name: string): SigmaRuleSet {
  const failed: RuleFailure[] = [];
  const { rules } = compileDocs(parseRuleText(text, name, failed), failed);
  assert.deepEqual(failed, []);
  return rules;
}

/** Every rule match over the inputs, as `source|recordId|rule id`. */
function matchKeys(rules: SigmaRuleSet, files: string[], opts: ReadInputsOptions): string[] {
  const out: string[] = [];
  for (const e of readInputs(files, opts)) {
    for (const m of matchEvent(rules, e)) out.push(`${e.source}|${e.recordId}|${m.rule.id}`);
  }
  return out;
}

test('SigmaHQ Run-key rules over the corpus: the fast path finds every match', (t) => {
  if (!existsSync(RULES) || !existsSync(CORPUS)) return t.skip('../shared is absent');
  const { rules } = compileRules([RULES]);
  const want = wantedByRules(rules.index);
  assert.ok(want, 'the Run-key rules name their EventIDs');
  const files = evtxFilesUnder(CORPUS);
  const matches = (opts: ReadInputsOptions): string[] => matchKeys(rules, files, opts);
  let read = 0;
  const all = matches({});
  const fast = matches({ want });
  for (const _ of readInputs(files, { want })) read++;
  assert.ok(all.length > 50, `${all.length} matches`);
  assert.deepEqual(fast, all);
  // And it does skip: fewer events decoded than the corpus holds.
  let total = 0;
  for (const _ of readInputs(files, {})) total++;
  assert.ok(read < total / 2, `${read} of ${total} events decoded`);
});

test('a rule that applies to any EventID of its channel turns the filter off', () => {
  const text = [
    'title: any security event',
    'id: 5b0f7c1e-0000-4000-8000-000000000001',
    'logsource: { product: windows, service: security }',
    'detection: { sel: { SubjectUserName: alice }, condition: sel }',
  ].join('\n');
  const rules = compileOne(text, 'any.yml');
  assert.equal(rules.rules.length, 1);
  assert.equal(wantedByRules(rules.index), undefined);
});

test('the filter keeps exactly the EventIDs of the rules', () => {
  const text = [
    'title: registry set',
    'id: 5b0f7c1e-0000-4000-8000-000000000002',
    'logsource: { product: windows, category: registry_set }',
    'detection: { sel: { TargetObject|contains: "\\\\Run\\\\" }, condition: sel }',
  ].join('\n');
  const rules = compileOne(text, 'set.yml');
  assert.equal(rules.rules.length, 1);
  const want = wantedByRules(rules.index);
  assert.ok(want);
  assert.deepEqual(
    [1, 11, 12, 13, 14, 4688].filter((id) => want('Microsoft-Windows-Sysmon', id)),
    [13],
  );
});

test('JSON exports (the Mordor zips): the fast path finds every match of a process rule', (t) => {
  const zips = mordorZips();
  if (!zips) return t.skip('../shared is absent');
  const text = [
    'title: any executable started',
    'id: 5b0f7c1e-0000-4000-8000-000000000003',
    'logsource: { product: windows, category: process_creation }',
    'detection: { sel: { Image|endswith: ".exe" }, condition: sel }',
  ].join('\n');
  const rules = compileOne(text, 'proc.yml');
  const want = wantedByRules(rules.index);
  assert.ok(want);
  const matches = (opts: ReadInputsOptions): string[] => matchKeys(rules, zips, opts);
  const all = matches({});
  assert.ok(all.length > 100, `${all.length} matches`);
  assert.deepEqual(matches({ want }), all);
});
