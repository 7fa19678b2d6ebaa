/**
 * `qaxai anneal MODEL --method statevector|pimc [schedule flags] [--dt] [--steps]`: one anneal and its
 * success probability (probability on the ground set of H_P), ⟨H_P⟩, residual energy and TTS99, computed by
 * src/studies/anneal-point.ts; this file reads the flags and prints the result (./anneal-text.ts).
 */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { STATEVECTOR_BACKENDS, type StatevectorBackend } from '../../sim/statevector/anneal.js';
import { closeStatevectorThreads } from '../../sim/statevector/threaded.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import {
  ANNEAL_METHODS,
  type AnnealMethod,
  type AnnealPoint,
  type AnnealPointOptions,
  annealPoint,
} from '../../studies/anneal-point.js';
import { withUnit } from '../../util/format.js';
import { lineChartSvg } from '../../util/plot/index.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, readModelFile, writeFileAtomic } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { addScheduleOptions, defaultDurationNote, resolveScheduleFlags } from '../schedule-flags.js';
import { annealPointText, methodDefaults } from './anneal-text.js';

/** Default τ for `linear` when no duration flag is given. */
export const DEFAULT_TAU = 10;
const SCHEDULE_DEFAULTS = { tau: DEFAULT_TAU };

/** Flags shared by anneal and study. */
export function addAnnealOptions(cmd: Command): Command {
  return cmd
    .option('--method <name>', `simulation method: ${ANNEAL_METHODS.join(' | ')}`, 'statevector')
    .option(
      '--dt <step>',
      'statevector: Trotter step (ħ/energy for linear, ns for D-Wave schedules); default automatic',
    )
    .option('--steps <n>', 'statevector: number of Trotter steps over the whole path (instead of --dt)')
    .option('--no-convergence-check', 'statevector: skip the second run at dt/2')
    .option(
      '--tolerance <p>',
      'statevector: target accuracy of the success probability for the automatic step',
      '1e-4',
    )
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option(
      '--backend <name>',
      `${STATEVECTOR_BACKENDS.join(' | ')} — cpu: WASM kernels on threads (float64 statevector; PIMC with cluster moves); gpu: gpu.js float32 kernels on WebGPU, gpu.js's WebAssembly backend where no adapter exists (PIMC: checkerboard Metropolis only)`,
    )
    .option('--num-reads <n>', 'pimc: reads (default 100)')
    .option('--seed <s>', 'pimc: random seed')
    .option('--temperature <mK>', 'pimc: temperature in mK (D-Wave schedules)')
    .option('--beta <b>', 'pimc: inverse temperature (required with --schedule linear)')
    .option('--num-slices <P>', 'pimc: Trotter slices');
}

