/**
 * `qaxai convert MODEL --format dimod-json|dimod-binary|bqpjson|simple [--file-version 1|2] [--out FILE]
 * [--json]`: reads a model in any format qaxai reads (detected by content) and writes it in another, variables
 * in the model's order. The JSON formats print the document (or write it with --out); dimod-binary is
 * `bqm.to_file()`'s bytes and needs --out, then --json prints a summary of what was written.
 */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { bqmToBqpJson } from '../../hamiltonian/io/bqpjson.js';
import { bqmToDimodJson } from '../../hamiltonian/io/dimod-bqm.js';
import { bqmToDimodFile } from '../../hamiltonian/io/dimod-bqm-file.js';
import { bqmToSimpleJson } from '../../hamiltonian/io/simple-json.js';
import { plural, wroteLine } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { emit, readModelFile, toJsonText, writeFileAtomic } from '../output.js';

interface ConvertFlags {
  format?: string;
  fileVersion?: string;
  json?: boolean;
  out?: string;
}

/** The JSON documents `convert` writes, by --format. */
const JSON_WRITERS: Record<string, (bqm: BinaryQuadraticModel) => unknown> = {
  'dimod-json': (bqm) => bqmToDimodJson(bqm),
  bqpjson: bqmToBqpJson,
  simple: bqmToSimpleJson,
};
const FORMATS = ['dimod-json', 'dimod-binary', 'bqpjson', 'simple'];

function fileVersion(v: string | undefined, format: string): 1 | 2 {
  if (v === undefined) return 2;
  if (format !== 'dimod-binary')
    throw new InputError('--file-version: only --format dimod-binary has file versions', {
      field: '--file-version',
    });
  if (v !== '1' && v !== '2')
    throw new InputError(
      `--file-version: ${JSON.stringify(v)} is not a DIMODBQM version; use 1 or 2 (dimod's default)`,
      { field: '--file-version' },
    );
  return v === '1' ? 1 : 2;
}

function convertToBinary(bqm: BinaryQuadraticModel, opts: ConvertFlags): void {
  if (!opts.out)
    throw new InputError('--out: dimod-binary is a binary file; give --out FILE to write it', {
      field: '--out',
    });
  const version = fileVersion(opts.fileVersion, 'dimod-binary');
  const bytes = bqmToDimodFile(bqm, { version });
  const path = writeFileAtomic(opts.out, bytes);
  const summary = {
    format: 'dimod-binary',
    fileVersion: `${version}.0`,
    out: path,
    bytes: bytes.length,
    numVariables: bqm.numVariables,
    numInteractions: bqm.numInteractions,
    vartype: bqm.vartype,
  };
  if (opts.json) process.stdout.write(toJsonText(summary));
  else
    process.stdout.write(
      `${wroteLine(`dimod BQM file ${summary.fileVersion} (${plural(bqm.numVariables, 'variable')}, ${plural(bqm.numInteractions, 'interaction')}, ${bytes.length} bytes)`, path)}\n`,
    );
}

export const convertCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('convert')
      .description(
        'write a model in another format: dimod JSON, dimod binary (bqm.to_file()), bqpjson or simple',
      )
      .argument('<MODEL>', 'model file (dimod BQM JSON or binary file, bqpjson, or the simple h/J/Q form)')
      .option('--format <f>', `output format: ${FORMATS.join(', ')}`)
      .option('--file-version <v>', 'DIMODBQM file version for dimod-binary: 1 or 2 (default 2, as dimod)')
      .option('--json', 'print JSON on stdout (the document, or for dimod-binary a summary)')
      .option('--out <file>', 'write the converted model to a file (atomically)')
      .action(
        action(ctx, 'convert', (modelPath: string, opts: ConvertFlags) => {
          const format = opts.format;
          if (format === undefined || !FORMATS.includes(format))
            throw new InputError(
              `--format: ${format === undefined ? 'missing' : `${JSON.stringify(format)} is not a format`}; use ${FORMATS.join(', ')}`,
              { field: '--format' },
            );
          fileVersion(opts.fileVersion, format);
          const bqm = readModelFile(modelPath);
          if (format === 'dimod-binary') return convertToBinary(bqm, opts);
          const doc = JSON_WRITERS[format]!(bqm);
          emit(doc, { json: opts.json === true, ...(opts.out ? { out: opts.out } : {}) }, () =>
            opts.out ? `converted ${modelPath} to ${format}` : toJsonText(doc, true).trimEnd(),
          );
        }),
      );
  },
};
