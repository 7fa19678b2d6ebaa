/**
 * Shared CLI plumbing: reading input files, atomic writes, printing results (`--json` = exactly one JSON
 * document on stdout; logs and progress on stderr) and mapping errors to exit codes (0 ok, 1 work failed,
 * 2 bad input).
 */

import { readFileSync } from 'node:fs';
import { InputError, QaError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { sampleSetFromDimodJson } from '../hamiltonian/io/dimod-sampleset.js';
import { modelFromBytes } from '../hamiltonian/io/model-file.js';
import type { SampleSet } from '../hamiltonian/sample-set.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { wroteLine } from '../util/format.js';
import { stringifyJson } from '../util/json-key-order.js';
import { parseStrictJson } from '../util/strict-json.js';
import { type CommandNames, cliError } from './option-flags.js';

export { writeFileAtomic };

/** Reads a text file; a missing or unreadable file is bad input naming the path. */
export function readTextFile(path: string, what: string): string {
  return readFileNamingPath(path, what, 'utf8');
}

/** Reads a file's bytes; a missing or unreadable file is bad input naming the path. */
export function readBytesFile(path: string, what: string): Uint8Array {
  return readFileNamingPath(path, what);
}

function readFileNamingPath(path: string, what: string): Buffer;
function readFileNamingPath(path: string, what: string, encoding: 'utf8'): string;
function readFileNamingPath(path: string, what: string, encoding?: 'utf8'): Buffer | string {
  try {
    return encoding ? readFileSync(path, encoding) : readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : ((e as Error).message ?? code);
    throw new InputError(`${what} ${path}: ${why}`, { field: what });
  }
}

/** Reads a model file: dimod's binary BQM file or JSON (dimod, bqpjson, simple), detected by content. */
export function readModelFile(path: string): BinaryQuadraticModel {
  return modelFromBytes(readBytesFile(path, 'MODEL'), path).bqm;
}

export function readSampleSetFile(path: string): SampleSet {
  return sampleSetFromDimodJson(parseStrictJson(readTextFile(path, 'SAMPLESET'), { source: path }));
}

/**
 * JSON text with non-finite numbers written as null (JSON has no NaN), label-keyed objects in their variables'
 * order (../util/json-key-order.ts) and a trailing newline.
 */
export function toJsonText(value: unknown, pretty = false): string {
  return `${stringifyJson(value, pretty ? 2 : undefined)}\n`;
}

export interface OutputOptions {
  json?: boolean;
  out?: string;
}

/**
 * Prints a result: with --json the document itself on stdout, otherwise `human` (text) on stdout.
 * With --out the JSON document is also written atomically to that file.
 */
export function emit(result: unknown, opts: OutputOptions, human: () => string): void {
  if (opts.out) {
    const p = writeFileAtomic(opts.out, toJsonText(result, true));
    if (!opts.json) process.stderr.write(`${wroteLine('JSON result', p)}\n`);
  }
  if (opts.json) process.stdout.write(toJsonText(result));
  else process.stdout.write(`${human()}\n`);
}

/**
 * Prints an error for the user and returns its exit code; with the command's declared names, an engine error's
 * option names are printed as that command's flags and arguments (./option-flags.ts).
 */
export function reportError(
  command: string,
  err: unknown,
  names?: CommandNames,
  opts: { json?: boolean } = {},
): number {
  if (err instanceof QaError) {
    const shown = names ? cliError(err, names) : err;
    process.stderr.write(`qaxai ${command}: ${shown.message}\n`);
    if (opts.json) writeJsonError(err.code, shown.field, shown.message);
    return err.exitCode;
  }
  process.stderr.write(
    `qaxai ${command}: internal error (this is a bug): ${(err as Error)?.stack ?? String(err)}\n`,
  );
  if (opts.json)
    writeJsonError(
      'QA_INTERNAL',
      undefined,
      `internal error (this is a bug): ${(err as Error)?.message ?? String(err)}`,
    );
  return 1;
}

/**
 * With `--json`, a failed command still prints exactly one JSON document on stdout, so scripts read the failure
 * as they read a result: `{"error": {"code", "field", "message"}}` (field null when the error names none).
 */
export function writeJsonError(code: string, field: string | undefined, message: string): void {
  process.stdout.write(toJsonText({ error: { code, field: field ?? null, message } }));
}

/** Number flags: parses and validates, naming the flag in the error. */
export function parseNumberFlag(
  value: string | undefined,
  flag: string,
  opts: { integer?: boolean; min?: number; max?: number; exclusiveMin?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  const kind = opts.integer ? 'an integer' : 'a number';
  if (value.trim() === '' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v)))
    throw new InputError(`${flag}: ${JSON.stringify(value)} is not ${kind}`, { field: flag });
  if (opts.min !== undefined && (opts.exclusiveMin ? v <= opts.min : v < opts.min))
    throw new InputError(`${flag}: ${v} must be ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}`, {
      field: flag,
    });
  if (opts.max !== undefined && v > opts.max)
    throw new InputError(`${flag}: ${v} must be ≤ ${opts.max}`, { field: flag });
  return v;
}

/** A comma-separated list of numbers ("1,2,5"), each checked as {@link parseNumberFlag} checks one. */
export function parseNumberListFlag(
  value: string,
  flag: string,
  opts: Parameters<typeof parseNumberFlag>[2] = {},
): number[] {
  return value.split(',').map((t) => parseNumberFlag(t.trim(), flag, opts)!);
}

/** Parses a JSON-valued flag (e.g. parameters) with a clear error. */
export function parseJsonFlag(value: string | undefined, flag: string): unknown {
  if (value === undefined) return undefined;
  return parseStrictJson(value, { source: flag });
}

/** `--params '{"num_sweeps": 1000}'`: extra sampler parameters, a JSON object (strict JSON, NaN refused by name). */
export function parseParamsFlag(
  value: string | undefined,
  flag = '--params',
): Record<string, unknown> | undefined {
  const params = parseJsonFlag(value, flag);
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params)))
    throw new InputError(
      `${flag}: expected a JSON object of sampler parameters such as {"num_sweeps": 1000}`,
      {
        field: flag,
      },
    );
  return params as Record<string, unknown> | undefined;
}
