/**
 * The engine's option names as the command line spells them. An engine error names its option as the engine's
 * API spells it: in `field` (`points`, `dataDir`, `checkpoint.resume`, `model` for the model argument), as the
 * message's lead ("points: 2 must be…", "dataset mnist: …") and in backticks in advice ("use a larger `dt`").
 * The CLI prints it with the running command's own names: the flag (`--points`, `--data-dir`, `--resume`) or
 * the argument (`MODEL`) that the command declares (a nested option through {@link NESTED_OPTIONS}; other
 * dotted names are file paths such as `h.seed` and are never flags). Names the command does not declare stay as
 * they are, and so do sampler parameters (a ParameterError's field): those are Ocean names, which is how
 * `--params` spells them; the commands that take them as flags (`sample`) translate them with {@link optionFlag}.
 */

import type { Command } from 'commander';
import { ParameterError, type QaError, renameLeadingField } from '../errors.js';

/** What the translation reads of a commander command: its declared options and arguments. */
export type CommandNames = Pick<Command, 'options' | 'registeredArguments'>;

/** Engine options nested in an options object whose flag is flat. */
const NESTED_OPTIONS: Readonly<Record<string, string>> = { 'checkpoint.resume': 'resume' };

/** `--kebab-case` of an option name, from camelCase or snake_case (dataDir, data_dir → --data-dir). */
export function optionFlag(name: string): string {
  return `--${name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase()}`;
}

/** The command-line name of engine option `name` on `cmd`: the flag or argument it declares, else undefined. */
export function cliName(cmd: CommandNames, name: string): string | undefined {
  const option = NESTED_OPTIONS[name] ?? name;
  // engine option names start lower-case; upper-case names (MODEL, IMAGE) are the CLI's own already
  if (!/^[a-z][A-Za-z0-9_]*$/.test(option)) return undefined;
  const flag = optionFlag(option);
  if (cmd.options.some((o) => o.long === flag)) return flag;
  const arg = option.toUpperCase();
  if (cmd.registeredArguments.some((a) => a.name() === arg)) return arg;
  return undefined;
}

/** Text with every backticked option name that `cmd` declares written as its flag or argument. */
export function cliText(text: string, cmd: CommandNames): string {
  return text.replace(/`([a-z][\w.]*)`/g, (quoted, name: string) => cliName(cmd, name) ?? quoted);
}

/** An engine error's message and field as the command line names them (see the module note). */
export function cliError(err: QaError, cmd: CommandNames): { message: string; field: string | undefined } {
  const f = err.field;
  const name = f === undefined || err instanceof ParameterError ? undefined : cliName(cmd, f);
  const message =
    f !== undefined && name !== undefined ? renameLeadingField(err.message, f, name) : err.message;
  return { message: cliText(message, cmd), field: name ?? f };
}
