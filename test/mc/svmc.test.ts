import { afterAll, describe, expect, it } from 'vitest';
import { QaError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { projectRotors, RotorState, type SvmcVariant, svmcSweep } from '../../src/sim/mc/svmc-kernel.js';
import { SvmcSampler } from '../../src/sim/mc/svmc-sampler.js';
import { Rng } from '../../src/sim/rng.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { plantedIsing } from './instances.js';
import { batchMeans } from './stats.js';

afterAll(() => closeAllPools());

/**
 * Exact classical rotor averages on [0, π]^n (uniform measure) by midpoint quadrature:
 * weight exp(−β E(θ)), E = −Γ Σ sin θ + Λ (Σ h cos θ + J cos θ1 cos θ2) for n ≤ 2.
 */
function rotorAverages(h: number[], J: number, betaGamma: number, betaLambda: number) {
  const M = 2000;
  const d = Math.PI / M;
  const th = Array.from({ length: M }, (_, k) => (k + 0.5) * d);
  let Z = 0;
  let c1 = 0;
  let c12 = 0;
  if (h.length === 1) {
    for (const t of th) {
      const w = Math.exp(betaGamma * Math.sin(t) - betaLambda * h[0]! * Math.cos(t));
      Z += w;
      c1 += w * Math.cos(t);
    }
    return { c1: c1 / Z, c12: Number.NaN };
  }
  for (const a of th)
    for (const b of th) {
      const ca = Math.cos(a);
      const cb = Math.cos(b);
      const e =
        -betaGamma * (Math.sin(a) + Math.sin(b)) + betaLambda * (h[0]! * ca + h[1]! * cb + J * ca * cb);
      const w = Math.exp(-e);
      Z += w;
      c1 += w * ca;
      c12 += w * ca * cb;
    }
  return { c1: c1 / Z, c12: c12 / Z };
}

function runRotors(variant: SvmcVariant, bqm: BinaryQuadraticModel, bg: number, bl: number, sweeps: number) {
  const model = compileModel(bqm, 'SPIN');
  const st = new RotorState(model.n);
  st.setTransverse(model);
  const rng = Rng.fromSeed(17, variant === 'svmc' ? 1 : 2);
  for (let t = 0; t < 2000; t++) svmcSweep(model, st, bg, bl, variant, rng);
  const c1 = new Float64Array(sweeps);
  const c12 = new Float64Array(sweeps);
  for (let t = 0; t < sweeps; t++) {
    svmcSweep(model, st, bg, bl, variant, rng);
    c1[t] = st.cos[0]!;
    c12[t] = model.n > 1 ? st.cos[0]! * st.cos[1]! : 0;
  }
  return { c1: batchMeans(c1), c12: batchMeans(c12) };
}

describe('rotor Metropolis samples the classical rotor Gibbs distribution', () => {
  for (const variant of ['svmc', 'svmc-tf'] as const) {
    it(`${variant}: one rotor, h = 0.7, βΓ = 1.5, βΛ = 2`, () => {
      const exact = rotorAverages([0.7], 0, 1.5, 2);
      const m = runRotors(variant, BinaryQuadraticModel.fromIsing([[0, 0.7]], []), 1.5, 2, 100_000);
      expect(Math.abs(m.c1.mean - exact.c1)).toBeLessThan(4.5 * m.c1.err);
      expect(m.c1.err).toBeLessThan(0.01);
    });
    it(`${variant}: two coupled rotors, h = (0.3, −0.2), J = −1, βΓ = 1, βΛ = 3`, () => {
      const exact = rotorAverages([0.3, -0.2], -1, 1, 3);
      const bqm = BinaryQuadraticModel.fromIsing(
        [
          [0, 0.3],
          [1, -0.2],
        ],
        [[[0, 1], -1]],
      );
      const m = runRotors(variant, bqm, 1, 3, 100_000);
      expect(Math.abs(m.c1.mean - exact.c1)).toBeLessThan(4.5 * m.c1.err);
      expect(Math.abs(m.c12.mean - exact.c12)).toBeLessThan(4.5 * m.c12.err);
    });
  }
});

describe('rotor readout', () => {
  it('sign(cos θ) and the probabilistic projection', () => {
    const model = compileModel(BinaryQuadraticModel.fromIsing([[0, 0]], []), 'SPIN');
    const st = new RotorState(1);
    st.theta[0] = Math.PI / 3; // cos = ½: +1 by sign, +1 with probability ¾
    st.refresh(model);
    const rng = Rng.fromSeed(1);
    const out = new Int8Array(1);
    projectRotors(st, 'sign', rng, out);
    expect(out[0]).toBe(1);
    let plus = 0;
    const N = 40_000;
    for (let k = 0; k < N; k++) {
      projectRotors(st, 'probabilistic', rng, out);
      if (out[0] === 1) plus++;
    }
    // binomial: σ = sqrt(p(1−p)/N) ≈ 0.0022
    expect(Math.abs(plus / N - 0.75)).toBeLessThan(4.5 * Math.sqrt((0.75 * 0.25) / N));
  });
});

describe('svmc samplers', () => {
  for (const variant of ['svmc', 'svmc-tf'] as const) {
    it(`${variant} finds the planted ground state of a ferromagnetic-gauge instance at 12 mK`, async () => {
      const { bqm, ground } = plantedIsing(24, 3);
      const ss = await new SvmcSampler(variant, 1).sample(bqm, { num_reads: 6, seed: 4 });
      expect(ss.info.sampler).toBe(variant);
      expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
    });
  }
  it('rejects bad input with the parameter named', async () => {
    const bqm = plantedIsing(5, 1).bqm;
    const s = new SvmcSampler('svmc', 1);
    for (const [params, msg] of [
      [{ num_reads: 0 }, /num_reads/],
      [{ temperature: 0 }, /temperature/],
      [{ num_sweeps: 1.5 }, /num_sweeps/],
      [{ readout: 'majority' }, /readout/],
    ] as const) {
      const err = await s.sample(bqm, params).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QaError);
      expect((err as Error).message).toMatch(msg);
    }
  });
});
