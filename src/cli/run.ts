import { Command, InvalidArgumentError, Option } from 'commander';
import { dumpCommand } from './dump.js';
import { sigmaCommand } from './sigma.js';
import { stackCommand, type StackCliOptions } from './stack.js';
import * as baselineCli from './baseline.js';
import { huntCommand, UsageError, type HuntCliOptions } from './hunt.js';
import { rulesCommand } from './rules.js';
import { terminalSafe } from './terminal-safe.js';
import { DataFileError } from '../util/data-loader.js';
import { AutorunsFormatError } from '../detect/baseline/autoruns.js';
import { TARGETS } from '../emit/rules/index.js';
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
    .option('--sigma <path>', 'Sigma rule file or folder to run alongside (repeatable)', collect)
    .option(
      '--rules-out <dir>',
      'write generated detection rules for the findings (one file per rule and target)',
    )
    .option(
      '--target <target>',
      `with --rules-out: ${TARGETS.join('|')}|all (repeatable; default all)`,
      collect,
    )
    .option('--since <time>', 'only events at or after this ISO 8601 time')
    .option('--until <time>', 'only events at or before this ISO 8601 time')
    .option(
      '--threads <n>',
      "threads, this one included: a number or 'auto' (one per core); default 1",
    )
    .option('--no-progress', 'no progress display')
    .option('--quiet', 'no warnings on stderr')
    .option('--no-color', 'no colours')
    .action(async (paths: string[], o: HuntCliOptions) => {
      code = await huntCommand(paths, o);
    });

  program
    .command('sigma')
    .description('run Sigma rules over logs and print the matches')
    .requiredOption('--rules <path>', 'Sigma rule file or folder (repeatable)', collect)
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

  program
    .command('rules')
    .description('generate detection rules (Sigma, SPL, KQL, EQL, ES|QL) from a hunt report')
    .argument('<report>', 'report JSON written by `runhunt hunt --format json`')
    .option('--target <target>', `${TARGETS.join('|')}|all (repeatable; default sigma)`, collect)
    .option('-o, --output <dir>', 'write one file per rule and target into DIR')
    .action(async (report: string, o: { target?: string[]; output?: string }) => {
      code = await rulesCommand(report, o);
    });

  const baseline = program
    .command('baseline')
    .description('learn, compare, merge and export baselines of known autostart entries');
  baseline
    .command('learn')
    .description('a complete baseline from known-clean logs')
    .argument('<path...>', 'log files or folders')
    .requiredOption('-o, --output <file>', 'baseline file to write (.json for JSON, else YAML)')
    .option('--name <name>', 'baseline name (default: the file name)')
    .option('--with-writers', 'record writer images (another writer later makes an entry changed)')
    .option('--quiet', 'no warnings on stderr')
    .action((paths: string[], o: baselineCli.LearnCliOptions) => {
      code = baselineCli.baselineLearnCommand(paths, o);
    });
  baseline
    .command('diff')
    .description('entries added, removed and changed from baseline A to baseline B')
    .argument('<a>')
    .argument('<b>')
    .addOption(new Option('--format <format>').choices(['text', 'json']).default('text'))
    .action((a: string, b: string, o: baselineCli.DiffCliOptions) => {
      code = baselineCli.baselineDiffCommand(a, b, o);
    });
  baseline
    .command('merge')
    .description('one baseline knowing every entry of its inputs')
    .argument('<file...>', 'baseline files (runhunt YAML/JSON or autorunsc CSV)')
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--name <name>', 'baseline name')
    .action((files: string[], o: baselineCli.MergeCliOptions) => {
      code = baselineCli.baselineMergeCommand(files, o);
    });
  baseline
    .command('export-sigma')
    .description('the baseline as Sigma global filters for SIEM rules')
    .argument('<file>', 'baseline file')
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('--rule <id>', 'rule id or name to attach the filters to (repeatable)', collect)
    .action((file: string, o: baselineCli.ExportSigmaCliOptions) => {
      code = baselineCli.baselineExportSigmaCommand(file, o);
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
    // A --baseline or data file the user gave that cannot be read: say which and where.
    if (err instanceof DataFileError || err instanceof AutorunsFormatError) {
      process.stderr.write(terminalSafe(`runhunt: ${err.message}`) + '\n');
      process.stderr.write(
        'runhunt: fix the file (its format is in docs/data-files.md) or leave it out\n',
      );
      return EXIT.USAGE;
    }
    throw err;
  }
  return code;
}
