/**
 * One anneal of a model along a path, and what it achieved: the success probability (probability on the
 * ground set of H_P), ⟨H_P⟩, the residual energy and TTS99. The one place this is computed: `qaxai anneal`,
 * the points of `qaxai study` and the web lab's anneal and study jobs all call {@link annealPoint} and only
 * format its result ({@link AnnealPoint}, ./anneal-point-result.ts).
 *
 * statevector: exact Schrödinger evolution (src/sim/statevector), with its step and convergence check.
 * pimc: the path-integral Monte Carlo sampler (src/sim/mc); the success probability is the fraction of reads
 * in the ground set, with its binomial standard error. The ground level is enumerated (n ≤ 26) as the
 * statevector engine does; past that it is the lowest energy seen (`groundEnergyExact: false`).
 */

import { InputError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { compileModel } from '../hamiltonian/compiled.js';
import type { SampleSet } from '../hamiltonian/sample-set.js';
import type { AnnealingSchedule, AnnealPath } from '../hamiltonian/schedule/types.js';
import { PimcSampler } from '../sim/mc/pimc-sampler.js';
import type { SampleParams, Sampler } from '../sim/sampler.js';
import { annealCompiled, type StatevectorAnnealOptions } from '../sim/statevector/anneal.js';
import { buildDiagonal } from '../sim/statevector/diagonal.js';
import { type GroundLevel, groundLevel } from '../sim/statevector/observables.js';
import { energiesEqual } from '../sim/statevector/problem-energies.js';
import type {
  AnnealMethod,
  AnnealPoint,
  AnnealPointPath,
  DurationUnit,
  PimcAnnealPoint,
  StatevectorAnnealPoint,
} from './anneal-point-result.js';

export * from './anneal-point-result.js';

/** Largest n whose ground level pimc points enumerate (2^26 energies, 512 MiB). */
export const PIMC_EXACT_GROUND_MAX_QUBITS = 26;
/** pimc reads when `numReads` is not given. */
export const DEFAULT_PIMC_READS = 100;

/**
 * The statevector engine's options (dt and steps in engine time, the convergence check, overlap points; see
 * {@link StatevectorAnnealOptions}); threads, backend, signal and progress serve pimc too.
 */
export interface AnnealPointOptions
  extends Pick<
    StatevectorAnnealOptions,
    | 'dt'
    | 'steps'
    | 'convergenceCheck'
    | 'tolerance'
    | 'threads'
    | 'backend'
    | 'overlapPoints'
    | 'signal'
    | 'onProgress'
  > {
  method: AnnealMethod;
  /** pimc: reads (default {@link DEFAULT_PIMC_READS}). */
  numReads?: number;
  /** pimc: random seed. */
  seed?: number;
  /** pimc: temperature in mK (D-Wave schedules). */
  temperature?: number;
  /** pimc: inverse temperature (linear). */
  beta?: number;
  /** pimc: Trotter slices. */
  numSlices?: number;
}

/** A schedule and the path to follow, in the schedule's user unit (µs for tables, τ for linear). */
export interface AnnealPointPlan {
  schedule: AnnealingSchedule;
  path: AnnealPath;
}

/** TTS99 = t·ln(0.01)/ln(1 − p): t when p ≥ 0.99, null when p = 0. */
export function tts99(duration: number, p: number): number | null {
  if (!(p > 0)) return null;
  if (p >= 0.99) return duration;
  return (duration * Math.log(0.01)) / Math.log(1 - p);
}

/** The schedule and path of a plan as the JSON keys of a point. */
export function describeAnnealPath({ schedule, path }: AnnealPointPlan): AnnealPointPath {
  return {
    schedule: schedule.name,
    energyUnit: schedule.energyUnit,
    pathKind: path.kind,
    timeUnit: path.timeUnit,
    annealPath: path.points.map((p) => [p[0], p[1]]),
    duration: path.points[path.points.length - 1]![0],
    ...(path.initialState ? { initialState: Array.from(path.initialState) } : {}),
  };
}

/** The unit of a path's times in words. */
export function durationUnitOf(path: AnnealPath): DurationUnit {
  return path.timeUnit === 'us' ? 'µs' : 'τ';
}

/** The exact ground level of H_P when it can be enumerated ({@link PIMC_EXACT_GROUND_MAX_QUBITS}), else undefined. */
export function exactGroundLevel(bqm: BinaryQuadraticModel): GroundLevel | undefined {
  if (bqm.numVariables > PIMC_EXACT_GROUND_MAX_QUBITS) return undefined;
  return groundLevel(buildDiagonal(compileModel(bqm, 'SPIN')));
}

/** One anneal and its figures of merit. */
export async function annealPoint(
  bqm: BinaryQuadraticModel,
  plan: AnnealPointPlan,
  o: AnnealPointOptions,
): Promise<AnnealPoint> {
  return (await annealPointWithSamples(bqm, plan, o)).point;
}

/** {@link annealPoint}, with the sample set of the reads for pimc (null for statevector). */
export async function annealPointWithSamples(
  bqm: BinaryQuadraticModel,
  plan: AnnealPointPlan,
  o: AnnealPointOptions,
): Promise<{ point: AnnealPoint; sampleSet: SampleSet | null }> {
  if (o.method === 'statevector') return { point: await statevectorPoint(bqm, plan, o), sampleSet: null };
  return pimcPoint(bqm, plan, o);
}

async function statevectorPoint(
  bqm: BinaryQuadraticModel,
  plan: AnnealPointPlan,
  o: AnnealPointOptions,
): Promise<StatevectorAnnealPoint> {
  const { schedule, path } = plan;
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
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  // the keys in the order of `qaxai anneal --json`: the path's last, those already named keep their place
  const { energyUnit, duration, initialState, ...pathKeys } = describeAnnealPath(plan);
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
    energyUnit,
    duration,
    durationUnit: durationUnitOf(path),
    tts99: tts99(duration, r.successProbability),
    convergence: r.convergence,
    initialState: initialState ?? r.initialState,
    threads: r.threads,
    kernel: r.kernel,
    n: r.n,
    ...(r.overlap ? { overlap: r.overlap } : {}),
    ...pathKeys,
  };
}

