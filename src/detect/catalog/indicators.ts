/** Indicator catalog over data/indicators.yaml: weights, descriptions and techniques by id. */
import type { IndicatorHit } from '../../model/finding.js';
import { loadDataFile } from '../../util/data-loader.js';

export type IndicatorCategory =
  | 'location'
  | 'startup-folder'
  | 'value-path'
  | 'value-content'
  | 'writer'
  | 'chain'
  | 'baseline'
  | 'rules';

/** One entry of data/indicators.yaml. */
export interface IndicatorDef {
  id: string;
  category: IndicatorCategory;
  /** Points toward the 0-100 score; negative for known-good evidence. */
  weight: number;
  techniques: string[];
  description: string;
}

interface IndicatorsFile {
  indicators: IndicatorDef[];
}

/** An indicator id that no catalog entry defines: a programming error in a detector. */
export class UnknownIndicatorError extends Error {
  override readonly name = 'UnknownIndicatorError';
  constructor(readonly indicatorId: string) {
    super(`indicator '${indicatorId}' is not defined in data/indicators.yaml`);
  }
}

let byId: Map<string, IndicatorDef> | undefined;

function table(): Map<string, IndicatorDef> {
  if (!byId) {
    const file = loadDataFile<IndicatorsFile>('indicators.yaml', 'indicators.schema.json');
    byId = new Map(file.indicators.map((i) => [i.id, i]));
  }
  return byId;
}

/** The definition, or undefined for an unknown id. */
export function indicatorDef(id: string): IndicatorDef | undefined {
  return table().get(id);
}

/** Every indicator definition, in file order. */
export function allIndicators(): IndicatorDef[] {
  return [...table().values()];
}

/** The report's `IndicatorHit` for an id; throws {@link UnknownIndicatorError} for an unknown id. */
export function indicatorHit(id: string, detail?: string): IndicatorHit {
  const def = table().get(id);
  if (!def) throw new UnknownIndicatorError(id);
  const hit: IndicatorHit = {
    id: def.id,
    description: def.description,
    weight: def.weight,
    techniques: [...def.techniques],
  };
  if (detail !== undefined && detail !== '') hit.detail = detail;
  return hit;
}
