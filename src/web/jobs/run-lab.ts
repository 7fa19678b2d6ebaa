/**
 * The anneal lab's jobs, run inside a job worker: gap (spectrum scan), anneal (statevector or pimc along a
 * path), study (success probability and TTS99 versus annealing time) and sample (any registered sampler).
 */

import { CancelledError, InputError } from '../../errors.js';
import { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { bqmFromDimodJson } from '../../hamiltonian/io/dimod-bqm.js';
import { sampleSetToDimodJson } from '../../hamiltonian/io/dimod-sampleset.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { getSchedule } from '../../hamiltonian/schedule/catalog.js';
import { forwardPath, pausePath, quenchPath, reversePath } from '../../hamiltonian/schedule/paths.js';
import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import type { Progress } from '../../sim/sampler.js';
import { type AnnealPoint, annealPointWithSamples } from '../../studies/anneal-point.js';
import { webSamplers } from '../samplers.js';
import type { AnnealJobResult, SampleJobResult, StudyJobResult, StudyJobRow } from './lab-results.js';
import type { AnnealInput, GapInput, PathSpec, ProblemInput, SampleInput, StudyInput } from './protocol.js';
import { spectrumScan } from './spectrum-scan.js';

export interface JobContext {
  signal: AbortSignal;
  onProgress: (p: Progress) => void;
}

/** The problem's BQM, its variables in the model's own order (the dimod document lists them sorted). */
export function problemBqm(p: ProblemInput): BinaryQuadraticModel {
  const sorted = bqmFromDimodJson(p.dimod);
  if (!p.labels) return sorted;
  const bqm = new BinaryQuadraticModel(sorted.vartype, sorted.offset);
  for (const l of p.labels) bqm.addLinear(l, sorted.getLinear(l));
  const v = sorted.variables;
  for (const [i, j, b] of sorted.interactions()) bqm.addQuadratic(v.at(i), v.at(j), b);
  return bqm;
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

/** The anneal point of a job, with the pimc reads as a dimod SampleSet. */
async function annealJob(
  bqm: BinaryQuadraticModel,
  input: AnnealInput,
  ctx: JobContext,
): Promise<{ point: AnnealPoint; sampleSet: SampleSet | null }> {
  const schedule = getSchedule(input.schedule);
  return annealPointWithSamples(
    bqm,
    { schedule, path: buildPath(input.path, schedule, bqm) },
    {
      method: input.method,
      ...(input.dt !== undefined ? { dt: input.dt } : {}),
      ...(input.backend ? { backend: input.backend } : {}),
      numReads: input.numReads,
      seed: input.seed,
      ...(input.beta !== undefined ? { beta: input.beta } : {}),
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    },
  );
}

export async function runAnneal(input: AnnealInput, ctx: JobContext): Promise<AnnealJobResult> {
  const { point, sampleSet } = await annealJob(problemBqm(input.problem), input, ctx);
  return {
    problem: input.problem.name,
    ...point,
    ...(sampleSet ? { sampleSet: sampleSetToDimodJson(sampleSet) } : {}),
  };
}

export async function runStudy(input: StudyInput, ctx: JobContext): Promise<StudyJobResult> {
  const bqm = problemBqm(input.problem);
  const schedule = getSchedule(input.schedule);
  const rows: StudyJobRow[] = [];
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
    const { point } = await annealJob(bqm, { ...input, path: withDuration(input.path, t) }, sub);
    rows.push({ annealingTime: t, ...point });
    ctx.onProgress({ done: (i + 1) * 1000, total: total * 1000, label: `annealing time ${t} done` });
  }
  const ghz = schedule.energyUnit === 'GHz';
  return {
    problem: input.problem.name,
    method: input.method,
    schedule: schedule.name,
    timeUnit: ghz ? 'us' : 'tau',
    durationUnit: ghz ? 'µs' : 'τ',
    rows,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}

export async function runSample(input: SampleInput, ctx: JobContext): Promise<SampleJobResult> {
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
      lowestEnergy: lowest >= 0 ? (ss.energy[lowest] ?? null) : null,
      sampleSet: sampleSetToDimodJson(ss),
    };
  } finally {
    await sampler.close?.();
  }
}
