/**
 * The continuous-time worldline update written the plain way (test reference for ct-pimc-kernel.ts): the field
 * f(τ) = h_i + Σ_j J_ij s_j(τ) as one sorted timeline of the neighbours' kinks, integrated over each domain
 * between cuts. Same random draws in the same order as WorldlineState.updateQubit, so both make the same moves up
 * to rounding.
 */

import type { CompiledModel } from '../../src/hamiltonian/compiled.js';
import type { WorldlineState } from '../../src/sim/mc/ct-pimc-kernel.js';
import { heatBathFlip } from '../../src/sim/mc/metropolis.js';
import type { Rng } from '../../src/sim/rng.js';

export function referenceUpdateQubit(
  st: WorldlineState,
  model: CompiledModel,
  i: number,
  betaGamma: number,
  betaLambda: number,
  rng: Rng,
): void {
  const { rowPtr, colIdx, weights, linear } = model;
  // the field timeline: f(0) and its jumps at the neighbours' kinks, sorted by time
  let f0 = linear[i]!;
  const events: [number, number][] = [];
  for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
    const j = colIdx[p]!;
    let s = st.s0[j]!;
    f0 += weights[p]! * s;
    for (let c = 0; c < st.count[j]!; c++) {
      events.push([st.kinks[j]![c]!, -2 * weights[p]! * s]);
      s = -s;
    }
  }
  events.sort((a, b) => a[0] - b[0]);
  // cuts: own kinks and Poisson(βΓ) proposals
  const own = Array.from(st.kinks[i]!.subarray(0, st.count[i]!));
  const fresh: number[] = [];
  if (betaGamma > 0)
    for (let t = -Math.log(1 - rng.next()) / betaGamma; t < 1; t += -Math.log(1 - rng.next()) / betaGamma)
      fresh.push(t);
  const cuts = [...own, ...fresh].sort((a, b) => a - b);
  const numDom = Math.max(1, cuts.length);
  // ∫ f over each domain; domain d = [cuts[d], cuts[d+1]), the last wraps through τ = 0
  const F = new Array<number>(numDom).fill(0);
  const spinAt = (t: number) => own.reduce((s, k) => (k <= t ? -s : s), st.s0[i]!);
  let f = f0;
  let t = 0;
  let e = 0;
  let d = numDom - 1;
  let next = 0;
  while (t < 1) {
    const tEv = e < events.length ? events[e]![0] : 2;
    const tCut = next < cuts.length ? cuts[next]! : 2;
    const tNext = Math.min(tEv, tCut, 1);
    F[d]! += f * (tNext - t);
    t = tNext;
    if (t >= 1) break;
    if (tCut <= tEv) d = next++;
    else f += events[e++]![1];
  }
  // heat bath per domain, then the new worldline
  const dom = cuts.length ? cuts.map(spinAt) : [st.s0[i]!];
  for (let k = 0; k < numDom; k++)
    if (heatBathFlip(-2 * betaLambda * dom[k]! * F[k]!, rng.next())) dom[k] = -dom[k]!;
  const kinks: number[] = [];
  for (let k = 0; k < cuts.length; k++)
    if (dom[k] !== (k === 0 ? dom[numDom - 1] : dom[k - 1])) kinks.push(cuts[k]!);
  st.s0[i] = dom[numDom - 1]!;
  if (st.kinks[i]!.length < kinks.length) st.kinks[i] = new Float64Array(kinks.length);
  st.kinks[i]!.set(kinks);
  st.count[i] = kinks.length;
  let m = 0;
  let s = st.s0[i]!;
  let prev = 0;
  for (const k of kinks) {
    m += s * (k - prev);
    prev = k;
    s = -s;
  }
  st.mag[i] = m + s * (1 - prev);
}
