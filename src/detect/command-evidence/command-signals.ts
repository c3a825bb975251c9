/**
 * Signals of a command line that writes an autostart entry: `command-line-autostart-write`, plus
 * what the written value runs (the `/d` data of `reg add` is itself an autostart value) or what
 * kind of file lands in the Startup folder.
 */
import { analyzeStartupFile } from '../value/analyze-startup-file.js';
import { analyzeValue } from '../value/analyze-value.js';
import { pushSignal, type Signal } from '../value/signal.js';
import { isAutostartWrite, type AutostartCommand } from './detect-autostart-command.js';

/** The signals of one detected command (none for removals and reads). */
export function autostartCommandSignals(c: AutostartCommand): Signal[] {
  if (!isAutostartWrite(c.action)) return [];
  const out: Signal[] = [];
  const where =
    c.key !== undefined
      ? `${c.key}\\${c.valueName === '' ? '(Default)' : (c.valueName ?? '')}`
      : (c.targetFile ?? '');
  pushSignal(out, 'command-line-autostart-write', `${c.action} ${where}`.trim());
  if (c.data !== undefined && c.data.trim() !== '') {
    for (const s of analyzeValue(c.data).signals) pushSignal(out, s.id, s.detail);
  }
  if (c.targetFile !== undefined) {
    for (const s of analyzeStartupFile(c.targetFile)) pushSignal(out, s.id, s.detail);
  }
  return out;
}
