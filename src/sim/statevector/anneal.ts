/**
 * Closed-system quantum annealing of a model by second-order Trotter–Suzuki evolution (./plan.ts): the
 * reference every other simulator is judged by.
 *
 * Accuracy: with `dt` (or `steps`) given, the run uses it and, unless `convergenceCheck` is false, repeats at
 * dt/2 and reports the difference. Without them, dt starts from ω·max(Γ, Λ·L) (L: largest local field) and is
 * halved until two runs agree: the finer run's success-probability error ≈ |ΔP|/3 (Richardson, order 2) must
 * be ≤ `tolerance` (1e-4). The result is always the run at the reported `dt`.
 */

import { CapacityError, InputError, ParameterError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../../hamiltonian/compiled.js';
import {
  type AnnealingSchedule,
  type AnnealPath,
  pathTimeToEngineTime,
  sAt,
} from '../../hamiltonian/schedule/types.js';
import { availableGpuMode } from '../gpu.js';
import type { Progress } from '../sampler.js';
import { lanczosGround } from '../spectrum/lanczos.js';
import { defaultThreadCount } from '../threads/pool.js';
import type { ConvergenceReport } from './convergence-report.js';
import { buildDiagonal, type Diagonal } from './diagonal.js';
import { type EvolveKernel, evolve, THREAD_MIN_QUBITS } from './evolve.js';
import { needsLanczosStart, prepareInitialState } from './initial-state.js';
import { checkCapacity, fits, statevectorMemory } from './memory.js';
import { fidelity, type GroundLevel, groundLevel, measure, overlapWithReal } from './observables.js';
import { buildStepPlan, countSteps, MAX_STEPS, pathEngineDuration } from './plan.js';
import { diagonalStep, newLevelTable } from './step.js';
import { createWasmState } from './wasm-kernel.js';

export type { ConvergenceReport } from './convergence-report.js';

export type StatevectorBackend = 'cpu' | 'gpu';
export const STATEVECTOR_BACKENDS: readonly StatevectorBackend[] = ['cpu', 'gpu'];
/** Largest n of the gpu backend: a float32 state of 2^25 amplitudes is 256 MiB, past WebGPU's default 128 MiB binding. */
export const GPU_MAX_QUBITS = 24;

export interface StatevectorAnnealOptions {
  schedule: AnnealingSchedule;
  path: AnnealPath;
  /** Step in engine time (ħ/energy for linear, ns for tables). */
  dt?: number;
  /** Number of steps over the whole path (alternative to dt). */
  steps?: number;
  /** Repeat at dt/2 and compare (default true). */
  convergenceCheck?: boolean;
  /** Target accuracy of the success probability for the automatic dt (default 1e-4). */
  tolerance?: number;
  threads?: number;
  /**
   * 'cpu' (default): the float64 WASM/TypeScript kernels on `threads`; 'gpu': the gpu.js kernels in single
   * precision, on WebGPU where an adapter exists, else on gpu.js's WebAssembly backend (CPU).
   */
  backend?: StatevectorBackend;
  /** Overlap with the instantaneous ground state at this many evenly spaced times (n ≤ 20). */
  overlapPoints?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Return the final amplitudes (interleaved re, im). */
  keepState?: boolean;
}

export interface StatevectorAnnealResult {
  method: 'statevector';
  n: number;
  successProbability: number;
  groundEnergy: number;
  groundDegeneracy: number;
  expectedEnergy: number;
  residualEnergy: number;
  steps: number;
  /** Largest step used, engine time units. */
  dt: number;
  timeUnit: AnnealingSchedule['timeUnit'];
  energyUnit: AnnealingSchedule['energyUnit'];
  schedule: string;
  /** Path duration in engine time units. */
  duration: number;
  wallSeconds: number;
  threads: number;
  /** The kernels that ran: 'wasm' or 'ts' (float64, backend cpu), 'gpu.js:webgpu' or 'gpu.js:webasm' (float32). */
  kernel: EvolveKernel;
  initialState: 'plus' | 'ground' | 'classical';
  convergence: ConvergenceReport;
  overlap?: { t: number[]; s: number[]; overlap: number[] };
  /** Final amplitudes, interleaved (keepState). */
  state?: Float64Array;
}

/** ω·max(Γ, Λ·L) over the path's s range: the fastest phase rate, per engine time unit. */
export function energyRate(model: CompiledModel, schedule: AnnealingSchedule): number {
  let L = 0;
  for (let i = 0; i < model.n; i++) {
    let f = Math.abs(model.linear[i]!);
    for (let p = model.rowPtr[i]!; p < model.rowPtr[i + 1]!; p++) f += Math.abs(model.weights[p]!);
    if (f > L) L = f;
  }
  let rate = 0;
  for (let j = 0; j <= 100; j++) {
    const s = j / 100;
    rate = Math.max(rate, Math.abs(schedule.transverse(s)), Math.abs(schedule.problem(s)) * L);
  }
  return schedule.angularFactor * (rate || 1);
}

/** The automatic first step: a quarter radian at the fastest rate. */
export function defaultDt(model: CompiledModel, schedule: AnnealingSchedule): number {
  return 0.25 / energyRate(model, schedule);
}

/**
 * Refuses, before any run, an automatic step the step limit cannot carry: the checked search needs at least the
 * run at `dt` and one at dt/2. (Without this, a model with a huge energy scale ran a whole coarse anneal and then
 * failed on a dt the user never gave.)
 */
function checkAutomaticStep(path: AnnealPath, dt: number, checked: boolean, unit: string): void {
  const steps = countSteps(path, checked ? dt / 2 : dt);
  if (steps <= MAX_STEPS) return;
  throw new ParameterError(
    `dt: the automatic step for this model is ${dt.toPrecision(3)} ${unit} (a quarter of the inverse of its ` +
      `largest energy rate), so ${checked ? 'the accuracy-checked anneal' : 'the anneal'} would take ${steps} ` +
      `steps (at most ${MAX_STEPS}): the model's energy scale is too large for this anneal duration; rescale ` +
      'its biases, shorten the anneal, or give dt or steps yourself',
    { field: 'dt' },
  );
}

interface RunOutput {
  amps: Float64Array;
  steps: number;
  dt: number;
  successProbability: number;
  expectedEnergy: number;
  overlap?: { t: number[]; s: number[]; overlap: number[] };
}

/** Anneals a BQM (converted to SPIN). */
export async function annealStatevector(
  bqm: BinaryQuadraticModel,
  opts: StatevectorAnnealOptions,
): Promise<StatevectorAnnealResult> {
  return annealCompiled(compileModel(bqm, 'SPIN'), opts);
}

export async function annealCompiled(
  model: CompiledModel,
  opts: StatevectorAnnealOptions,
): Promise<StatevectorAnnealResult> {
  const t0 = performance.now();
  const { schedule, path } = opts;
  const n = model.n;
  if (opts.dt !== undefined && !(Number.isFinite(opts.dt) && opts.dt > 0))
    throw new ParameterError(`dt: ${opts.dt} must be a finite number > 0 (${schedule.timeUnit})`, {
      field: 'dt',
    });
  if (
    opts.steps !== undefined &&
    !(Number.isInteger(opts.steps) && opts.steps >= 1 && opts.steps <= MAX_STEPS)
  )
    throw new ParameterError(`steps: ${opts.steps} must be an integer in [1, ${MAX_STEPS}]`, {
      field: 'steps',
    });
  if (opts.dt !== undefined && opts.steps !== undefined)
    throw new InputError('give either dt or steps, not both', { field: 'dt' });
  const overlapPoints = opts.overlapPoints ?? 0;
  if (overlapPoints > 0 && n > 20)
    throw new ParameterError(
      `overlap points: instantaneous ground states are computed for n ≤ 20 only (n = ${n})`,
      {
        field: 'overlap_points',
      },
    );
  const check = opts.convergenceCheck ?? true;
  const tolerance = opts.tolerance ?? 1e-4;
  const backend = opts.backend ?? 'cpu';
  if (backend === 'gpu' && n > GPU_MAX_QUBITS)
    throw new CapacityError(
      `backend gpu: ${n} qubits need a ${2 ** (n - 27)} GiB float32 state, past the ${GPU_MAX_QUBITS}-qubit limit of one WebGPU buffer; use backend cpu`,
      { field: 'backend' },
    );
  const gpu = backend === 'gpu' ? await availableGpuMode() : undefined;
  const threadsWanted = Math.max(1, opts.threads ?? defaultThreadCount());
  const threads = n >= THREAD_MIN_QUBITS && !gpu ? threadsWanted : 1;
  const shared = threads > 1;
  const lanczos = needsLanczosStart(schedule, path);
  checkCapacity(n, statevectorMemory(n, { lanczosStart: lanczos }));
  const keepPrevious =
    check && fits(statevectorMemory(n, { lanczosStart: lanczos, keepPrevious: true }).total);

  // the state and the diagonal's levels in a shared wasm memory for the WASM SIMD kernels where they run
  // (n ≤ 27), else an ordinary buffer for the TypeScript kernels
  const ws = createWasmState(n, threads);
  const diag = buildDiagonal(model, { shared, ...(ws ? { levelArray: ws.levels } : {}) });
  const ground = groundLevel(diag);
  const N = 2 ** n;
  const amps = ws?.amps ?? new Float64Array(shared ? new SharedArrayBuffer(16 * N) : new ArrayBuffer(16 * N));
  let initialKind: 'plus' | 'ground' | 'classical' = 'plus';
  let runs = 0;
  let stepsTotalDone = 0;
  let kernel: EvolveKernel = 'ts';

  const run = async (dt: number, label: string, withOverlap: boolean): Promise<RunOutput> => {
    const plan = buildStepPlan(schedule, path, dt, { shared });
    initialKind = prepareInitialState(amps, n, diag, schedule, path).kind;
    runs++;
    const checkpoints: number[] = [];
    const overlap = { t: [] as number[], s: [] as number[], overlap: [] as number[] };
    if (withOverlap)
      for (let j = 1; j <= overlapPoints; j++)
        checkpoints.push(Math.max(1, Math.round((j * plan.steps) / overlapPoints)));
    const table = newLevelTable(diag);
    const ran = await evolve(amps, n, diag, plan, {
      threads,
      ...(gpu ? { gpu } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (done, total) =>
        opts.onProgress?.({ done: stepsTotalDone + done, total: stepsTotalDone + total, label }),
      checkpoints,
      onCheckpoint: (k) => {
        const half = plan.halfPhi[k - 1]!;
        diagonalStep(amps, n, diag, table, half);
        const t = plan.tEnd[k - 1]!;
        const s = sAt(path, t / pathTimeToEngineTime(path));
        overlap.t.push(t);
        overlap.s.push(s);
        overlap.overlap.push(instantaneousOverlap(amps, n, diag, ground, schedule, s));
        diagonalStep(amps, n, diag, table, -half);
      },
    });
    stepsTotalDone += plan.steps;
    kernel = ran.kernel;
    const m = measure(amps, diag, ground);
    return {
      amps,
      steps: plan.steps,
      dt: plan.dtMax,
      successProbability: m.successProbability,
      expectedEnergy: m.expectedEnergy,
      ...(withOverlap ? { overlap } : {}),
    };
  };

  const duration = pathEngineDuration(path);
  let result: RunOutput;
  let conv: ConvergenceReport;
  const copyOf = (r: RunOutput): RunOutput => ({
    ...r,
    amps: keepPrevious ? Float64Array.from(r.amps) : r.amps,
  });
  if (opts.dt !== undefined || opts.steps !== undefined) {
    const dt = opts.dt ?? duration / opts.steps!;
    result = copyOf(await run(dt, 'anneal', overlapPoints > 0));
    if (check) {
      const half = await run(dt / 2, 'convergence check (dt/2)', false);
      const dP = Math.abs(result.successProbability - half.successProbability);
      conv = {
        checked: true,
        dtCompared: half.dt,
        deltaSuccessProbability: dP,
        deltaExpectedEnergy: Math.abs(result.expectedEnergy - half.expectedEnergy),
        fidelity: keepPrevious ? fidelity(result.amps, half.amps) : null,
        estimatedError: (4 / 3) * dP,
        tolerance,
        converged: (4 / 3) * dP <= tolerance,
        runs,
      };
    } else conv = unchecked(tolerance, runs);
  } else {
    let dt = Math.min(defaultDt(model, schedule), duration);
    checkAutomaticStep(path, dt, check, schedule.timeUnit);
    if (!check) {
      result = await run(dt, 'anneal', overlapPoints > 0);
      conv = unchecked(tolerance, runs);
    } else {
      let coarse = copyOf(await run(dt, `anneal dt=${dt.toPrecision(3)}`, false));
      for (;;) {
        dt /= 2;
        const fine = await run(dt, `anneal dt=${dt.toPrecision(3)}`, false);
        const dP = Math.abs(coarse.successProbability - fine.successProbability);
        const done = dP / 3 <= tolerance;
        const tooMany = fine.steps * 2 > MAX_STEPS || runs >= 14;
        if (done || tooMany) {
          const fid = keepPrevious ? fidelity(coarse.amps, fine.amps) : null;
          result = fine;
          conv = {
            checked: true,
            dtCompared: coarse.dt,
            deltaSuccessProbability: dP,
            deltaExpectedEnergy: Math.abs(coarse.expectedEnergy - fine.expectedEnergy),
            fidelity: fid,
            estimatedError: dP / 3,
            tolerance,
            converged: done,
            runs,
          };
          break;
        }
        coarse = copyOf(fine);
      }
      if (overlapPoints > 0) {
        // the overlap track at the converged step
        const fine = await run(result.dt, 'overlap', true);
        result = { ...result, ...(fine.overlap ? { overlap: fine.overlap } : {}) };
        conv.runs = runs;
      }
    }
  }
  return {
    method: 'statevector',
    n,
    successProbability: result.successProbability,
    groundEnergy: ground.groundEnergy,
    groundDegeneracy: ground.groundDegeneracy,
    expectedEnergy: result.expectedEnergy,
    residualEnergy: result.expectedEnergy - ground.groundEnergy,
    steps: result.steps,
    dt: result.dt,
    timeUnit: schedule.timeUnit,
    energyUnit: schedule.energyUnit,
    schedule: schedule.name,
    duration,
    wallSeconds: (performance.now() - t0) / 1000,
    threads,
    kernel,
    initialState: initialKind,
    convergence: conv,
    ...(result.overlap ? { overlap: result.overlap } : {}),
    ...(opts.keepState ? { state: result.amps === amps ? Float64Array.from(amps) : result.amps } : {}),
  };
}

function unchecked(tolerance: number, runs: number): ConvergenceReport {
  return {
    checked: false,
    dtCompared: null,
    deltaSuccessProbability: null,
    deltaExpectedEnergy: null,
    fidelity: null,
    estimatedError: null,
    tolerance,
    converged: null,
    runs,
  };
}

/**
 * |⟨g(s)|ψ⟩|² with g(s) the ground state of H(s); where Γ(s) = 0 the ground space of H_P is degenerate and the
 * whole ground space counts (the success probability).
 */
function instantaneousOverlap(
  amps: Float64Array,
  n: number,
  diag: Diagonal,
  ground: GroundLevel,
  schedule: AnnealingSchedule,
  s: number,
): number {
  const gamma = schedule.transverse(s);
  const lambda = schedule.problem(s);
  if (gamma === 0) return measure(amps, diag, ground).successProbability;
  const g = lanczosGround(n, diag, gamma, lambda, { tol: 1e-10 });
  return overlapWithReal(amps, g.vector);
}
