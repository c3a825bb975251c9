import type { Candidate } from './model/candidate.js';
import type { InputSummary, RawEvent } from './model/events.js';
import type { Finding, Report, Severity } from './model/finding.js';
import { SEVERITIES } from './model/finding.js';
import type { NormalizedEvent } from './model/normalized.js';
import { linkChain } from './correlate/chains.js';
import { DuplicateFilter } from './correlate/duplicates.js';
import { EventIndex, type IndexLimits } from './correlate/event-index.js';
import { Slimmer } from './correlate/slim.js';
import { mergeCommandLines } from './correlate/merge.js';
import { applyPrevalence } from './correlate/prevalence.js';
import { createDetector, type Detector, type DetectorOptions } from './detect/detector.js';
import { generateRules } from './emit/rules/index.js';
import { matchEvent, wantedByRules, type SigmaRuleSet } from './sigma/index.js';
import type { RuleInfo } from './sigma/types.js';
import { readInputs } from './ingest/read-inputs.js';
import { huntParallel } from './parallel/hunt-parallel.js';
import { ClockSkew } from './normalize/clock-skew.js';
import { HUNT_READ_FILTER, isHuntRelevant, normalizeEvent } from './normalize/sysmon.js';
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
  /** Fixed `generatedAt` (tests, reproducible reports; also dates the generated rules). */
  generatedAt?: string;
  /** Sigma rules (`--sigma`) run over every event; a match on a finding's evidence raises it. */
  sigma?: SigmaRuleSet;
  indexLimits?: IndexLimits;
  /**
   * Worker threads reading the inputs (default 1: this thread). More than one needs the built
   * package (dist/); from sources (tsx), with Sigma rules or with stdin the hunt reads in this
   * thread. With workers, `onEvent` gets a placeholder per event read (for progress counts).
   */
  threads?: number;
}

/**
 * Hunts autostart persistence in the given files and folders: reads every input, keeps the
 * events a chain may need, turns autostart writes into findings, links their evidence, scores
 * them and returns the report (every finding, informational ones included).
 * With `threads` > 1 the inputs are read by worker threads (src/parallel); the report is the same.
 */
export function hunt(paths: readonly string[], opts: HuntOptions = {}): Report {
  const parallel = (opts.threads ?? 1) > 1 && !opts.sigma ? huntParallel(paths, opts) : null;
  if (parallel) return parallel;
  const inputs: InputSummary[] = [];
  const events = readInputs(paths, {
    onInput: (s) => {
      inputs.push(s);
      opts.onInput?.(s);
    },
    // Fast path: only the event types the detectors use, and those some Sigma rule can match,
    // need decoding; the EVTX reader skips the rest after reading their System ids.
    ...huntFilter(opts.sigma),
  });
  return huntEvents(events, opts, inputs);
}

/** The readers' `want`: hunted types plus the rules' EventIDs; none when a rule takes any id. */
function huntFilter(sigma: SigmaRuleSet | undefined): {
  want?: (provider: string, eventId: number) => boolean;
  fields?: ReadonlySet<string>;
} {
  // Rules may test any field: only a hunt without them reads just the detectors' fields.
  if (!sigma) return HUNT_READ_FILTER;
  const rules = wantedByRules(sigma.index);
  if (!rules) return {};
  return { want: (provider, id) => isHuntRelevant(provider, id) || rules(provider, id) };
}

/** The same hunt over events from anywhere (a library user's own reader, tests). */
export function huntEvents(
  events: Iterable<RawEvent>,
  opts: HuntOptions = {},
  inputs: InputSummary[] = [],
): Report {
  const hunter = new Hunter(opts);
  for (const raw of events) hunter.addRaw(raw);
  return hunter.report(inputs);
}

/**
 * The hunt's state while events stream in, in input order: the clock-skew votes, the bounded
 * correlation index and the candidates. Events arrive raw (one thread) or normalised by a worker
 * (src/parallel); either way each goes through the same steps in the same order, so the report
 * does not depend on the thread count.
 */
export class Hunter {
  private readonly detector;
  private readonly index;
  private readonly candidates: Candidate[] = [];
  private readonly since: number;
  private readonly until: number;
  private readonly skew = new ClockSkew();
  private readonly sigmaHits = new SigmaHits();
  private readonly dups = new DuplicateFilter();
  private readonly slimmer = new Slimmer();
  /** Events read (fast-path skips are counted by the inputs instead). */
  scanned = 0;
  private autostart = 0;

  constructor(private readonly opts: HuntOptions) {
    this.detector = createDetector(opts);
    this.index = new EventIndex(opts.indexLimits);
    this.since = opts.since ? Date.parse(opts.since) : -Infinity;
    this.until = opts.until ? Date.parse(opts.until) : Infinity;
  }

  addRaw(raw: RawEvent): void {
    this.scanned++;
    this.opts.onEvent?.(raw);
    if (this.opts.sigma) this.sigmaHits.record(raw, matchEvent(this.opts.sigma, raw));
    const e = normalizeEvent(raw);
    if (e) this.add(e);
  }

  /** A normalised event (read in this thread or by a worker). */
  add(e: NormalizedEvent): void {
    const keep = keepForLinks(this.detector, e);
    if (keep) {
      // Kept events lose the fields no one reads and share repeated strings (slim.ts); a second
      // copy of an event of this input (duplicates.ts) is counted, not used.
      this.slimmer.slim(e);
      if (this.dups.isDuplicate(e)) return;
    }
    this.skew.observe(e);
    if (!inWindow(e, this.since, this.until)) return;
    if (keep) remember(this.index, e);
    const c = this.detector.candidate(e);
    if (c) {
      this.autostart++;
      this.candidates.push(c);
    }
  }

