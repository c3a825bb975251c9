/**
 * Round trip of generated rules: hunt the committed samples, generate Sigma rules from the
 * findings, then
 * 1. every rule validates against the Sigma JSON schema and compiles in our engine;
 * 2. run by our engine over the same input, each rule matches the event of every finding it was
 *    made from;
 * 3. the same for the rules made from ../shared/corpus/attack, and over ../shared/corpus/mixed and
 *    benign neither rule set matches anything (skipped when the corpus is absent).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateRules } from '../../src/emit/rules/index.js';
import { hunt } from '../../src/hunt.js';
import { readInputs } from '../../src/ingest/read-inputs.js';
import type { Finding } from '../../src/model/finding.js';
import type { RuleFailure } from '../../src/sigma/types.js';
import { compileDocs } from '../../src/sigma/compile.js';
import { parseRuleText } from '../../src/sigma/loader.js';
import { matchEvent } from '../../src/sigma/match.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLES = join(repo, 'test', 'samples', 'hunt');
const shared = resolve(repo, '..', 'shared');

const report = hunt([SAMPLES]);
const generated = generateRules(report.findings, { targets: ['sigma'], date: '2026-01-01' });

function compileGenerated() {
  const failed: RuleFailure[] = [];
  const docs = generated.rules.flatMap((r) => parseRuleText(r.text, r.fileName, failed));
  return compileDocs(docs, failed, generated.rules.length);
}

/** The event a finding is about: its registry/file/process event (first evidence of that kind). */
function mainEvidence(f: Finding) {
  const eid = f.kind === 'registry' ? 13 : f.kind === 'startup-folder' ? 11 : 1;
  return f.evidence.find((e) => e.eventId === eid);
}

test('the samples give findings and rules', () => {
  assert.ok(report.findings.length >= 4, `${report.findings.length} findings`);
  assert.ok(generated.rules.length >= 3, `${generated.rules.length} rules`);
  assert.ok(
    generated.rules.length < report.findings.length,
    'findings are grouped, not one rule each',
  );
});

test('every generated rule validates against the Sigma schema and compiles', () => {
  const { rules, failed } = compileGenerated();
  assert.deepEqual(failed, []);
  assert.equal(rules.rules.length, generated.rules.length);
});

test('each rule matches the events of the findings it was made from', () => {
  const { rules } = compileGenerated();
  const byKey = new Map<string, Set<string>>();
  for (const e of readInputs([SAMPLES])) {
    const ids = matchEvent(rules, e).map((m) => m.rule.id);
    if (ids.length > 0) byKey.set(`${e.source}#${e.recordId}`, new Set(ids));
  }
  let checked = 0;
  for (const r of generated.rules) {
    for (const fid of r.findings) {
      const f = report.findings.find((x) => x.id === fid)!;
      const ev = mainEvidence(f);
      if (!ev) continue;
      checked++;
      assert.ok(
        byKey.get(`${ev.file}#${ev.eventRecordId}`)?.has(r.id),
        `rule "${r.title}" should match ${ev.file}#${ev.eventRecordId}`,
      );
    }
  }
  assert.ok(checked >= 4);
});

test('attack corpus: rules from its findings match every finding event and nothing in mixed/benign', (t) => {
  const attack = join(shared, 'corpus', 'attack');
  const quiet = ['mixed', 'benign'].map((d) => join(shared, 'corpus', d));
  if (![attack, ...quiet].every(existsSync)) return t.skip('../shared/corpus is absent');
  const rep = hunt([attack]);
  const gen = generateRules(rep.findings, { targets: ['sigma'], date: '2026-01-01' });
  assert.deepEqual(gen.skipped, []);
  const failed: RuleFailure[] = [];
  const docs = gen.rules.flatMap((r) => parseRuleText(r.text, r.fileName, failed));
  const { rules, failed: bad } = compileDocs(docs, failed, gen.rules.length);
  assert.deepEqual(bad, []);
  const hit = new Map<string, Set<string>>();
  for (const e of readInputs([attack])) {
    const ids = matchEvent(rules, e).map((m) => m.rule.id);
    if (ids.length > 0) hit.set(`${e.source}#${e.recordId}`, new Set(ids));
  }
  const missed: string[] = [];
  for (const r of gen.rules) {
    for (const fid of r.findings) {
      const ev = mainEvidence(rep.findings.find((x) => x.id === fid)!);
      if (ev && !hit.get(`${ev.file}#${ev.eventRecordId}`)?.has(r.id))
        missed.push(`${r.title} @ ${ev.file}`);
    }
  }
  assert.deepEqual(missed, []);
  const fps: string[] = [];
  for (const e of readInputs(quiet))
    for (const m of matchEvent(rules, e)) fps.push(`${m.rule.title} @ ${e.source}`);
  assert.deepEqual(fps, []);
});
