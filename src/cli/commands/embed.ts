/**
 * `qaxai embed MODEL --solver NAME [--method auto|heuristic|clique] [--seed S] [--tries N] [--timeout S]
 * [--json] [--out FILE]`: finds a minor embedding of the model's interaction graph in a qpu-sim solver's
 * working graph (NAME a profile, or a Leap solver description FILE.json) and prints or writes it as
 * minorminer does, {"label": [qubits…]}; `qaxai sample --sampler qpu-sim --embedding FILE` reads it back.
 */

import type { Command } from 'commander';
import { type EmbeddingMethod, embedProblem } from '../../embedding/index.js';
import { InputError } from '../../errors.js';
import { labelJsonKeys } from '../../hamiltonian/label-json.js';
import { qpuSimulatorForSolver } from '../../sim/registry/index.js';
import { randomSeed } from '../../sim/rng.js';
import { formatSeconds } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, readModelFile } from '../output.js';
import { cliSamplers } from '../samplers.js';

interface EmbedFlags {
  solver?: string;
  method?: string;
  seed?: string;
  tries?: string;
  timeout?: string;
  json?: boolean;
  out?: string;
}

const METHODS = ['auto', 'heuristic', 'clique'];

export const embedCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('embed')
      .description('find a minor embedding of a model in a QPU working graph; prints {"label": [qubits…]}')
      .argument('<MODEL>', 'model file (dimod BQM JSON, bqpjson, or the simple h/J/Q form)')
      .option(
        '--solver <name>',
        'qpu-sim profile or Leap solver description FILE.json (default Advantage_system4.1)',
      )
      .option(
        '--method <m>',
        'auto (default: clique for dense problems, else heuristic with clique fallback), heuristic, clique',
      )
      .option('--seed <s>', 'random seed of the heuristic (minorminer random_seed), integer in [0, 2^32)')
      .option('--tries <n>', 'restarts of the heuristic (default 10)')
      .option('--timeout <s>', 'time limit of the heuristic in seconds (default 1000)')
      .option('--json', 'print the embedding as JSON on stdout')
      .option('--out <file>', 'write the embedding JSON to a file (atomically)')
      .action(
        action(ctx, 'embed', (modelPath: string, opts: EmbedFlags) => {
          const bqm = readModelFile(modelPath);
          labelJsonKeys(bqm.variables, modelPath); // the embedding is written keyed by label
          const method = opts.method ?? 'auto';
          if (!METHODS.includes(method))
            throw new InputError(
              `--method: ${JSON.stringify(method)} is not a method; use ${METHODS.join(', ')}`,
              {
                field: '--method',
              },
            );
          const seed =
            parseNumberFlag(opts.seed, '--seed', { integer: true, min: 0, max: 2 ** 32 - 1 }) ?? randomSeed();
          const tries = parseNumberFlag(opts.tries, '--tries', { integer: true, min: 1 });
          const timeout = parseNumberFlag(opts.timeout, '--timeout', { min: 0, exclusiveMin: true });
          const sim = qpuSimulatorForSolver(opts.solver, cliSamplers.env);
          const r = embedProblem(bqm, sim.topology, {
            method: method as EmbeddingMethod,
            random_seed: seed,
            ...(tries !== undefined ? { tries } : {}),
            ...(timeout !== undefined ? { timeout } : {}),
          });
          const emb = r.embedding;
          emit(emb.toJSON(), { json: opts.json === true, ...(opts.out ? { out: opts.out } : {}) }, () =>
            [
              `embedded ${emb.size} variables in ${sim.solver} (${sim.topology.describe()}) with the ${r.method} method` +
                (r.method === 'heuristic' ? ` (seed ${seed})` : ''),
              `qubits ${emb.numQubits}, longest chain ${emb.maxChainLength}, ${formatSeconds(r.seconds)}`,
              ...(opts.out ? [] : ['(use --json or --out FILE for the embedding itself)']),
            ].join('\n'),
          );
        }),
      );
  },
};
