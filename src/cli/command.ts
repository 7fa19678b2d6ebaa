/** The contract between the CLI entry point and each command module. */

import type { Command } from 'commander';
import { reportError } from './output.js';

export interface CommandContext {
  /** Set by an action to the process exit status. */
  setExitCode(code: number): void;
}

export interface CommandModule {
  register(program: Command, ctx: CommandContext): void;
}

/** Wraps an async action so QaErrors become messages and exit codes instead of stack traces. */
export function action<A extends unknown[]>(
  ctx: CommandContext,
  name: string,
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      ctx.setExitCode(reportError(name, e));
    }
  };
}
