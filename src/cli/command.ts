/** The contract between the CLI entry point and each command module. */

import { Command } from 'commander';
import { reportError } from './output.js';

export interface CommandContext {
  /** Set by an action to the process exit status. */
  setExitCode(code: number): void;
}

export interface CommandModule {
  register(program: Command, ctx: CommandContext): void;
}

/**
 * Wraps an async action so QaErrors become messages and exit codes instead of stack traces, naming options as
 * the command's flags (commander passes the command as the action's last argument).
 */
export function action<A extends unknown[]>(
  ctx: CommandContext,
  name: string,
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const cmd = args.at(-1);
      const json = cmd instanceof Command && cmd.opts().json === true;
      ctx.setExitCode(reportError(name, e, cmd instanceof Command ? cmd : undefined, { json }));
    }
  };
}
