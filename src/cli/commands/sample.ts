/**
 * `qaxai sample MODEL --sampler NAME [--num-reads N] [--seed S] [--<parameter> VALUE …]`
 *
 * Any parameter the chosen sampler declares can be given as a kebab-case flag (`--num-sweeps 500`,
 * `--beta-range [0.1,5]`, `--annealing-time 20`); values are read as JSON when they parse, else as text.
 * Prints a dimod SampleSet document (with --json) or a table of the lowest rows.
 */

import type { Command } from 'commander';
import { InputError, ParameterError } from '../../errors.js';
import { sampleSetToDimodJson } from '../../hamiltonian/io/dimod-sampleset.js';
import { labelToKeyToken } from '../../hamiltonian/labels.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { SpinReversalTransformComposite } from '../../sim/composites/spin-reversal.js';
import { SamplerRegistry } from '../../sim/registry/index.js';
import type { SampleParams, Sampler } from '../../sim/sampler.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { formatEnergy, formatTable } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { addLeapConnectionOptions, leapEnvironment } from '../leap-flags.js';
import { optionFlag } from '../option-flags.js';
import { emit, parseNumberFlag, parseParamsFlag, readModelFile } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { cliSamplers } from '../samplers.js';

/** Reads `--flag value` / `--flag=value` tokens into snake_case parameters. */
export function parseParameterFlags(tokens: readonly string[]): SampleParams {
  const out: SampleParams = {};
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (!tok.startsWith('--'))
      throw new InputError(
        `unexpected argument ${JSON.stringify(tok)}; parameters are given as --name value`,
      );
    const eq = tok.indexOf('=');
    const flag = eq > 0 ? tok.slice(0, eq) : tok;
    let raw: string;
    if (eq > 0) raw = tok.slice(eq + 1);
    else {
      const next = tokens[k + 1];
      if (next === undefined || (next.startsWith('--') && !/^--?\d/.test(next))) raw = 'true';
      else {
        raw = next;
        k++;
      }
    }
    const name = flag.slice(2).replace(/-/g, '_');
    if (!/^[a-z][a-z0-9_]*$/.test(name))
      throw new InputError(`${flag}: not a parameter name`, { field: flag });
    out[name] = parseValue(raw);
  }
  return out;
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Builds a sampler of the CLI's registry; Leap connection flags (src/cli/leap-flags.ts) reach a leap sampler. */
export async function createSampler(
  name: string,
  opts: { solver?: string; threads?: number; leap?: Parameters<typeof leapEnvironment>[0] },
): Promise<Sampler> {
  if (!cliSamplers.has(name))
    throw new InputError(
      `--sampler: unknown sampler ${JSON.stringify(name)}; available: ${cliSamplers.names.join(', ')}`,
      {
        field: '--sampler',
      },
    );
  const env = opts.leap ? leapEnvironment(opts.leap) : undefined;
  const registry = env
    ? new SamplerRegistry(cliSamplers.entries(), { ...cliSamplers.env, env })
    : cliSamplers;
  return registry.create(name, {
    ...(opts.solver !== undefined ? { solver: opts.solver } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
  });
}

/** The lowest rows of a sample set as an aligned table, as dimod prints a SampleSet. */
function sampleSetText(ss: SampleSet, maxRows = 20): string {
  const sorted = ss.sorted();
  const labels = sorted.variables.map((l) => labelToKeyToken(l));
  const occ = sorted.vectors.num_occurrences!.data as number[];
  const energy = sorted.vectors.energy!.data as number[];
  const n = sorted.numVariables;
  const rows: string[][] = [];
  for (let r = 0; r < Math.min(maxRows, sorted.numRows); r++)
    rows.push([
      ...Array.from(sorted.samples.subarray(r * n, (r + 1) * n), String),
      formatEnergy(energy[r]),
      String(occ[r]),
    ]);
  const lines = [formatTable([...labels, 'energy', 'num_oc.'], rows)];
  if (sorted.numRows > maxRows) lines.push(`… ${sorted.numRows - maxRows} more rows`);
  lines.push(`['${ss.vartype}', ${ss.numRows} rows, ${ss.totalReads} samples, ${n} variables]`);
  return lines.join('\n');
}

export const sampleCommand = {
  register(program: Command, ctx: CommandContext): void {
    addLeapConnectionOptions(program.command('sample'))
      .description('sample a model with a sampler; prints a dimod SampleSet')
      .argument('<MODEL>', 'model file (dimod BQM JSON, bqpjson, or the simple h/J/Q form)')
      .requiredOption(
        '--sampler <name>',
        `sampler to use (${cliSamplers.names.join(', ') || 'see registry'})`,
      )
      .option('--num-reads <n>', 'number of reads (samplers that take num_reads)')
      .option('--seed <s>', 'random seed, integer in [0, 2^32)')
      .option('--solver <name>', 'solver profile (qpu-sim, leap)')
      .option('--threads <n>', 'worker threads (default: all cores)')
      .option('--spin-reversal <n>', 'wrap the sampler in a SpinReversalTransformComposite with n transforms')
      .option('--params <json>', 'extra sampler parameters as a JSON object')
      .option('--json', 'print the SampleSet as dimod JSON on stdout')
      .option('--out <file>', 'write the SampleSet JSON to a file (atomically)')
      .allowUnknownOption(true)
      .allowExcessArguments(true)
      .addHelpText(
        'after',
        '\nAny sampler parameter can be given as --kebab-case-name VALUE (see docs/samplers.md).',
      )
      .action(
        action(
          ctx,
          'sample',
          async (modelPath: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
            const bqm = readModelFile(modelPath);
            const extra = parseParameterFlags(cmd.args.slice(1));
            let params: SampleParams = { ...extra };
            const given = parseParamsFlag(opts.params as string | undefined);
            if (given) params = { ...given, ...params };
            const numReads = parseNumberFlag(opts.numReads as string | undefined, '--num-reads', {
              integer: true,
              min: 1,
            });
            const seed = parseNumberFlag(opts.seed as string | undefined, '--seed', {
              integer: true,
              min: 0,
              max: 2 ** 32 - 1,
            });
            const threads = parseNumberFlag(opts.threads as string | undefined, '--threads', {
              integer: true,
              min: 1,
            });
            const srt = parseNumberFlag(opts.spinReversal as string | undefined, '--spin-reversal', {
              integer: true,
              min: 0,
            });
            if (numReads !== undefined) params.num_reads = numReads;
            if (seed !== undefined) params.seed = seed;
            let sampler = await createSampler(opts.sampler as string, {
              ...(typeof opts.solver === 'string' ? { solver: opts.solver } : {}),
              ...(threads !== undefined ? { threads } : {}),
              leap: opts,
            });
            if (srt !== undefined) {
              sampler = new SpinReversalTransformComposite(sampler);
              params.num_spin_reversal_transforms = srt;
              if (seed !== undefined) params.srt_seed = seed;
            }
            const progress = createProgressReporter(`sample (${sampler.name})`);
            try {
              const ss = await sampler.sample(bqm, params, { onProgress: progress.update });
              progress.stop();
              // the text output has no info: its warnings (e.g. qpu-sim's validity range) go to stderr
              if (opts.json !== true)
                for (const w of ss.info.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
              emit(
                sampleSetToDimodJson(ss),
                { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
                () => sampleSetText(ss),
              );
            } catch (e) {
              progress.stop();
              if (e instanceof ParameterError && e.field) {
                const flag = optionFlag(e.field);
                throw new ParameterError(`${flag}: ${e.message.replace(/^[a-z_]+: /, '')}`, {
                  field: flag,
                  unknown: e.code === 'QA_UNKNOWN_PARAMETER',
                });
              }
              throw e;
            } finally {
              await sampler.close?.();
              await closeAllPools();
            }
          },
        ),
      );
  },
};
