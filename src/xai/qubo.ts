/**
 * The paper's feature-selection QUBO (arXiv 2604.25649, §1 steps 2–5).
 *
 * Kept maps S+ = {a : α_a > 0} (d = |S+| binary variables, labelled by the map index a; x_a = 1 selects the
 * map), h_p = α_p / max α over S+, J_pq = |cos(A^p, A^q)| of the flattened maps (0 for a zero-norm map,
 * J_pp = 0), and
 *   paper form:  E(x) = (1 − β) Σ_{p<q} J_pq x_p x_q − β Σ_p h_p x_p
 *   code form:   E(x) = 4(1 − β) Σ_{p<q} J_pq x_p x_q − 2β Σ_p h_p x_p   (the authors' finalSimulation.py,
 *                which builds H from 'pz' = 2n; its quadratic-to-linear ratio is twice the paper's)
 * β = 0.7 by default. The linear term carries a minus sign (importance is rewarded), as in the code.
 */

import { InputError } from '../errors.js';
import { BinaryQuadraticModel } from '../hamiltonian/bqm.js';

export type QuboForm = 'paper' | 'code';
export const QUBO_FORMS: readonly QuboForm[] = ['paper', 'code'];

export interface FeatureQubo {
  bqm: BinaryQuadraticModel;
  /** Original indices of the kept maps (α > 0), ascending; variable p of the BQM is map kept[p]. */
  kept: number[];
  /** Normalised importances h_p. */
  h: Float64Array;
  /** |cosine| couplings, d × d row-major, zero diagonal. */
  J: Float64Array;
  d: number;
  beta: number;
  form: QuboForm;
}

/** |cos| between the flattened maps `chans` of one image (NHWC), d × d, zero diagonal and zero for null maps. */
export function cosineCouplings(
  maps: ArrayLike<number>,
  h: number,
  w: number,
  k: number,
  chans: readonly number[],
  offset = 0,
): Float64Array {
  const d = chans.length;
  const dot = new Float64Array(d * d);
  for (let p = 0; p < h * w; p++) {
    const base = offset + p * k;
    for (let a = 0; a < d; a++) {
      const va = maps[base + chans[a]!]!;
      if (va === 0) continue;
      for (let b = a; b < d; b++) dot[a * d + b]! += va * maps[base + chans[b]!]!;
    }
  }
  const J = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = a + 1; b < d; b++) {
      const na = Math.sqrt(dot[a * d + a]!);
      const nb = Math.sqrt(dot[b * d + b]!);
      // torch.nn.functional.cosine_similarity clamps each norm at eps = 1e-8: a null map gives 0
      const v = Math.abs(dot[a * d + b]!) / (Math.max(na, 1e-8) * Math.max(nb, 1e-8));
      J[a * d + b] = J[b * d + a] = v;
    }
  return J;
}

export interface FeatureQuboOptions {
  beta?: number;
  form?: QuboForm;
}

/** Builds the QUBO of one image from its Grad-CAM weights α (length N_f) and maps (H_f × W_f × N_f). */
export function buildFeatureQubo(
  alpha: ArrayLike<number>,
  maps: ArrayLike<number>,
  mapShape: readonly [number, number, number],
  options: FeatureQuboOptions = {},
  offset = 0,
): FeatureQubo {
  const beta = options.beta ?? 0.7;
  const form = options.form ?? 'paper';
  if (!(beta >= 0 && beta <= 1)) throw new InputError(`beta: ${beta} must be in [0, 1]`, { field: 'beta' });
  const [fh, fw, k] = mapShape;
  if (alpha.length !== k)
    throw new InputError(`alpha has ${alpha.length} entries but the layer has ${k} maps`);
  const kept: number[] = [];
  for (let a = 0; a < k; a++) if (alpha[a]! > 0) kept.push(a);
  let amax = 0;
  for (const a of kept) amax = Math.max(amax, alpha[a]!);
  const h = Float64Array.from(kept, (a) => alpha[a]! / amax);
  const J = cosineCouplings(maps, fh, fw, k, kept, offset);
  return featureQuboFromParts(kept, h, J, beta, form);
}

/** The QUBO from its parts (kept maps, h, J, β, form): what {@link buildFeatureQubo} builds, bias for bias. */
export function featureQuboFromParts(
  kept: number[],
  h: Float64Array,
  J: Float64Array,
  beta: number,
  form: QuboForm,
): FeatureQubo {
  const d = kept.length;
  const qScale = form === 'code' ? 4 : 1;
  const lScale = form === 'code' ? 2 : 1;
  const bqm = new BinaryQuadraticModel('BINARY');
  for (let p = 0; p < d; p++) bqm.addLinear(kept[p]!, -lScale * beta * h[p]!);
  for (let p = 0; p < d; p++)
    for (let q = p + 1; q < d; q++) {
      const v = qScale * (1 - beta) * J[p * d + q]!;
      if (v !== 0) bqm.addQuadraticByIndex(p, q, v);
    }
  return { bqm, kept, h, J, d, beta, form };
}

/** E(x) of the paper/code form computed directly from h and J (a reference for tests and reports). */
export function featureQuboEnergy(
  q: Pick<FeatureQubo, 'h' | 'J' | 'd' | 'beta' | 'form'>,
  x: ArrayLike<number>,
): number {
  const qs = q.form === 'code' ? 4 : 1;
  const ls = q.form === 'code' ? 2 : 1;
  let e = 0;
  for (let p = 0; p < q.d; p++) {
    if (!x[p]) continue;
    e -= ls * q.beta * q.h[p]!;
    for (let r = p + 1; r < q.d; r++) if (x[r]) e += qs * (1 - q.beta) * q.J[p * q.d + r]!;
  }
  return e;
}
