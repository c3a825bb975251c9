import type { InputSummary } from '../model/events.js';
import { EXIT } from './exit-codes.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * Writes each input issue to stderr as one readable line. A file that is not a log, found while
 * walking a folder (a README beside the EVTX files), is only counted in the summary and the
 * report; named on the command line, it is reported here.
 */
export function printInputIssues(s: InputSummary): void {
  const named = process.argv.includes(s.path);
  for (const i of s.issues) {
    if (i.code === 'unrecognized-format' && !named) continue;
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

/**
 * Exit code from what was read: 2 when nothing could be read, 1 when some input had problems.
 * A file that is not a log at all (a README beside the EVTX files) is reported but is not a
 * problem with the input: folders hold such files.
 */
export function exitCodeFor(inputs: readonly InputSummary[]): number {
  if (inputs.length === 0 || inputs.every((s) => s.format === 'unknown')) return EXIT.USAGE;
  const problem = inputs.some((s) => s.issues.some((i) => i.code !== 'unrecognized-format'));
  return problem ? EXIT.INPUT_PROBLEMS : EXIT.OK;
}
