/**
 * `qaxai anneal MODEL --method statevector|pimc [schedule flags] [--dt] [--steps]`: one anneal and its
 * success probability (probability on the ground set of H_P), ⟨H_P⟩, residual energy and TTS99.
 *
 * statevector: exact Schrödinger evolution (src/sim/statevector), with the step and its convergence check.
 * pimc: the path-integral Monte Carlo sampler (src/sim/mc); the success probability is the fraction of reads
 * in the ground set, with its binomial standard error.
 */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { compileModel } from '../../hamiltonian/compiled.js';
import { PimcSampler } from '../../sim/mc/pimc-sampler.js';
import type { Progress, SampleParams } from '../../sim/sampler.js';
import {
  annealCompiled,
  STATEVECTOR_BACKENDS,
  type StatevectorBackend,
} from '../../sim/statevector/anneal.js';
import { buildDiagonal } from '../../sim/statevector/diagonal.js';
import { groundLevel } from '../../sim/statevector/observables.js';
import { energiesEqual } from '../../sim/statevector/problem-energies.js';
import { closeStatevectorThreads } from '../../sim/statevector/threaded.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { lineChartSvg } from '../../util/plot/index.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, readModelFile, writeFileAtomic } from '../output.js';
import { createProgressReporter } from '../progress.js';
import {
  addScheduleOptions,
  describeResolvedSchedule,
  type ResolvedSchedule,
  resolveScheduleFlags,
} from '../schedule-flags.js';

export type AnnealMethod = 'statevector' | 'pimc';
export const ANNEAL_METHODS: readonly AnnealMethod[] = ['statevector', 'pimc'];
/** Default τ for `linear` when no duration flag is given. */
export const DEFAULT_TAU = 10;

export interface AnnealPointOptions {
  method: AnnealMethod;
  dt?: number;
  steps?: number;
  convergenceCheck?: boolean;
  tolerance?: number;
  threads?: number;
  /** float64 (statevector) / WASM (pimc) kernels on the CPU (default), or gpu.js (float32; WebGPU where an adapter exists). */
  backend?: StatevectorBackend;
  overlapPoints?: number;
  /** pimc */
  numReads?: number;
  seed?: number;
  temperature?: number;
  beta?: number;
  numSlices?: number;
  onProgress?: (p: Progress) => void;
}

/** TTS99 = t·ln(0.01)/ln(1 − p) (t when p ≥ 0.99; null when p = 0). */
export function tts99(duration: number, p: number): number | null {
  if (!(p > 0)) return null;
  if (p >= 0.99) return duration;
  return (duration * Math.log(0.01)) / Math.log(1 - p);
}

/**
 * One anneal as a JSON-ready row: a pure function of (model, schedule, path, options), so studies can run,
 * checkpoint and resume points independently.
 */
