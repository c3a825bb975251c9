/**
 * Prevalence across the hunted hosts, as score evidence (docs/fleet.md "Prevalence in the score").
 *
 * When the input covers several hosts, each finding's entry (canonical location + value name +
 * normalised data, the grouping of `runhunt stack`) is counted on distinct hosts:
 *   rare-host     the entry is on exactly one host                        (+, data/indicators.yaml)
 *   common-fleet  the entry is on at least `commonShare` of the hosts     (−)
 *
 * common-fleet never pulls a finding below what its malicious evidence demands. It is withheld when
 *   (a) any single piece of malicious evidence weighs 25 or more (a temp or Public path, an encoded
 *       or downloading PowerShell, mshta/regsvr32 tricks, a masquerading name, a hidden value name,
 *       a script-host/Office/WMI writer, ...): a LOLBin loading a script from Temp stays high on
 *       every host, since a worm or a fleet-wide push looks exactly like that; or
 *   (b) the location is one whose data is checked against Windows' default (Startup folder
 *       redirection, Winlogon Shell/Userinit): any other data there is strong evidence; or
 *   (c) it has some malicious evidence and the non-malicious part of the score (the location's
 *       own weight and chain evidence) is smaller than the reduction, so the reduction would eat
 *       into the malicious part (an extended location, base 15, with a Roaming path).
 * "Malicious evidence" is every positive indicator about the value, the file or the writer
 * (categories value-path, value-content, startup-folder, writer, and location anomalies such as
 * hidden-value-name), i.e. everything but the base "a write happened here" weights, chain
 * evidence and baseline/prevalence indicators. Writer signals are judged here from the linked
 * writer, because the detector adds them only when the finding is finished.
 */
import type { Candidate, Signal } from '../model/candidate.js';
import { indicatorDef } from '../detect/catalog/indicators.js';
import { analyzeWriter } from '../detect/writer/analyze-writer.js';
import { hostId } from '../fleet/stack.js';
import { observationKey, observeCandidate } from '../fleet/observe.js';

export interface PrevalenceOptions {
  /** Fewest distinct hosts for prevalence to mean anything (default 3). */
  minHosts?: number;
  /** Share of hosts an entry must reach to be common (default 0.5). */
  commonShare?: number;
  /** Hosts in the input when known (default: the distinct hosts of the candidates). */
  hosts?: number;
}

export interface PrevalenceSummary {
  hosts: number;
  /** Candidates given rare-host. */
  rare: number;
  /** Candidates given common-fleet. */
  common: number;
  /** Common candidates that kept their score because of their malicious evidence. */
  withheld: number;
}

/** Indicators that only say "an autostart write happened here": never malicious on their own. */
const BASE_IDS = new Set([
  'asep-write',
  'asep-write-extended',
  'asep-context-only',
  'out-of-scope-location',
  'command-line-autostart-write',
  'startup-folder-drop',
]);
const NON_MALICIOUS_CATEGORIES = new Set(['chain', 'baseline', 'rules']);
/**
 * Locations whose data the detector compares with Windows' own default when it finishes a finding
 * (DEFAULT_CHECKED in src/detect/detector.ts): anything else there fires a strong indicator
 * (startup-redirect 45, winlogon-shell-userinit 35) that is not among the signals yet. The default
 * itself is baseline-known (−40) anyway, so these are never reduced for being common.
 */
const DEFAULT_CHECKED_LOCATIONS = new Set([
  'user-startup-folder-redirect',
  'common-startup-folder-redirect',
  'winlogon-userinit-shell',
]);
/** A single piece of malicious evidence at least this heavy keeps a finding's score on every host. */
export const STRONG_EVIDENCE_WEIGHT = 25;

export function applyPrevalence(
  candidates: readonly Candidate[],
  opts: PrevalenceOptions = {},
): PrevalenceSummary {
  const minHosts = opts.minHosts ?? 3;
  const share = opts.commonShare ?? 0.5;
  const hostsByEntry = new Map<string, Set<string>>();
  const entryOf = new Map<Candidate, string>();
  const allHosts = new Set<string>();
  for (const c of candidates) {
    const o = observeCandidate(c);
    const host = hostId(c.event.host);
    if (host !== '') allHosts.add(host);
    if (!o || host === '') continue;
    const k = observationKey(o);
    entryOf.set(c, k);
    let set = hostsByEntry.get(k);
    if (!set) hostsByEntry.set(k, (set = new Set()));
    set.add(host);
  }
  const hosts = Math.max(opts.hosts ?? 0, allHosts.size);
  const summary: PrevalenceSummary = { hosts, rare: 0, common: 0, withheld: 0 };
  if (hosts < minHosts) return summary;
  const commonAt = Math.max(2, Math.ceil(hosts * share));
  for (const [c, k] of entryOf) {
    const n = hostsByEntry.get(k)?.size ?? 0;
    if (n === 1) {
      c.signals.push({ id: 'rare-host', detail: `1 of ${hosts} hosts` });
      summary.rare++;
    } else if (n >= commonAt) {
      if (keepsScore(c)) {
        summary.withheld++;
        continue;
      }
      c.signals.push({ id: 'common-fleet', detail: `${n} of ${hosts} hosts` });
      summary.common++;
    }
  }
  return summary;
}

/** Rules (a), (b) and (c) of the module comment. */
export function keepsScore(c: Candidate): boolean {
  if (DEFAULT_CHECKED_LOCATIONS.has(c.location.id) && c.kind === 'registry') return true;
  const reduction = -(indicatorDef('common-fleet')?.weight ?? 0);
  const signals: Signal[] = [...c.signals, ...writerSignals(c)];
  const seen = new Set<string>();
  let base = 0;
  let malicious = 0;
  for (const s of signals) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const def = indicatorDef(s.id);
    if (!def || def.weight <= 0) continue;
    if (BASE_IDS.has(def.id) || NON_MALICIOUS_CATEGORIES.has(def.category)) base += def.weight;
    else if (def.weight >= STRONG_EVIDENCE_WEIGHT) return true;
    else malicious += def.weight;
  }
  return malicious > 0 && base < reduction;
}

function writerSignals(c: Candidate): Signal[] {
  const w = c.writer;
  const image = w?.image ?? c.event.image;
  return analyzeWriter({
    image,
    ...(w?.commandLine ? { commandLine: w.commandLine } : {}),
    ...(w?.parentImage ? { parentImage: w.parentImage } : {}),
    ...(w?.user ? { user: w.user } : {}),
    ...(w?.integrityLevel ? { integrityLevel: w.integrityLevel } : {}),
  });
}
