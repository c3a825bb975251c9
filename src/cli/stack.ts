/**
 * `runhunt stack <path...> [--format table|json]`: every autostart entry in the logs, grouped
 * across hosts and ranked rarest first (docs/fleet.md). JSON is the ARCHITECTURE.md
 * `stack --format json` contract.
 */
import { writeFileSync } from 'node:fs';
import type { InputSummary } from '../model/events.js';
import { stackPaths } from '../fleet/collect.js';
import { renderStackTable } from '../fleet/stack-table.js';
import { exitCodeFor, printInputIssues } from './issues.js';
import { terminalSafe } from './terminal-safe.js';

export interface StackCliOptions {
  format?: 'table' | 'json';
  output?: string;
  maxExamples?: string;
  quiet?: boolean;
}

export function stackCommand(paths: string[], o: StackCliOptions): number {
  const toTerminal = !o.output && process.stdout.isTTY === true;
  const format = o.format ?? (toTerminal ? 'table' : 'json');
  const inputs: InputSummary[] = [];
  const maxExamples = o.maxExamples === undefined ? undefined : Number(o.maxExamples);
  const result = stackPaths(paths, {
    ...(maxExamples !== undefined && Number.isInteger(maxExamples) ? { maxExamples } : {}),
    onInput: (s) => {
      inputs.push(s);
      if (!o.quiet) printInputIssues(s);
    },
  });
  const text =
    format === 'json'
      ? JSON.stringify(result, null, 2) + '\n'
      : renderStackTable(result, process.stdout.columns || 160);
  if (o.output) writeFileSync(o.output, text);
  else process.stdout.write(format === 'table' ? terminalSafe(text) : text);
  return exitCodeFor(inputs);
}
