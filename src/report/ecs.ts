import type { Finding, Report, Severity } from '../model/finding.js';
import { baseName, chainSteps, locationLabel, runsLabel, valueLabel } from './finding-view.js';

/** The ECS version the documents follow (field names from the ECS reference, 8.x). */
export const ECS_VERSION = '8.11.0';

/** `event.severity` is a number in ECS; runhunt's severities map to 1 (informational) .. 5 (critical). */
export const ECS_SEVERITY: Record<Severity, number> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

const CATEGORY: Record<Finding['kind'], { category: string; type: string }> = {
  registry: { category: 'registry', type: 'change' },
  'startup-folder': { category: 'file', type: 'creation' },
  'command-line': { category: 'process', type: 'start' },
};

type Doc = Record<string, unknown>;

/**
 * One finding as an Elastic Common Schema alert document (`event.kind: alert`), ready for an
 * Elasticsearch bulk load or a Splunk HEC event. ECS has no place for the evidence chain and
 * indicators, so they travel in a custom `runhunt` object (ECS reserves no such top-level name).
 */
export function toEcs(f: Finding, report: Pick<Report, 'generatedAt' | 'tool'>): Doc {
  const kind = CATEGORY[f.kind];
  const doc: Doc = {
    '@timestamp': f.timestamp,
    message: `${f.severity} ${locationLabel(f)} ${valueLabel(f)}: ${runsLabel(f)}`,
    ecs: { version: ECS_VERSION },
    event: {
      kind: 'alert',
      category: [kind.category],
      type: [kind.type],
      module: 'runhunt',
      dataset: 'runhunt.finding',
      created: report.generatedAt,
      severity: ECS_SEVERITY[f.severity],
      risk_score: f.score,
      risk_score_norm: f.score,
    },
    host: { name: f.host },
    rule: {
      id: f.location?.id ?? f.kind,
      name: `runhunt autostart write: ${f.location?.id ?? f.kind}`,
      ruleset: 'runhunt',
      version: report.tool.version,
      ...(f.location ? { description: f.location.description } : {}),
    },
  };
  if (f.user) doc.user = userFields(f.user);
  if (f.registry) {
    const r = f.registry;
    const hive = r.key.split('\\', 1)[0] ?? r.hive;
    doc.registry = {
      hive,
      key: r.key.slice(hive.length + 1),
      path: r.valueName ? `${r.key}\\${r.valueName}` : r.key,
      value: r.valueName,
      data: { strings: [r.details] },
    };
  }
  if (f.file) {
    doc.file = { path: f.file.targetFilename, name: baseName(f.file.targetFilename) };
  }
  const p = f.process;
  doc.process = {
    executable: p.image,
    name: baseName(p.image),
    entity_id: p.processGuid,
    ...(p.processId !== null ? { pid: p.processId } : {}),
    ...(p.commandLine !== undefined ? { command_line: p.commandLine } : {}),
    ...(p.parentImage !== undefined
      ? { parent: { executable: p.parentImage, name: baseName(p.parentImage) } }
      : {}),
  };
  if (f.techniques.length) {
    doc.threat = {
      framework: 'MITRE ATT&CK',
      technique: {
        id: f.techniques.map((t) => t.id),
        name: f.techniques.map((t) => t.name),
        reference: f.techniques.map(
          (t) => `https://attack.mitre.org/techniques/${t.id.replace('.', '/')}/`,
        ),
      },
      tactic: { name: [...new Set(f.techniques.map((t) => t.tactic))] },
    };
  }
  doc.runhunt = {
    finding_id: f.id,
    kind: f.kind,
    severity: f.severity,
    score: f.score,
    ...(f.command ? { command: f.command } : {}),
    indicators: f.indicators,
    chain: chainSteps(f).map((s) => ({ stage: s.stage, ...s.event })),
    baseline: f.baseline,
    evidence: f.evidence,
  };
  return doc;
}

/** `DOMAIN\user` -> user.domain + user.name (ECS keeps them apart). */
function userFields(u: string): Doc {
  const i = u.indexOf('\\');
  return i > 0 ? { domain: u.slice(0, i), name: u.slice(i + 1) } : { name: u };
}