async function pimcPoint(
  bqm: BinaryQuadraticModel,
  plan: AnnealPointPlan,
  o: AnnealPointOptions,
): Promise<{ point: PimcAnnealPoint; sampleSet: SampleSet }> {
  const { schedule, path } = plan;
  if (schedule.name.startsWith('csv:'))
    throw new InputError(
      `schedule: method pimc takes a named schedule (linear or a D-Wave solver), not a CSV file (${schedule.name})`,
      { field: 'schedule' },
    );
  const t0 = performance.now();
  const params: SampleParams = {
    schedule: schedule.name,
    anneal_schedule: path.points.map(([t, s]) => [t, s]),
    num_reads: o.numReads ?? DEFAULT_PIMC_READS,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.beta !== undefined ? { beta: o.beta } : {}),
    ...(o.numSlices !== undefined ? { num_slices: o.numSlices } : {}),
    ...(path.initialState ? { initial_state: Array.from(path.initialState) } : {}),
    ...(o.backend === 'gpu' ? { backend: 'gpu' } : {}),
  };
  const sampler: Sampler = new PimcSampler(o.threads);
  let ss: SampleSet;
  try {
    ss = await sampler.sample(bqm, params, {
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
  } finally {
    await sampler.close?.();
  }
  const energy = ss.energy;
  const occ = ss.numOccurrences;
  let reads = 0;
  let mean = 0;
  let minSeen = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ss.numRows; r++) {
    reads += occ[r]!;
    mean += occ[r]! * energy[r]!;
    if (energy[r]! < minSeen) minSeen = energy[r]!;
  }
  mean /= reads;
  const ground = exactGroundLevel(bqm);
  const e0 = ground ? ground.groundEnergy : minSeen;
  let hits = 0;
  for (let r = 0; r < ss.numRows; r++) if (energy[r]! <= e0 || energiesEqual(e0, energy[r]!)) hits += occ[r]!;
  const p = hits / reads;
  const { duration, ...pathKeys } = describeAnnealPath(plan);
  const point: PimcAnnealPoint = {
    method: 'pimc',
    successProbability: p,
    successProbabilityStdErr: Math.sqrt((p * (1 - p)) / reads),
    groundEnergy: e0,
    groundEnergyExact: ground !== undefined,
    groundDegeneracy: ground ? ground.groundDegeneracy : null,
    expectedEnergy: mean,
    residualEnergy: mean - e0,
    steps: sweepsOf(ss),
    numReads: reads,
    wallSeconds: (performance.now() - t0) / 1000,
    duration,
    durationUnit: durationUnitOf(path),
    tts99: tts99(duration, p),
    n: bqm.numVariables,
    ...(ss.info.kernel ? { kernel: ss.info.kernel as string } : {}),
    samplerInfo: { parameters: ss.info.parameters, seed: ss.info.seed, timing: ss.info.timing },
    ...pathKeys,
  };
  return { point, sampleSet: ss };
}

/** Monte Carlo sweeps of a PIMC run (the sampler reports them in info.schedule). */
function sweepsOf(ss: SampleSet): number | null {
  const sweeps = (ss.info.schedule as { num_sweeps?: unknown } | undefined)?.num_sweeps;
  return typeof sweeps === 'number' ? sweeps : null;
}
