import { Command, InvalidArgumentError, Option } from 'commander';
import { dumpCommand } from './dump.js';
import { sigmaCommand } from './sigma.js';
import { stackCommand, type StackCliOptions } from './stack.js';
import { huntCommand, UsageError, type HuntCliOptions } from './hunt.js';
import { EXIT } from './exit-codes.js';

export async function run(argv: string[]): Promise<number> {
  let code: number = EXIT.OK;
  const program = new Command('runhunt')
    .description('Hunt Registry Run-key and Startup-folder persistence (T1547.001) in Sysmon logs')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s) });

  program
    .command('dump')
    .description('print every event, one per line (EVTX, XML, JSON, CSV; folders recursively)')
    .argument('<path...>', "files or folders ('-' for stdin)")
    .addOption(
      new Option('--format <format>', 'output format').choices(['jsonl', 'xml']).default('jsonl'),
    )
    .action(async (paths: string[], o: { format: 'jsonl' | 'xml' }) => {
      code = await dumpCommand(paths, { format: o.format });
    });

  const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
  program
    .command('hunt')
    .description('find and judge Run-key and Startup-folder persistence; writes the report')
    .argument('<path...>', "files or folders ('-' for stdin); formats detected by content")
    .addOption(
      new Option('--format <format>', 'table when stdout is a terminal, else json').choices([
        'table',
        'json',
        'ndjson',
        'csv',
        'html',
      ]),
    )
    .option('--ecs', 'with --format ndjson: Elastic Common Schema alert documents')
    .option('--verbose', 'with --format table: the evidence chain of every finding')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option(
      '--min-severity <severity>',
      'informational|low|medium|high|critical (default: informational for json, low for table)',
    )
    .option('--fail-on <severity>', 'exit 3 when a finding reaches SEVERITY')
    .option(
      '--baseline <file>',
      'known-good autostart entries (repeatable; see docs/data-files.md)',
      collect,
    )
    .option('--since <time>', 'only events at or after this ISO 8601 time')
    .option('--until <time>', 'only events at or before this ISO 8601 time')
    .option('--threads <n>', 'worker threads (accepted; the hunt runs on one thread for now)')
    .option('--no-progress', 'no progress display')
    .option('--quiet', 'no warnings on stderr')
    .option('--no-color', 'no colours')
    .action(async (paths: string[], o: HuntCliOptions) => {
      code = await huntCommand(paths, o);
    });

  program
    .command('sigma')
    .description('run Sigma rules over logs and print the matches')
    .requiredOption('--rules <path...>', 'Sigma rule files or folders')
    .argument('<path...>', 'log files or folders')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'table']).default('json'),
    )
    .action(async (paths: string[], o: { rules: string[]; format: 'json' | 'table' }) => {
      code = await sigmaCommand(o.rules, paths, { format: o.format });
    });

  program
    .command('stack')
    .description('every autostart entry across hosts, grouped and ranked rarest first')
    .argument('<path...>', "log files or folders (host = each event's Computer)")
    .addOption(
      new Option('--format <format>', 'table when stdout is a terminal, else json').choices([
        'table',
        'json',
      ]),
    )
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--max-examples <n>', 'raw data examples kept per entry (default 3)')
    .option('--quiet', 'no warnings on stderr')
    .action((paths: string[], o: StackCliOptions) => {
      code = stackCommand(paths, o);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof Error && 'exitCode' in err && 'code' in err) {
      const c = (err as { code: string }).code;
      if (c === 'commander.helpDisplayed' || c === 'commander.version' || c === 'commander.help')
        return EXIT.OK;
      return EXIT.USAGE;
    }
    if (err instanceof InvalidArgumentError) return EXIT.USAGE;
    if (err instanceof UsageError) {
      process.stderr.write(`runhunt: ${err.message}\n`);
      return EXIT.USAGE;
    }
    throw err;
  }
  return code;
}
