/**
 * The anneal lab's jobs, run inside a job worker: gap (spectrum scan), anneal (statevector or pimc along a
 * path), study (success probability and TTS99 versus annealing time) and sample (any registered sampler).
 */

import { CancelledError, InputError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { bqmFromDimodJson } from '../../hamiltonian/io/dimod-bqm.js';
import { sampleSetToDimodJson } from '../../hamiltonian/io/dimod-sampleset.js';
import { getSchedule } from '../../hamiltonian/schedule/catalog.js';
import { forwardPath, pausePath, quenchPath, reversePath } from '../../hamiltonian/schedule/paths.js';
import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import { ExactSolver } from '../../sim/exact/exact-sampler.js';
import { PimcSampler } from '../../sim/mc/pimc-sampler.js';
import type { Progress } from '../../sim/sampler.js';
import { annealStatevector } from '../../sim/statevector/anneal.js';
import { energiesEqual } from '../../sim/statevector/problem-energies.js';
import { webSamplers } from '../samplers.js';
import type { AnnealInput, GapInput, PathSpec, ProblemInput, SampleInput, StudyInput } from './protocol.js';
import { spectrumScan } from './spectrum-scan.js';

export interface JobContext {
  signal: AbortSignal;
  onProgress: (p: Progress) => void;
}

export function problemBqm(p: ProblemInput): BinaryQuadraticModel {
  return bqmFromDimodJson(p.dimod);
}

/** The anneal path of a spec in the schedule's user unit (τ for linear, µs for tables). */
export function buildPath(
  spec: PathSpec,
  schedule: AnnealingSchedule,
  bqm: BinaryQuadraticModel,
): AnnealPath {
  const unit = schedule.energyUnit === 'GHz' ? 'us' : 'tau';
  switch (spec.kind) {
    case 'forward':
      return forwardPath(spec.duration, unit);
    case 'pause':
      return pausePath({
        duration: spec.duration,
        sPause: spec.sPause,
        pauseDuration: spec.pauseDuration,
        unit,
      });
    case 'quench':
      return quenchPath({
        duration: spec.duration,
        sQuench: spec.sQuench,
        quenchDuration: spec.quenchDuration,
        unit,
      });
    case 'reverse': {
      const n = bqm.numVariables;
      if (spec.initialState.length !== n)
        throw new InputError(
          `path.initialState: has ${spec.initialState.length} values but the problem has ${n} variables`,
          { field: 'path.initialState' },
        );
      const binary = bqm.vartype === 'BINARY';
      const state = Int8Array.from(spec.initialState, (v, i) => {
        const ok = binary ? v === 0 || v === 1 : v === 1 || v === -1;
        if (!ok)
          throw new InputError(
            `path.initialState[${i}]: ${v} is not ${binary ? '0 or 1 (BINARY problem)' : '−1 or +1'}`,
            { field: `path.initialState[${i}]` },
          );
        return binary ? (v === 1 ? 1 : -1) : v;
      });
      return reversePath({
        sTarget: spec.sTarget,
        pauseDuration: spec.pauseDuration,
        rampDuration: spec.rampDuration,
        initialState: state,
        unit,
      });
    }
  }
}

/** A spec with its duration replaced (studies sweep the annealing time). */
export function withDuration(spec: PathSpec, t: number): PathSpec {
  return spec.kind === 'reverse' ? { ...spec, rampDuration: t } : { ...spec, duration: t };
}

export async function runGap(input: GapInput, ctx: JobContext): Promise<unknown> {
  const bqm = problemBqm(input.problem);
  const schedule = getSchedule(input.schedule);
  const r = await spectrumScan(bqm, {
    schedule,
    points: input.points,
    levels: input.levels,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
  });
  return { problem: input.problem.name, ...r };
}

function pathRecord(path: AnnealPath): Record<string, unknown> {
  return { kind: path.kind, timeUnit: path.timeUnit, points: path.points.map((p) => [p[0], p[1]]) };
}

/** TTS99 = t ln(0.01)/ln(1 − p): t when p ≥ 0.99, null when p = 0. */
export function tts99(t: number, p: number): number | null {
  if (!(p > 0)) return null;
  if (p >= 0.99) return t;
  return (t * Math.log(0.01)) / Math.log(1 - p);
}

async function annealOnce(
  bqm: BinaryQuadraticModel,
  input: AnnealInput,
  ctx: JobContext,
  groundEnergy: () => Promise<{ energy: number; degeneracy: number }>,
): Promise<Record<string, unknown>> {
  const schedule = getSchedule(input.schedule);
  const path = buildPath(input.path, schedule, bqm);
  if (input.method === 'statevector') {
    const r = await annealStatevector(bqm, {
      schedule,
      path,
      ...(input.dt !== undefined ? { dt: input.dt } : {}),
      ...(input.backend ? { backend: input.backend } : {}),
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    });
    const { state: _state, ...rest } = r;
    return { ...rest, path: pathRecord(path) };
  }
  const t0 = performance.now();
  const sampler = new PimcSampler();
  try {
    const ss = await sampler.sample(
      bqm,
      {
        schedule: input.schedule,
        anneal_schedule: path.points.map((p) => [p[0], p[1]]),
        ...(path.initialState ? { initial_state: Array.from(path.initialState) } : {}),
        num_reads: input.numReads,
        seed: input.seed,
        ...(input.beta !== undefined ? { beta: input.beta } : {}),
        ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
        ...(input.backend === 'gpu' ? { backend: 'gpu' } : {}),
      },
      { signal: ctx.signal, onProgress: ctx.onProgress },
    );
    const g = await groundEnergy();
    const energy = ss.energy;
    const occ = ss.numOccurrences;
    let hits = 0;
    let mean = 0;
    let reads = 0;
    for (let r = 0; r < ss.numRows; r++) {
      reads += occ[r]!;
      mean += occ[r]! * energy[r]!;
      if (energiesEqual(g.energy, energy[r]!)) hits += occ[r]!;
    }
    mean /= reads || 1;
    return {
      method: 'pimc',
      n: bqm.numVariables,
      successProbability: hits / (reads || 1),
      groundEnergy: g.energy,
      groundDegeneracy: g.degeneracy,
      expectedEnergy: mean,
      residualEnergy: mean - g.energy,
      reads,
      ...(ss.info.kernel ? { kernel: ss.info.kernel } : {}),
      schedule: schedule.name,
      sweeps: (ss.info.schedule as { num_sweeps?: number } | undefined)?.num_sweeps ?? null,
      steps: (ss.info.schedule as { num_sweeps?: number } | undefined)?.num_sweeps ?? null,
      wallSeconds: (performance.now() - t0) / 1000,
      path: pathRecord(path),
      sampleSet: sampleSetToDimodJson(ss),
    };
  } finally {
    await (sampler as { close?: () => Promise<void> }).close?.();
  }
}

function groundOf(bqm: BinaryQuadraticModel): () => Promise<{ energy: number; degeneracy: number }> {
  let cached: { energy: number; degeneracy: number } | undefined;
  return async () => {
    if (!cached) {
      const ss = await new ExactSolver(1).sample(bqm, { num_states: 1 });
      cached = {
        energy: ss.info.ground_energy as number,
        degeneracy: ss.info.ground_degeneracy as number,
      };
    }
    return cached;
  };
}

export async function runAnneal(input: AnnealInput, ctx: JobContext): Promise<unknown> {
  const bqm = problemBqm(input.problem);
  const r = await annealOnce(bqm, input, ctx, groundOf(bqm));
  return { problem: input.problem.name, ...r };
}

export async function runStudy(input: StudyInput, ctx: JobContext): Promise<unknown> {
  const bqm = problemBqm(input.problem);
  const ground = groundOf(bqm);
  const schedule = getSchedule(input.schedule);
  const rows: Record<string, unknown>[] = [];
  const total = input.durations.length;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    if (ctx.signal.aborted) throw new CancelledError('study cancelled');
    const t = input.durations[i]!;
    const sub: JobContext = {
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.onProgress({
          done: i * 1000 + Math.round((1000 * p.done) / (p.total || 1)),
          total: total * 1000,
          label: `annealing time ${t} (${i + 1} of ${total})`,
        }),
    };
    const r = await annealOnce(bqm, { ...input, path: withDuration(input.path, t) }, sub, ground);
    const { sampleSet: _ss, ...row } = r;
    const pathEnd = ((r.path as { points: number[][] }).points.at(-1) ?? [t])[0]!;
    const p = r.successProbability as number;
    rows.push({ annealingTime: t, totalTime: pathEnd, ...row, tts99: tts99(pathEnd, p) });
    ctx.onProgress({ done: (i + 1) * 1000, total: total * 1000, label: `annealing time ${t} done` });
  }
  return {
    problem: input.problem.name,
    method: input.method,
    schedule: schedule.name,
    timeUnit: schedule.energyUnit === 'GHz' ? 'us' : 'tau',
    rows,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}

export async function runSample(input: SampleInput, ctx: JobContext): Promise<unknown> {
  const bqm = problemBqm(input.problem);
  const sampler = await webSamplers.create(input.sampler, input.solver ? { solver: input.solver } : {});
  try {
    const ss = await sampler.sample(bqm, input.params, { signal: ctx.signal, onProgress: ctx.onProgress });
    const lowest = ss.lowestIndex();
    return {
      problem: input.problem.name,
      sampler: sampler.name,
      numRows: ss.numRows,
      totalReads: ss.totalReads,
      lowestEnergy: lowest >= 0 ? ss.energy[lowest] : null,
      sampleSet: sampleSetToDimodJson(ss),
    };
  } finally {
    await sampler.close?.();
  }
}
