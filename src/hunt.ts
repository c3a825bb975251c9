import type { Candidate } from './model/candidate.js';
import type { InputSummary, RawEvent } from './model/events.js';
import type { Finding, Report, Severity } from './model/finding.js';
import { SEVERITIES } from './model/finding.js';
import type { NormalizedEvent } from './model/normalized.js';
import { linkChain } from './correlate/chains.js';
import { EventIndex, type IndexLimits } from './correlate/event-index.js';
import { mergeCommandLines } from './correlate/merge.js';
import { createDetector, type DetectorOptions } from './detect/detector.js';
import { findingRules } from './emit/finding-rules.js';
import { readInputs } from './ingest/read-inputs.js';
import { ClockSkew } from './normalize/clock-skew.js';
import { normalizeEvent } from './normalize/sysmon.js';
import { scoreCandidate } from './score/score-candidate.js';
import { VERSION } from './version.js';

export interface HuntOptions extends DetectorOptions {
  /** Only events at or after this time (ISO 8601). */
  since?: string;
  /** Only events at or before this time (ISO 8601). */
  until?: string;
  /** Called once per input when it has been read. */
  onInput?: (summary: InputSummary) => void;
  /** Called for every event read (progress). */
  onEvent?: (e: RawEvent) => void;
  /** Fixed `generatedAt` (tests, reproducible reports). */
  generatedAt?: string;
  indexLimits?: IndexLimits;
}

/**
 * Hunts autostart persistence in the given files and folders: reads every input, keeps the
 * events a chain may need, turns autostart writes into findings, links their evidence, scores
 * them and returns the report (every finding, informational ones included).
 */
export function hunt(paths: readonly string[], opts: HuntOptions = {}): Report {
  const inputs: InputSummary[] = [];
  const events = readInputs(paths, {
    onInput: (s) => {
      inputs.push(s);
      opts.onInput?.(s);
    },
  });
  return huntEvents(events, opts, inputs);
}

/** The same hunt over events from anywhere (a library user's own reader, tests). */
export function huntEvents(
  events: Iterable<RawEvent>,
  opts: HuntOptions = {},
  inputs: InputSummary[] = [],
): Report {
  const detector = createDetector(opts);
  const index = new EventIndex(opts.indexLimits);
  const candidates: Candidate[] = [];
  const since = opts.since ? Date.parse(opts.since) : -Infinity;
  const until = opts.until ? Date.parse(opts.until) : Infinity;
  const skew = new ClockSkew();
  let scanned = 0;
  let autostart = 0;
  for (const raw of events) {
    scanned++;
    opts.onEvent?.(raw);
    const e = normalizeEvent(raw);
    if (!e) continue;
    skew.observe(e);
    if (!inWindow(e, since, until)) continue;
    if (e.type !== 'registry' || detector.isAutostartRegistry(e)) remember(index, e);
    const c = detector.candidate(e);
    if (c) {
      autostart++;
      candidates.push(c);
    }
  }
  for (const e of [...index.processes, ...index.registry, ...candidates.map((c) => c.event)]) {
    skew.correct(e);
  }
  for (const c of candidates) linkChain(c, index);
  mergeCommandLines(candidates);
  const findings = candidates
    .filter((c) => !c.mergedInto)
    .map((c) => toFinding(c, detector))
    .sort(byTimeThenId);
  findings.forEach((f, i) => (f.id = `F${String(i + 1).padStart(4, '0')}`));
  for (const f of findings) f.rules = findingRules(f);
  return {
    schemaVersion: 1,
    tool: { name: 'runhunt', version: VERSION },
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    inputs,
    summary: {
      eventsScanned: scanned,
      autostartEvents: autostart,
      findings: findings.length,
      bySeverity: countBySeverity(findings),
      hosts: [...new Set(findings.map((f) => f.host))].sort(),
    },
    findings,
    rules: {
      sigma: findings.map((f) => f.rules.sigma ?? '').filter(Boolean),
      splunk: findings.map((f) => f.rules.splunk ?? '').filter(Boolean),
    },
  };
}

function remember(index: EventIndex, e: NormalizedEvent): void {
  if (e.type === 'process') index.addProcess(e);
  else if (e.type === 'file') index.addFile(e);
  else index.addRegistry(e);
}

function inWindow(e: NormalizedEvent, since: number, until: number): boolean {
  if (since === -Infinity && until === Infinity) return true;
  const t = Date.parse(e.time);
  return Number.isNaN(t) || (t >= since && t <= until);
}

function toFinding(c: Candidate, detector: ReturnType<typeof createDetector>): Finding {
  detector.finish(c);
  const scored = scoreCandidate(c);
  const e = c.event;
  const w = c.writer;
  const process: Finding['process'] = {
    image: w?.image ?? e.image,
    processGuid: e.processGuid,
    processId: e.processId,
  };
  if (w?.commandLine) process.commandLine = w.commandLine;
  if (w?.parentImage) process.parentImage = w.parentImage;
  const user = w?.user || e.user;
  if (user) process.user = user;
  const f: Finding = {
    id: '',
    kind: c.kind,
    severity: scored.severity,
    score: scored.score,
    timestamp: e.time,
    host: e.host,
    user,
    location: { id: c.location.id, description: c.location.description },
    process,
    indicators: scored.indicators,
    techniques: scored.techniques,
    chain: c.chain,
    baseline: c.baseline,
    evidence: dedupeRefs(c.evidence),
    rules: {},
  };
  if (c.registry) f.registry = c.registry;
  if (c.file) f.file = c.file;
  if (c.command) f.command = c.command;
  return f;
}

function dedupeRefs(refs: Candidate['evidence']): Candidate['evidence'] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = `${r.file}|${r.eventRecordId}|${r.eventId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function byTimeThenId(a: Finding, b: Finding): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  const ea = a.evidence[0];
  const eb = b.evidence[0];
  const fa = ea?.file ?? '';
  const fb = eb?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (ea?.eventRecordId ?? 0) - (eb?.eventRecordId ?? 0);
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) out[f.severity]++;
  return out;
}
