import type { Signal } from '../model/candidate.js';
import type { IndicatorHit, Severity, Technique } from '../model/finding.js';
import { severityOf } from './severity.js';

export interface IndicatorDef {
  id: string;
  description: string;
  weight: number;
  techniques: string[];
}

export interface ScoreInput {
  signals: readonly Signal[];
  /** Techniques of the autostart location itself (e.g. T1547.001). */
  locationTechniques: readonly string[];
}

export interface Scored {
  score: number;
  severity: Severity;
  indicators: IndicatorHit[];
  techniques: Technique[];
}

export interface ScoreCatalog {
  indicator(id: string): IndicatorDef | undefined;
  technique(id: string): Technique | undefined;
}

/**
 * Additive, explained scoring: each distinct indicator counts once with its weight from
 * data/indicators.yaml; the sum is clamped to 0..100 and banded into a severity. Every indicator
 * that fired is listed, so the score can always be read back from the finding.
 */
export function scoreSignals(input: ScoreInput, catalog: ScoreCatalog): Scored {
  const indicators: IndicatorHit[] = [];
  const seen = new Set<string>();
  let sum = 0;
  for (const s of input.signals) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const def = catalog.indicator(s.id);
    if (!def) throw new Error(`indicator '${s.id}' is not defined in data/indicators.yaml`);
    sum += def.weight;
    const hit: IndicatorHit = {
      id: def.id,
      description: def.description,
      weight: def.weight,
      techniques: [...def.techniques],
    };
    if (s.detail !== undefined && s.detail !== '') hit.detail = s.detail;
    indicators.push(hit);
  }
  const score = Math.max(0, Math.min(100, Math.round(sum)));
  const techIds = new Set<string>(input.locationTechniques);
  for (const i of indicators) if (i.weight > 0) for (const t of i.techniques) techIds.add(t);
  const techniques: Technique[] = [];
  for (const id of [...techIds].sort()) {
    const t = catalog.technique(id);
    if (!t) throw new Error(`technique '${id}' is not defined in data/techniques.yaml`);
    techniques.push(t);
  }
  return { score, severity: severityOf(score), indicators, techniques };
}
