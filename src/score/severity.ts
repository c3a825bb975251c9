import type { Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';

/**
 * Score bands (inclusive lower bounds). A finding's severity is the highest band its score
 * reaches: 0-19 informational, 20-39 low, 40-59 medium, 60-79 high, 80-100 critical.
 */
export const SEVERITY_FLOOR: Readonly<Record<Severity, number>> = {
  informational: 0,
  low: 20,
  medium: 40,
  high: 60,
  critical: 80,
};

export function severityOf(score: number): Severity {
  let out: Severity = 'informational';
  for (const s of SEVERITIES) if (score >= SEVERITY_FLOOR[s]) out = s;
  return out;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function parseSeverity(s: string): Severity | null {
  const t = s.toLowerCase();
  if (t === 'info') return 'informational';
  return (SEVERITIES as readonly string[]).includes(t) ? (t as Severity) : null;
}
