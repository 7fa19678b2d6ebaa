/**
 * Statistics for comparing two samplers' outputs (e.g. a real QPU run and the emulator): energy histograms,
 * level probabilities, total variation distance, residual energy, a maximum-likelihood Boltzmann fit of an
 * effective inverse temperature, and rank correlation across instances.
 *
 * Energies are grouped into levels with the tolerance of cli.md: |E1 − E2| ≤ 1e-9·max(1, |E1|).
 */

import { energiesEqual } from '../../sim/exact/enumerate.js';

/** Reads grouped by energy level, ascending. */
export interface EnergyHistogram {
  energies: number[];
  counts: number[];
  total: number;
}

export function energyHistogram(energies: ArrayLike<number>, counts?: ArrayLike<number>): EnergyHistogram {
  const idx = Array.from({ length: energies.length }, (_, k) => k).sort(
    (a, b) => energies[a]! - energies[b]!,
  );
  const out: EnergyHistogram = { energies: [], counts: [], total: 0 };
  for (const k of idx) {
    const e = energies[k]!;
    const c = counts ? counts[k]! : 1;
    const last = out.energies.length - 1;
    if (last >= 0 && energiesEqual(out.energies[last]!, e)) out.counts[last]! += c;
    else {
      out.energies.push(e);
      out.counts.push(c);
    }
    out.total += c;
  }
  return out;
}

/** Fraction of reads at energy `e` (within the tolerance). */
export function levelProbability(h: EnergyHistogram, e: number): number {
  if (h.total === 0) return 0;
  let c = 0;
  h.energies.forEach((x, k) => {
    if (energiesEqual(x, e)) c += h.counts[k]!;
  });
  return c / h.total;
}

/** Total variation distance ½ Σ |p − q| between two histograms over the union of their levels. */
export function totalVariationDistance(a: EnergyHistogram, b: EnergyHistogram): number {
  const levels = energyHistogram([...a.energies, ...b.energies]).energies;
  let tvd = 0;
  for (const e of levels) tvd += Math.abs(levelProbability(a, e) - levelProbability(b, e));
  return tvd / 2;
}

/** Mean of E − E0 over the reads. */
export function meanResidualEnergy(h: EnergyHistogram, groundEnergy: number): number {
  let s = 0;
  h.energies.forEach((e, k) => (s += (e - groundEnergy) * h.counts[k]!));
  return h.total === 0 ? Number.NaN : s / h.total;
}

export interface BoltzmannFit {
  /** Effective inverse temperature in 1/(energy unit of the model). */
  beta: number;
  /** Standard error from the Fisher information, 1/sqrt(N·Var_β(E)). */
  stderr: number;
  /** Reads that fell on the levels used by the fit. */
  readsUsed: number;
  levelsUsed: number;
}

/**
 * Maximum-likelihood β of P(level k) ∝ g_k e^{−β E_k} over the given levels (energies and degeneracies, e.g.
 * the lowest levels from exact enumeration). Reads on other levels are left out, which keeps the estimate
 * unbiased for a Boltzmann sampler (a conditional likelihood). The score equation ⟨E⟩_β = mean observed energy
 * has one root because ⟨E⟩_β decreases in β; it is found by bisection on log β. Returns undefined when fewer
 * than two levels carry reads.
 */
export function fitBoltzmannBeta(
  levels: ReadonlyArray<{ energy: number; degeneracy: number }>,
  observed: EnergyHistogram,
): BoltzmannFit | undefined {
  const E = levels.map((l) => l.energy);
  const logG = levels.map((l) => Math.log(l.degeneracy));
  const c = E.map((e) => {
    let n = 0;
    observed.energies.forEach((x, k) => {
      if (energiesEqual(x, e)) n += observed.counts[k]!;
    });
    return n;
  });
  const N = c.reduce((a, b) => a + b, 0);
  if (N === 0 || c.filter((x) => x > 0).length < 2) return undefined;
  const meanObs = c.reduce((s, ck, k) => s + ck * E[k]!, 0) / N;
  const e0 = Math.min(...E);
  const moments = (beta: number) => {
    let z = 0;
    let m1 = 0;
    let m2 = 0;
    for (let k = 0; k < E.length; k++) {
      const w = Math.exp(logG[k]! - beta * (E[k]! - e0));
      z += w;
      m1 += w * E[k]!;
      m2 += w * E[k]! * E[k]!;
    }
    const mean = m1 / z;
    return { mean, variance: Math.max(0, m2 / z - mean * mean) };
  };
  // bracket the root of mean(β) − meanObs on β ∈ [−B, B]
  let lo = -1;
  let hi = 1;
  while (moments(hi).mean > meanObs && hi < 1e6) hi *= 2;
  while (moments(lo).mean < meanObs && lo > -1e6) lo *= 2;
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    if (moments(mid).mean > meanObs) lo = mid;
    else hi = mid;
  }
  const beta = (lo + hi) / 2;
  const v = moments(beta).variance;
  return {
    beta,
    stderr: v > 0 ? 1 / Math.sqrt(N * v) : Number.POSITIVE_INFINITY,
    readsUsed: N,
    levelsUsed: E.length,
  };
}

/** Ranks with ties averaged (1-based). */
function ranks(x: readonly number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]!] === x[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson correlation of average ranks); NaN when undefined. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length || x.length < 2) return Number.NaN;
  const rx = ranks(x);
  const ry = ranks(y);
  const mx = rx.reduce((a, b) => a + b, 0) / rx.length;
  const my = ry.reduce((a, b) => a + b, 0) / ry.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

export function median(x: readonly number[]): number {
  if (x.length === 0) return Number.NaN;
  const s = [...x].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
