import { Command } from 'commander';

export async function run(argv: string[]): Promise<number> {
  const program = new Command('runhunt');
  program.description(
    'Hunt Registry Run-key and Startup-folder persistence (T1547.001) in Sysmon logs',
  );
  await program.parseAsync(argv, { from: 'user' });
  return 0;
}
