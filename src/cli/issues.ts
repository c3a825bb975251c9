import type { InputSummary } from '../model/events.js';
import { EXIT } from './exit-codes.js';
import { terminalSafe } from './terminal-safe.js';

/** Writes each input issue to stderr as one readable line. */
export function printInputIssues(s: InputSummary): void {
  for (const i of s.issues) {
    const where =
      i.line !== undefined
        ? `:${i.line}`
        : i.offset !== null
          ? ` @ 0x${i.offset.toString(16)}`
          : '';
    process.stderr.write(
      terminalSafe(`runhunt: ${s.path}${where}: ${i.message} [${i.code}]`) + '\n',
    );
  }
}

/** Exit code from what was read: 2 when nothing could be read, 1 when anything had issues. */
export function exitCodeFor(inputs: readonly InputSummary[]): number {
  if (inputs.length === 0 || inputs.every((s) => s.format === 'unknown')) return EXIT.USAGE;
  return inputs.some((s) => s.issues.length > 0) ? EXIT.INPUT_PROBLEMS : EXIT.OK;
}
