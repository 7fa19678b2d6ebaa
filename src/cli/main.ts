/**
 * The `qaxai` command line: a thin layer over the library. Each command lives in ./commands/<name>.ts and
 * registers itself through a CommandModule (./command.ts); this file wires them into commander and maps errors to
 * exit codes (0 success, 1 the work failed, 2 bad input).
 */

import { Command, CommanderError } from 'commander';
import type { CommandContext } from './command.js';
import { commandModules } from './commands/index.js';
import { reportError, writeJsonError } from './output.js';

export function createProgram(ctx: CommandContext): Command {
  const program = new Command('qaxai')
    .description(
      'Quantum-annealing simulator (statevector, PIMC, QPU emulator) with explainable-AI front end',
    )
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const m of commandModules) m.register(program, ctx);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { setExitCode: (c) => (code = c) };
  const program = createProgram(ctx);
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && first !== 'help') {
    const known = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
    if (!known.includes(first)) {
      const message = `unknown command ${JSON.stringify(first)}; commands: ${known.join(', ')}`;
      process.stderr.write(`qaxai: ${message}\n`);
      if (argv.includes('--json')) writeJsonError('QA_USAGE', 'command', message);
      return 2;
    }
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      // usage errors (unknown option, missing argument, bad choice) are bad input
      if (e.exitCode === 0) return 0;
      if (argv.includes('--json')) writeJsonError('QA_USAGE', undefined, e.message.replace(/^error: /, ''));
      return 2;
    }
    return reportError(
      argv[0] ?? '',
      e,
      program.commands.find((c) => c.name() === argv[0]),
      { json: argv.includes('--json') },
    );
  }
  return code;
}
