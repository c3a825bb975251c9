/**
 * A signal: one indicator id (defined in data/indicators.yaml) and what made it fire.
 * Detectors emit signals; the scorer joins them with the indicator catalog (weight, techniques,
 * description) to build the report's `IndicatorHit`s.
 */
import type { Signal } from '../../model/candidate.js';

export type { Signal };

/** Appends a signal unless the same id with the same detail is already there. */
export function pushSignal(out: Signal[], id: string, detail?: string): void {
  if (out.some((s) => s.id === id && s.detail === detail)) return;
  out.push(detail === undefined ? { id } : { id, detail });
}

/** Keeps the first signal of each id (later ones add no weight, only noise). */
export function firstPerId(signals: readonly Signal[]): Signal[] {
  const seen = new Set<string>();
  const out: Signal[] = [];
  for (const s of signals) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(s);
  }
  return out;
}
