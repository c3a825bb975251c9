#!/usr/bin/env node
import { run } from './run.js';

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  // A bug, not a user error: say so plainly, with the stack for the report.
  process.stderr.write(
    `runhunt: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.stderr.write(
    'runhunt: please report this with the command line and, if possible, the input.\n',
  );
  process.exitCode = 2;
}
