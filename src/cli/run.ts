import { Command, InvalidArgumentError, Option } from 'commander';
import { dumpCommand } from './dump.js';
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
    throw err;
  }
  return code;
}
