import type { Candidate } from '../model/candidate.js';
import { indicatorDef } from '../detect/catalog/indicators.js';
import { techniqueById } from '../detect/catalog/techniques.js';
import { loadDataFile } from '../util/data-loader.js';
import { scoreSignals, type ScoreCatalog, type Scored } from './score.js';
import { severityOf } from './severity.js';

interface ScoringPolicy {
  inScopeTechniques: string[];
  outOfScopeMaxScore: number;
}

const catalog: ScoreCatalog = { indicator: indicatorDef, technique: techniqueById };
let policy: ScoringPolicy | undefined;

/**
 * Scores a linked candidate: the additive indicator score, then the scope cap of
 * data/scoring.yaml for locations of techniques other than T1547.001's family.
 */
export function scoreCandidate(c: Candidate): Scored {
  policy ??= loadDataFile<ScoringPolicy>('scoring.yaml', 'scoring.schema.json');
  const inScope = c.location.techniques.some((t) => policy?.inScopeTechniques.includes(t));
  if (!inScope)
    c.signals.push({ id: 'out-of-scope-location', detail: c.location.techniques.join(',') });
  const scored = scoreSignals(
    { signals: c.signals, locationTechniques: c.location.techniques },
    catalog,
  );
  if (!inScope && scored.score > policy.outOfScopeMaxScore) {
    scored.score = policy.outOfScopeMaxScore;
    scored.severity = severityOf(scored.score);
  }
  return scored;
}