export async function runAnnealPoint(
  bqm: BinaryQuadraticModel,
  resolved: ResolvedSchedule,
  o: AnnealPointOptions,
): Promise<Record<string, unknown>> {
  const { schedule, path } = resolved;
  const duration = path.points[path.points.length - 1]![0];
  const durationUnit = path.timeUnit === 'us' ? 'µs' : 'τ';
  if (o.method === 'statevector') {
    const r = await annealCompiled(compileModel(bqm, 'SPIN'), {
      schedule,
      path,
      ...(o.dt !== undefined ? { dt: o.dt } : {}),
      ...(o.steps !== undefined ? { steps: o.steps } : {}),
      ...(o.convergenceCheck !== undefined ? { convergenceCheck: o.convergenceCheck } : {}),
      ...(o.tolerance !== undefined ? { tolerance: o.tolerance } : {}),
      ...(o.threads !== undefined ? { threads: o.threads } : {}),
      ...(o.backend !== undefined ? { backend: o.backend } : {}),
      ...(o.overlapPoints ? { overlapPoints: o.overlapPoints } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    return {
      method: 'statevector',
      successProbability: r.successProbability,
      groundEnergy: r.groundEnergy,
      groundDegeneracy: r.groundDegeneracy,
      expectedEnergy: r.expectedEnergy,
      residualEnergy: r.residualEnergy,
      steps: r.steps,
      wallSeconds: r.wallSeconds,
      dt: r.dt,
      dtUnit: r.timeUnit,
      energyUnit: r.energyUnit,
      duration,
      durationUnit,
      tts99: tts99(duration, r.successProbability),
      convergence: r.convergence,
      initialState: r.initialState,
      threads: r.threads,
      kernel: r.kernel,
      n: r.n,
      ...(r.overlap ? { overlap: r.overlap } : {}),
      ...describeResolvedSchedule(resolved),
    };
  }
  // pimc
  const t0 = performance.now();
  const sampler = new PimcSampler(o.threads);
  if (schedule.name.startsWith('csv:'))
    throw new InputError('--method pimc takes a named schedule (linear or a D-Wave solver), not a CSV file', {
      field: '--schedule',
    });
  const params: SampleParams = {
    schedule: schedule.name,
    anneal_schedule: path.points.map(([t, s]) => [t, s]),
    num_reads: o.numReads ?? 100,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.beta !== undefined ? { beta: o.beta } : {}),
    ...(o.numSlices !== undefined ? { num_slices: o.numSlices } : {}),
    ...(path.initialState ? { initial_state: Array.from(path.initialState) } : {}),
    ...(o.backend === 'gpu' ? { backend: 'gpu' } : {}),
  };
  const ss = await sampler.sample(bqm, params, o.onProgress ? { onProgress: o.onProgress } : {});
  const energy = ss.vectors.energy!.data as number[];
  const occ = ss.vectors.num_occurrences!.data as number[];
  let reads = 0;
  let mean = 0;
  let minSeen = Number.POSITIVE_INFINITY;
  for (let r = 0; r < energy.length; r++) {
    reads += occ[r]!;
    mean += occ[r]! * energy[r]!;
    if (energy[r]! < minSeen) minSeen = energy[r]!;
  }
  mean /= reads;
  // the exact ground level when enumeration is cheap, else the lowest energy seen (flagged)
  const exact = bqm.numVariables <= 26;
  const ground = exact ? groundLevel(buildDiagonal(compileModel(bqm, 'SPIN'))) : undefined;
  const e0 = ground ? ground.groundEnergy : minSeen;
  let hits = 0;
  for (let r = 0; r < energy.length; r++)
    if (energy[r]! <= e0 || energiesEqual(e0, energy[r]!)) hits += occ[r]!;
  const p = hits / reads;
  return {
    method: 'pimc',
    successProbability: p,
    successProbabilityStdErr: Math.sqrt((p * (1 - p)) / reads),
    groundEnergy: e0,
    groundEnergyExact: exact,
    groundDegeneracy: ground ? ground.groundDegeneracy : null,
    expectedEnergy: mean,
    residualEnergy: mean - e0,
    steps: (ss.info.num_sweeps as number | undefined) ?? null,
    numReads: reads,
    wallSeconds: (performance.now() - t0) / 1000,
    duration,
    durationUnit,
    tts99: tts99(duration, p),
    n: bqm.numVariables,
    ...(ss.info.kernel ? { kernel: ss.info.kernel } : {}),
    samplerInfo: { parameters: ss.info.parameters, seed: ss.info.seed, timing: ss.info.timing },
    ...describeResolvedSchedule(resolved),
  };
}

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

/** The kernels of a run in words (gpu.js backends; the float64 statevector kernels and their threads). */
export function kernelDescription(kernel: string, threads: number): string {
  if (kernel === 'gpu.js:webgpu') return 'gpu.js on WebGPU (float32)';
  if (kernel.startsWith('gpu.js:'))
    return `gpu.js ${kernel.slice(7)} backend on the CPU (float32; no WebGPU adapter found)`;
  return `${kernel === 'wasm' ? 'WebAssembly SIMD' : 'TypeScript'} (float64) on ${threads} thread${threads === 1 ? '' : 's'}`;
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
            const resolved = resolveScheduleFlags(opts, bqm, { tau: DEFAULT_TAU });
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
            let row: Record<string, unknown>;
            try {
              row = await runAnnealPoint(bqm, resolved, { ...o, onProgress: progress.update });
            } finally {
              progress.stop();
              await releaseWorkers();
            }
            const ov = row.overlap as { t: number[]; s: number[]; overlap: number[] } | undefined;
            if (typeof opts.svg === 'string' && ov)
              row.svg = writeFileAtomic(
                opts.svg,
                lineChartSvg({
                  title: `Overlap with the instantaneous ground state (${resolved.schedule.name})`,
                  xLabel: `time (${row.dtUnit as string})`,
                  yLabel: '|⟨g(s)|ψ⟩|²',
                  series: [{ name: 'overlap', x: ov.t, y: ov.overlap, markers: true }],
                }),
              );
            emit(
              row,
              { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
              () => {
                const c = row.convergence as
                  | { estimatedError: number | null; converged: boolean | null }
                  | undefined;
                return [
                  `success probability ${(row.successProbability as number).toPrecision(6)} (ground energy ${row.groundEnergy}, degeneracy ${row.groundDegeneracy})`,
                  `⟨H_P⟩ ${(row.expectedEnergy as number).toPrecision(8)}, residual energy ${(row.residualEnergy as number).toPrecision(6)}`,
                  `TTS99 ${row.tts99 === null ? 'undefined (p = 0)' : `${(row.tts99 as number).toPrecision(5)} ${row.durationUnit}`}`,
                  ...(row.method === 'statevector'
                    ? [
                        `${row.steps} steps of dt = ${(row.dt as number).toPrecision(4)} ${row.dtUnit}; estimated error ${c?.estimatedError?.toExponential(1) ?? 'n/a'}${c?.converged === false ? ' (NOT converged: give a smaller --dt)' : ''}`,
                        `kernels: ${kernelDescription(row.kernel as string, row.threads as number)}`,
                      ]
                    : [
                        `${row.numReads} reads, standard error ${(row.successProbabilityStdErr as number).toExponential(2)}`,
                        ...(row.kernel ? [`kernels: ${kernelDescription(row.kernel as string, 1)}`] : []),
                      ]),
                  `wall time ${(row.wallSeconds as number).toFixed(3)} s`,
                ].join('\n');
              },
            );
          },
        ),
      );
  },
};
