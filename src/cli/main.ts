#!/usr/bin/env node
import { run } from './run.js';

/** A bug, not a user error: say so plainly, with the stack for the report. */
function internalError(err: unknown): void {
  process.stderr.write(
    `runhunt: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.stderr.write(
    'runhunt: please report this with the command line and, if possible, the input.\n',
  );
  process.exitCode = 2;
}

// No top-level await: the bundled bin is a CommonJS script (scripts/bundle.mjs), which V8 can
// load from a code cache.
run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, internalError);