  /**
   * Clock-skew votes of events that were left out on their way here because they would only
   * have voted (a reading worker's registry events off autostart locations, see
   * src/parallel/read-task.ts): `count` events of `file` voting for `delta`.
   */
  vote(file: string, delta: number, count: number): void {
    this.skew.vote(file, delta, count);
  }

  report(inputs: InputSummary[]): Report {
    const { detector, index, candidates, skew, sigmaHits, opts } = this;
    for (const e of [...index.processes, ...index.registry, ...candidates.map((c) => c.event)]) {
      skew.correct(e);
    }
    for (const c of candidates) linkChain(c, index);
    mergeCommandLines(candidates);
    // Across several hosts: rare-host / common-fleet evidence (src/correlate/prevalence.ts).
    applyPrevalence(candidates.filter((c) => !c.mergedInto));
    const findings = candidates
      .filter((c) => !c.mergedInto)
      .map((c) => toFinding(c, detector, sigmaHits))
      .sort(byTimeThenId);
    findings.forEach((f, i) => (f.id = `F${String(i + 1).padStart(4, '0')}`));
    const rules = attachRules(findings, opts.generatedAt);
    return {
      schemaVersion: 1,
      tool: { name: 'runhunt', version: VERSION },
      generatedAt: opts.generatedAt ?? new Date().toISOString(),
      inputs,
      summary: {
        // Inputs count the records a fast path skipped; events from elsewhere count themselves.
        eventsScanned: Math.max(
          this.scanned,
          inputs.reduce((n, s) => n + s.events, 0),
        ),
        autostartEvents: this.autostart,
        duplicateEvents: this.dups.duplicates,
        findings: findings.length,
        bySeverity: countBySeverity(findings),
        hosts: [...new Set(findings.map((f) => f.host))].sort(),
      },
      findings,
      rules,
    };
  }
}

/** Registry events off autostart locations cannot be part of a chain: everything else is kept. */
function keepForLinks(detector: Detector, e: NormalizedEvent): boolean {
  return e.type !== 'registry' || detector.isAutostartRegistry(e);
}

/** In the time window of `since` / `until` (ms; events without a time always are). */
function inWindow(e: NormalizedEvent, since: number, until: number): boolean {
  if (since === -Infinity && until === Infinity) return true;
  const t = Date.parse(e.time);
  return Number.isNaN(t) || (t >= since && t <= until);
}

function remember(index: EventIndex, e: NormalizedEvent): void {
  if (e.type === 'process') index.addProcess(e);
  else if (e.type === 'file') index.addFile(e);
  else index.addRegistry(e);
}

function toFinding(c: Candidate, detector: Detector, sigma: SigmaHits): Finding {
  detector.finish(c);
  const matched = sigma.forRefs(c.evidence);
  if (matched.length > 0) {
    c.signals.push({ id: 'sigma-match', detail: matched.map((r) => r.title).join('; ') });
  }
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
  if (matched.length > 0) {
    f.sigma = matched.map((r) => ({ id: r.id, title: r.title, level: r.level, tags: r.tags }));
  }
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

/**
 * The generalised detection rules for the findings (src/emit/rules): every Sigma and Splunk rule
 * goes into the report, and each finding carries the ones made from it.
 */
function attachRules(findings: Finding[], generatedAt: string | undefined): Report['rules'] {
  const date = (generatedAt ?? new Date().toISOString()).slice(0, 10);
  const out = generateRules(findings, { targets: ['sigma', 'splunk'], date });
  const byFinding = new Map(findings.map((f) => [f.id, f]));
  for (const r of out.rules) {
    for (const id of r.findings) {
      const f = byFinding.get(id);
      if (f && (r.target === 'sigma' || r.target === 'splunk')) f.rules[r.target] ??= r.text;
    }
  }
  return {
    sigma: out.rules.filter((r) => r.target === 'sigma').map((r) => r.text),
    splunk: out.rules.filter((r) => r.target === 'splunk').map((r) => r.text),
  };
}

const MAX_SIGMA_HITS = 200_000;

/** Sigma matches by event, kept until the findings are built (bounded: oldest dropped first). */
class SigmaHits {
  private readonly byRef = new Map<string, RuleInfo[]>();

  record(e: RawEvent, matches: readonly { rule: RuleInfo }[]): void {
    if (matches.length === 0) return;
    this.byRef.set(
      refKey(e.source, e.recordId, e.eventId),
      matches.map((m) => m.rule),
    );
    if (this.byRef.size > MAX_SIGMA_HITS) {
      const first = this.byRef.keys().next();
      if (!first.done) this.byRef.delete(first.value);
    }
  }

  forRefs(refs: readonly Candidate['evidence'][number][]): RuleInfo[] {
    const out = new Map<string, RuleInfo>();
    for (const r of refs) {
      for (const rule of this.byRef.get(refKey(r.file, r.eventRecordId, r.eventId)) ?? []) {
        out.set(rule.id, rule);
      }
    }
    return [...out.values()];
  }
}

function refKey(file: string, recordId: number | null, eventId: number): string {
  return `${file}|${recordId ?? ''}|${eventId}`;
}