/** Reads the options of {@link addAnnealOptions}. */
export function annealPointOptions(opts: Record<string, string | boolean | undefined>): AnnealPointOptions {
  const method = (opts.method as string) ?? 'statevector';
  if (!ANNEAL_METHODS.includes(method as AnnealMethod))
    throw new InputError(`--method: ${JSON.stringify(method)} is not one of ${ANNEAL_METHODS.join(', ')}`, {
      field: '--method',
    });
  const num = (flag: string, key: string, o: Parameters<typeof parseNumberFlag>[2] = {}) =>
    parseNumberFlag(opts[key] as string | undefined, flag, o);
  const dt = num('--dt', 'dt', { min: 0, exclusiveMin: true });
  const steps = num('--steps', 'steps', { integer: true, min: 1 });
  if (dt !== undefined && steps !== undefined)
    throw new InputError('--dt and --steps: give one of them, not both', { field: '--dt' });
  const o: AnnealPointOptions = {
    method: method as AnnealMethod,
    convergenceCheck: opts.convergenceCheck !== false,
  };
  const set = <K extends keyof AnnealPointOptions>(k: K, v: AnnealPointOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('dt', dt);
  set('steps', steps);
  set('tolerance', num('--tolerance', 'tolerance', { min: 0, exclusiveMin: true, max: 1 }));
  set('threads', num('--threads', 'threads', { integer: true, min: 1 }));
  const backend = opts.backend as string | undefined;
  if (backend !== undefined) {
    if (!STATEVECTOR_BACKENDS.includes(backend as StatevectorBackend))
      throw new InputError(
        `--backend: ${JSON.stringify(backend)} is not one of ${STATEVECTOR_BACKENDS.join(', ')}`,
        { field: '--backend' },
      );
    o.backend = backend as StatevectorBackend;
  }
  set('numReads', num('--num-reads', 'numReads', { integer: true, min: 1 }));
  set('seed', num('--seed', 'seed', { integer: true, min: 0, max: 2 ** 32 - 1 }));
  set('temperature', num('--temperature', 'temperature', { min: 0, exclusiveMin: true }));
  set('beta', num('--beta', 'beta', { min: 0, exclusiveMin: true }));
  set('numSlices', num('--num-slices', 'numSlices', { integer: true, min: 2 }));
  if (o.method === 'pimc' && (dt !== undefined || steps !== undefined))
    throw new InputError('--dt/--steps apply to --method statevector; pimc takes --num-reads, --num-slices', {
      field: '--dt',
    });
  return o;
}

export async function releaseWorkers(): Promise<void> {
  await closeStatevectorThreads();
  await closeAllPools();
}

export const annealCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('anneal')
      .description('one quantum anneal: success probability, ⟨H_P⟩, residual energy, TTS99')
      .argument('<MODEL>', 'model file (dimod BQM JSON, bqpjson, or the simple h/J/Q form)');
    addScheduleOptions(cmd);
    addAnnealOptions(cmd)
      .option(
        '--overlap-points <n>',
        'statevector: overlap with the instantaneous ground state at n times (n ≤ 20 qubits)',
      )
      .option('--svg <file>', 'statevector: plot the instantaneous ground-state overlap along the path (SVG)')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result to a file (atomically)')
      .action(
        action(
          ctx,
          'anneal',
          async (modelPath: string, opts: Record<string, string | boolean | undefined>) => {
            const bqm = readModelFile(modelPath);
            const resolved = resolveScheduleFlags(opts, bqm, SCHEDULE_DEFAULTS);
            const o = annealPointOptions(opts);
            let overlapPoints = parseNumberFlag(
              opts.overlapPoints as string | undefined,
              '--overlap-points',
              {
                integer: true,
                min: 1,
                max: 1000,
              },
            );
            if (typeof opts.svg === 'string' && overlapPoints === undefined) overlapPoints = 20;
            if (overlapPoints !== undefined) {
              if (o.method !== 'statevector')
                throw new InputError('--overlap-points/--svg need --method statevector', {
                  field: '--overlap-points',
                });
              o.overlapPoints = overlapPoints;
            }
            const progress = createProgressReporter(`anneal (${o.method})`);
            let point: AnnealPoint;
            try {
              point = await annealPoint(bqm, resolved, { ...o, onProgress: progress.update });
            } finally {
              progress.stop();
              await releaseWorkers();
            }
            const row: AnnealPoint & { svg?: string } = point;
            if (typeof opts.svg === 'string' && point.method === 'statevector' && point.overlap)
              row.svg = writeFileAtomic(
                opts.svg,
                lineChartSvg({
                  title: `Overlap with the instantaneous ground state (${resolved.schedule.name})`,
                  xLabel: withUnit('time', point.dtUnit),
                  yLabel: '|⟨g(s)|ψ⟩|²',
                  series: [{ name: 'overlap', x: point.overlap.t, y: point.overlap.overlap, markers: true }],
                }),
              );
            const durationDefault = defaultDurationNote(opts, resolved.path.timeUnit, SCHEDULE_DEFAULTS);
            emit(
              row,
              { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
              () =>
                annealPointText(point, {
                  defaults: [...(durationDefault ? [durationDefault] : []), ...methodDefaults(point, o)],
                  ...(row.svg ? { svg: row.svg } : {}),
                }),
            );
          },
        ),
      );
  },
};
