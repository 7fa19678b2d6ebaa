/**
 * Classical simulated annealing over a SPIN CompiledModel, as dwave-samplers' SimulatedAnnealingSampler does
 * it: for each β of the schedule, `sweepsPerBeta` sequential Metropolis sweeps (spins in index order). A flip
 * of s_i changes the energy by ΔE = −2 s_i f_i with f_i = h_i + Σ_j J_ij s_j kept in `field`; it is accepted
 * when ΔE ≤ 0 or with probability e^{−β ΔE}.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';
import { rowDot, scatterRow } from './field-update.js';
import { acceptUphill } from './metropolis.js';

/** f_i = h_i + Σ_j J_ij s_j for one classical state. */
export function classicalFields(model: CompiledModel, spins: Int8Array, field: Float64Array): void {
  const { rowPtr, colIdx, weights, linear } = model;
  for (let i = 0; i < model.n; i++)
    field[i] = rowDot(weights, colIdx, spins, rowPtr[i]!, rowPtr[i + 1]!, linear[i]!);
}

/** One Metropolis sweep at inverse temperature β. Returns the number of flips. */
export function saSweep(
  model: CompiledModel,
  spins: Int8Array,
  field: Float64Array,
  beta: number,
  rng: Rng,
): number {
  return saPass(spins, field, model.rowPtr, model.colIdx, model.weights, model.n, beta, rng.state);
}

/**
 * The SA sweep over plain typed arrays (rs = the xoshiro128** state): the hot loop takes no objects, so its
 * optimised code depends on nothing but typed-array kinds (see warm-up.ts).
 */
function saPass(
  spins: Int8Array,
  field: Float64Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  weights: Float64Array,
  n: number,
  beta: number,
  rs: Uint32Array,
): number {
  // computed here, not passed in: a parameter used inside the loop is unboxed again on every turn
  const b2 = 2 * beta;
  // rng's xoshiro128** state in locals (the same stream as rng.next(); written back at the end)
  let s0 = rs[0]! | 0;
  let s1 = rs[1]! | 0;
  let s2 = rs[2]! | 0;
  let s3 = rs[3]! | 0;
  let flips = 0;
  for (let i = 0; i < n; i++) {
    const s = spins[i]!;
    const x = -b2 * s * field[i]!;
    if (x > 0) {
      // SKIP_ACTION (metropolis.ts) as a literal: an imported binding costs a check on every spin
      if (x > 23) continue;
      const y = Math.imul(s1, 5);
      const r = Math.imul((y << 7) | (y >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      if (!acceptUphill(x, (r >>> 0) * 2.3283064365386963e-10)) continue;
    }
    spins[i] = -s;
    scatterRow(field, 0, colIdx, weights, rowPtr[i]!, rowPtr[i + 1]!, 2 * s);
    flips++;
  }
  rs[0] = s0;
  rs[1] = s1;
  rs[2] = s2;
  rs[3] = s3;
  return flips;
}

/** Anneals `spins` (±1, in place) through `betas`, `sweepsPerBeta` sweeps each. `field` is scratch (length n). */
export function saAnneal(
  model: CompiledModel,
  spins: Int8Array,
  field: Float64Array,
  betas: Float64Array,
  sweepsPerBeta: number,
  rng: Rng,
): void {
  classicalFields(model, spins, field);
  for (let b = 0; b < betas.length; b++) {
    const beta = betas[b]!;
    for (let k = 0; k < sweepsPerBeta; k++) saSweep(model, spins, field, beta, rng);
  }
}
