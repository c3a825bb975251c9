/**
 * Rule generation: findings → generalised rule trees → Sigma YAML and SIEM queries.
 *
 * ```ts
 * const out = generateRules(report.findings, { targets: ['sigma', 'splunk'] });
 * for (const r of out.rules) writeFile(join(dir, r.fileName), r.text);
 * ```
 */
import type { Finding } from '../../model/finding.js';
import { DialectError } from './dialect.js';
import {
  rulesFromFindings,
  type FindingsRuleOptions,
  type SkippedFinding,
} from './from-findings.js';
import { renderTarget, TARGETS, type RenderOptions, type Target } from './targets.js';

export { TARGETS, renderTarget, type Target, type RenderOptions };
export { ruleTreeFromSigma, ConvertError } from './from-sigma.js';
export { rulesFromFindings, generalKey } from './from-findings.js';
export type { RuleTree } from './tree.js';

export interface GeneratedRule {
  target: Target;
  /** The Sigma rule id (shared by every target rendering of the same rule). */
  id: string;
  title: string;
  level: string;
  /** Suggested file name: `<slug>-<id8>.<ext>`. */
  fileName: string;
  text: string;
  /** Findings the rule was made from. */
  findings: string[];
}

export interface GenerateResult {
  rules: GeneratedRule[];
  /** Findings no rule could be made from, and rules a target cannot express, with the reason. */
  skipped: (SkippedFinding | { rule: string; target: Target; reason: string })[];
}

const EXT: Record<Target, string> = {
  sigma: 'yml',
  splunk: 'spl',
  'splunk-cim': 'cim.spl',
  kql: 'kql',
  'kql-sysmon': 'sysmon.kql',
  eql: 'eql',
  esql: 'esql',
};

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);

export function generateRules(
  findings: readonly Finding[],
  opts: FindingsRuleOptions & RenderOptions & { targets?: readonly Target[] } = {},
): GenerateResult {
  const targets = opts.targets ?? ['sigma'];
  const { rules, skipped } = rulesFromFindings(findings, opts);
  const out: GenerateResult = { rules: [], skipped: [...skipped] };
  for (const { rule, findings: ids } of rules) {
    for (const target of targets) {
      try {
        const text = renderTarget(rule, target, opts);
        out.rules.push({
          target,
          id: rule.id,
          title: rule.title,
          level: rule.level,
          fileName: `${slug(rule.title)}-${rule.id.slice(0, 8)}.${EXT[target]}`,
          text: text.endsWith('\n') ? text : text + '\n',
          findings: ids,
        });
      } catch (e) {
        if (!(e instanceof DialectError)) throw e;
        out.skipped.push({ rule: rule.id, target, reason: e.message });
      }
    }
  }
  return out;
}
