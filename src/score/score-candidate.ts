import type { Candidate } from '../model/candidate.js';
import type { Technique } from '../model/finding.js';
import { loadDataFile } from '../util/data-loader.js';
import { scoreSignals, type IndicatorDef, type ScoreCatalog, type Scored } from './score.js';

interface TechniquesFile {
  techniques: { id: string; name: string; tactic: string }[];
}

let catalog: ScoreCatalog | undefined;

function defaultCatalog(): ScoreCatalog {
  if (catalog) return catalog;
  const techniques = new Map<string, Technique>();
  for (const t of loadDataFile<TechniquesFile>('techniques.yaml', 'techniques.schema.json')
    .techniques) {
    techniques.set(t.id, { id: t.id, name: t.name, tactic: t.tactic });
  }
  const indicators = new Map<string, IndicatorDef>();
  catalog = {
    indicator: (id) => indicators.get(id) ?? { id, description: id, weight: 0, techniques: [] },
    technique: (id) => techniques.get(id),
  };
  return catalog;
}

export function scoreCandidate(c: Candidate): Scored {
  return scoreSignals(
    { signals: c.signals, locationTechniques: c.location.techniques },
    defaultCatalog(),
  );
}
