/** Which of a command's settings came from commander defaults rather than flags, stated for its text output. */

import type { Command } from 'commander';

/**
 * The options whose value is commander's default, each described by `describe[name](value)`, e.g.
 * `{ tau: (v) => \`anneal time ${v} τ (--tau)\` }` → ["anneal time 50 τ (--tau)"] when --tau was not given.
 */
export function defaultedOptions(
  cmd: Command,
  describe: Record<string, (value: unknown) => string>,
): string[] {
  const opts = cmd.opts();
  return Object.entries(describe)
    .filter(([name]) => cmd.getOptionValueSource(name) === 'default')
    .map(([name, text]) => text(opts[name]));
}
