/**
 * Golden tests of every query dialect against the reference conversions in
 * ../shared/reference/sigma.md §10 (pySigma backends, derived from their code and tests). The
 * SigmaHQ rules of the worked examples are read from ../shared/sigma/rules, converted through our
 * rule tree, and compared with the reference text byte for byte, except where the reference is
 * wrong (ES|QL LIKE escaping, shown below). ES|QL is compared in pySigma's case-sensitive shape;
 * the default case-insensitive form is tested in src/emit/rules/rules.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ruleTreeFromSigma } from '../../src/emit/rules/from-sigma.js';
import { renderTarget, type Target } from '../../src/emit/rules/targets.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(repo, '..', 'shared');
const REFERENCE = join(shared, 'reference', 'sigma.md');
const RULES = join(shared, 'sigma', 'rules', 'rules', 'windows');

const EXAMPLES: [section: string, rule: string][] = [
  ['### 10.2', 'registry/registry_set/registry_set_susp_reg_persist_explorer_run.yml'],
  ['### 10.3', 'registry/registry_event/registry_event_susp_download_run_key.yml'],
  ['### 10.4', 'process_creation/proc_creation_win_reg_add_run_key.yml'],
  [
    '### 10.5',
    'registry/registry_set/registry_set_asep_reg_keys_modification_wow6432node_currentversion.yml',
  ],
];

/** The labelled code blocks of one reference section: `SPL:`, `KQL (Defender):`, `EQL:`... */
function referenceBlocks(section: string): Map<Target, string> {
  const text = readFileSync(REFERENCE, 'utf8');
  const start = text.indexOf(section);
  const end = text.indexOf('\n### ', start + 1);
  const body = text.slice(start, end < 0 ? undefined : end);
  const out = new Map<Target, string>();
  const re = /^([A-Za-z| ]+?)(?: \([^\n]*\))?:\n```\n([\s\S]*?)\n```/gm;
  for (const m of body.matchAll(re)) {
    const label = m[1]!.trim();
    const target: Target | undefined =
      label === 'SPL'
        ? 'splunk'
        : label === 'SPL CIM'
          ? 'splunk-cim'
          : label.startsWith('KQL')
            ? 'kql'
            : label === 'EQL'
              ? 'eql'
              : label === 'ES|QL'
                ? 'esql'
                : undefined;
    if (target && !out.has(target)) out.set(target, m[2]!);
  }
  return out;
}

/** What the reference's ES|QL becomes with LIKE patterns escaped correctly (see below). */
function fixEsqlLike(q: string): string {
  return q.replace(
    / like "((?:[^"\\]|\\.)*)"/g,
    (_m, lit: string) => ` like "${lit.replace(/\\\\/g, '\\\\\\\\')}"`,
  );
}

const present = existsSync(REFERENCE) && existsSync(RULES);

for (const [section, file] of EXAMPLES) {
  describe(`reference ${section.slice(4)} (${file.split('/').pop()})`, () => {
    if (!present) {
      test('reference material', (t) => t.skip('../shared/reference or ../shared/sigma is absent'));
      return;
    }
    const tree = ruleTreeFromSigma(
      parse(readFileSync(join(RULES, file), 'utf8')) as Record<string, unknown>,
    );
    const blocks = referenceBlocks(section);
    test('the reference section has conversions', () =>
      assert.ok(blocks.size >= 4, [...blocks.keys()].join()));
    for (const [target, expected] of blocks) {
      test(target, () => {
        const want = target === 'esql' ? fixEsqlLike(expected) : expected;
        assert.equal(renderTarget(tree, target, { esqlCaseInsensitive: false }), want);
      });
    }
  });
}

/**
 * ES|QL LIKE, as Elasticsearch documents it: the string literal is unescaped first, then in the
 * pattern `*` and `?` are wildcards and `\` escapes the next character.
 */
function esqlLikeMatches(literal: string, value: string): boolean {
  const pattern = literal.replace(/\\(.)/g, '$1');
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(value);
}

describe('ES|QL LIKE escaping: why the reference (pySigma) output is wrong', () => {
  const value = 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\evil';
  test('pySigma\'s "*\\\\Run\\\\*" is the pattern *\\Run\\* whose \\* is a literal star: no match', () => {
    assert.equal(esqlLikeMatches('*\\\\Run\\\\*', value), false);
  });
  test('our "*\\\\\\\\Run\\\\\\\\*" is the pattern *\\\\Run\\\\* (escaped backslashes): matches', () => {
    const tree = ruleTreeFromSigma({
      title: 't',
      logsource: { category: 'registry_set', product: 'windows' },
      detection: { selection: { 'TargetObject|contains': '\\Run\\' }, condition: 'selection' },
    });
    const q = renderTarget(tree, 'esql', { esqlCaseInsensitive: false });
    const lit = / like "((?:[^"\\]|\\.)*)"/.exec(q)?.[1];
    assert.equal(lit, '*\\\\\\\\Run\\\\\\\\*');
    assert.equal(esqlLikeMatches(lit!, value), true);
  });
});
