import pc from 'picocolors';
import type { Severity } from '../../model/finding.js';

/** Colours for the terminal report; `plainStyle` when colour is off (pipes, NO_COLOR, --no-color). */
export interface Style {
  severity(s: Severity, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
}

export const plainStyle: Style = {
  severity: (_s, t) => t,
  bold: (t) => t,
  dim: (t) => t,
  accent: (t) => t,
};

/** ANSI colours (picocolors), red for critical down to grey for informational. */
export function colorStyle(): Style {
  const c = pc.createColors(true);
  const bySeverity: Record<Severity, (t: string) => string> = {
    critical: (t) => c.bold(c.white(c.bgRed(t))),
    high: (t) => c.bold(c.red(t)),
    medium: (t) => c.yellow(t),
    low: (t) => c.cyan(t),
    informational: (t) => c.dim(t),
  };
  return {
    severity: (s, t) => bySeverity[s](t),
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    accent: (t) => c.magenta(t),
  };
}
