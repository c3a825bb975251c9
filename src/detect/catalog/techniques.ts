/** MITRE ATT&CK technique look-up over data/techniques.yaml. */
import type { Technique } from '../../model/finding.js';
import { loadDataFile } from '../../util/data-loader.js';

/** One entry of data/techniques.yaml. */
export interface TechniqueDef {
  id: string;
  name: string;
  /** Primary tactic, ATT&CK short name (`persistence`). */
  tactic: string;
  tacticId: string;
  otherTactics?: string[];
}

interface TechniquesFile {
  attackVersion: string;
  techniques: TechniqueDef[];
}

let byId: Map<string, TechniqueDef> | undefined;

function table(): Map<string, TechniqueDef> {
  if (!byId) {
    const file = loadDataFile<TechniquesFile>('techniques.yaml', 'techniques.schema.json');
    byId = new Map(file.techniques.map((t) => [t.id, t]));
  }
  return byId;
}

/** The full catalog entry, or undefined for an id not in data/techniques.yaml. */
export function techniqueDef(id: string): TechniqueDef | undefined {
  return table().get(id.toUpperCase());
}

/** The report shape `{id, name, tactic}` (ARCHITECTURE.md, finding `techniques[]`). */
export function techniqueById(id: string): Technique | undefined {
  const t = techniqueDef(id);
  return t && { id: t.id, name: t.name, tactic: t.tactic };
}

/** Every technique id in the catalog. */
export function allTechniqueIds(): string[] {
  return [...table().keys()];
}
