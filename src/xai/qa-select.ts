/**
 * Solving one image's feature-selection QUBO with any qaxai Sampler, the paper's way: ask for d² reads
 * (`num_reads`) and keep the lowest-energy bit string; the selected maps are the kept maps whose bit is 1.
 * Parameters are offered by Ocean name and only those the sampler declares are sent (the paper's setting
 * for statevector: schedule linear, tau 50, dt 0.01), so the same call works for exact, sa, pimc,
 * statevector, qpu-sim and leap. An optional {@link AnnealAnalyzer} adds the per-image physics (minimum
 * gap, where it falls, success probability F).
 */

import { CancelledError } from '../errors.js';
import { Rng } from '../sim/rng.js';
import type { SampleParams, Sampler } from '../sim/sampler.js';
import type { AnnealAnalyzer, AnnealStats } from './anneal-stats.js';
import type { FeatureQubo } from './qubo.js';

export interface QaSolveOptions {
  sampler: Sampler;
  /** Annealing time τ (units ħ/energy, linear schedule). Paper: 50. */
  tau?: number;
  /** Time step (paper: 0.01). */
  dt?: number;
  /** Reads per image: a number, or a function of d (default d², the paper's n_shots). */
  reads?: number | ((d: number) => number);
  /** Extra sampler parameters (override the offered ones; sent only when declared). */
  params?: SampleParams;
  seed: number;
  analyzer?: AnnealAnalyzer;
  signal?: AbortSignal;
}

export interface QaSelection {
  /** Selected map indices (into the layer's N_f maps), ascending. */
  selected: number[];
  /** Energy of the kept bit string (null when d = 0). */
  energy: number | null;
  sampler: string;
  /** Parameters sent to the sampler. */
  parameters: SampleParams;
  /** Offered parameters the sampler does not take (so the reader knows what did not apply). */
  notApplicable: string[];
  reads: number;
  annealing: AnnealStats | null;
  /** Set when there was nothing to solve (d = 0). */
  note?: string;
}

/**
 * The parameters offered to a sampler for a d-variable problem, by Ocean name: d² reads (the paper's
 * shots) and a seed for every sampler, one state for samplers that take `num_states` (exact), and for statevector the paper's setting
 * (linear schedule, annealing_time τ, dt, no convergence re-run). `params` overrides them.
 */
export function offeredParameters(d: number, o: QaSolveOptions, seed: number): SampleParams {
  const reads = typeof o.reads === 'function' ? o.reads(d) : (o.reads ?? Math.max(1, d * d));
  const paper =
    o.sampler.name === 'statevector'
      ? { schedule: 'linear', annealing_time: o.tau ?? 50, dt: o.dt ?? 0.01, convergence_check: false }
      : {};
  // num_states only for samplers that take it (exact): offering it to the others only produced a
  // 'not taken: num_states' line that said nothing
  const states = 'num_states' in o.sampler.parameters ? { num_states: 1 } : {};
  return { num_reads: reads, ...states, seed, ...paper, ...o.params };
}

/** Per-image seed derived from the run seed and the image index. */
export function imageSeed(seed: number, index: number): number {
  return Rng.fromSeed(seed, index).nextUint32();
}

export async function solveFeatureQubo(
  q: FeatureQubo,
  o: QaSolveOptions,
  index: number,
): Promise<QaSelection> {
  if (o.signal?.aborted) throw new CancelledError('explanation cancelled');
  if (q.d === 0)
    return {
      selected: [],
      energy: null,
      sampler: o.sampler.name,
      parameters: {},
      notApplicable: [],
      reads: 0,
      annealing: null,
      note: 'no feature map has a positive Grad-CAM weight (all α ≤ 0): d = 0, the selection is empty',
    };
  const seed = imageSeed(o.seed, index);
  const offered = offeredParameters(q.d, o, seed);
  const parameters: SampleParams = {};
  const notApplicable: string[] = [];
  for (const [k, v] of Object.entries(offered)) {
    if (k in o.sampler.parameters) parameters[k] = v;
    else notApplicable.push(k);
  }
  const ss = await o.sampler.sample(q.bqm, parameters, o.signal ? { signal: o.signal } : {});
  const best = ss.lowestIndex();
  const selected: number[] = [];
  if (best >= 0) {
    const row = ss.row(best);
    ss.variables.forEach((label, i) => {
      if (row[i] === 1) selected.push(label as number);
    });
  }
  selected.sort((a, b) => a - b);
  const annealing = o.analyzer
    ? await o.analyzer(q.bqm, { tau: o.tau ?? 50, dt: o.dt ?? 0.01, sampleInfo: ss.info })
    : null;
  return {
    selected,
    energy: best >= 0 ? (ss.vectors.energy!.data[best] as number) : null,
    sampler: o.sampler.name,
    parameters,
    notApplicable,
    reads: ss.totalReads,
    annealing,
  };
}
