import { afterAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { WorldlineState } from '../../src/sim/mc/ct-pimc-kernel.js';
import { ContinuousTimePimcSampler } from '../../src/sim/mc/ct-pimc-sampler.js';
import { runReads } from '../../src/sim/mc/parallel.js';
import type { CtPimcTask } from '../../src/sim/mc/tasks.js';
import { Rng } from '../../src/sim/rng.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { referenceUpdateQubit } from './ct-reference.js';
import { plantedIsing, randomIsing } from './instances.js';
import { gibbsAverages } from './reference.js';
import { batchMeans } from './stats.js';

describe('continuous-time PIMC', () => {
  it('makes the moves of the plain field-timeline update (test/mc/ct-reference.ts), in both orders', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const n = 8 + 4 * (seed % 6);
      const model = compileModel(randomIsing(n, seed, 0.3), 'SPIN');
      const order = seed % 2 ? 'random' : 'sequential';
      const a = new WorldlineState(n);
      const b = new WorldlineState(n);
      const start = Int8Array.from({ length: n }, (_, i) => (i % 3 ? 1 : -1));
      a.setClassical(start);
      b.setClassical(start);
      const ra = Rng.fromSeed(seed);
      const rb = Rng.fromSeed(seed);
      for (let k = 0; k < 200; k++) {
        const g = 10 * (1 - k / 200);
        const l = (6 * (k + 1)) / 200;
        a.sweep(model, g, l, ra, order);
        for (let q = 0; q < n; q++)
          referenceUpdateQubit(b, model, order === 'random' ? rb.nextInt(n) : q, g, l, rb);
        expect(Array.from(a.s0)).toEqual(Array.from(b.s0));
        expect(Array.from(a.count)).toEqual(Array.from(b.count));
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < a.count[i]!; c++) expect(a.kinks[i]![c]).toBe(b.kinks[i]![c]);
          expect(Math.abs(a.mag[i]! - b.mag[i]!)).toBeLessThan(1e-12);
        }
      }
      expect(Array.from(ra.state)).toEqual(Array.from(rb.state));
    }
  });

  it('hits the exact single-spin value 0.447097 (physics §8.6) with no Trotter error', () => {
    // H = −Γσx − hσz with Γ = 1, h = 0.5, β = 4: h_model = −0.5, βΓ = βΛ = 4.
    const model = compileModel(BinaryQuadraticModel.fromIsing([[0, -0.5]], []), 'SPIN');
    const st = new WorldlineState(1);
    st.setClassical([1]);
    const rng = Rng.fromSeed(3);
    for (let t = 0; t < 1000; t++) st.sweep(model, 4, 4, rng);
    const N = 100_000;
    const m = new Float64Array(N);
    const kinks = new Float64Array(N);
    for (let t = 0; t < N; t++) {
      kinks[t] = st.sweep(model, 4, 4, rng);
      m[t] = st.magnetisation(0);
    }
    const z = batchMeans(m);
    expect(Math.abs(z.mean - 0.447097)).toBeLessThan(4 * z.err);
    expect(z.err).toBeLessThan(0.004);
    // <σx> = <#kinks>/(βΓ); exact: (Γ/E) tanh(βE), E = √(h² + Γ²)
    const E = Math.hypot(0.5, 1);
    const x = batchMeans(kinks.map((k) => k / 4));
    expect(Math.abs(x.mean - Math.tanh(4 * E) / E)).toBeLessThan(4 * x.err);
  });

  for (const order of ['sequential', 'random'] as const)
    it(`matches exact Gibbs averages (ED) on a random n = 6 instance (${order} update order)`, () => {
      const n = 6;
      const model = compileModel(randomIsing(n, 12), 'SPIN');
      const beta = 6;
      const gamma = 0.5;
      const lambda = 0.5;
      const exact = gibbsAverages(model, gamma, lambda, beta);
      const st = new WorldlineState(n);
      st.setClassical(new Int8Array(n).fill(1));
      const rng = Rng.fromSeed(4);
      for (let t = 0; t < 2000; t++) st.sweep(model, beta * gamma, beta * lambda, rng, order);
      const N = 40_000;
      const sx = new Float64Array(N);
      const z0 = new Float64Array(N);
      const zz = new Float64Array(N);
      for (let t = 0; t < N; t++) {
        st.sweep(model, beta * gamma, beta * lambda, rng, order);
        let kinks = 0;
        for (let i = 0; i < n; i++) kinks += st.count[i]!;
        sx[t] = kinks / (beta * gamma);
        z0[t] = st.magnetisation(0);
        zz[t] = st.spinAt(0, 0) * st.spinAt(1, 0);
      }
      const eX = batchMeans(sx);
      const eZ = batchMeans(z0);
      const eZZ = batchMeans(zz);
      expect(Math.abs(eX.mean - exact.sx)).toBeLessThan(4.5 * eX.err);
      expect(Math.abs(eZ.mean - exact.z[0]!)).toBeLessThan(4.5 * eZ.err);
      expect(Math.abs(eZZ.mean - exact.zz[1]!)).toBeLessThan(4.5 * eZZ.err);
      expect(eX.err).toBeLessThan(0.05);
    });
});

afterAll(() => closeAllPools());

describe('pimc-ct sampler', () => {
  it('finds planted ground states at 12 mK on Advantage_system4.1', async () => {
    const sampler = new ContinuousTimePimcSampler(1);
    for (const seed of [1, 2]) {
      const { bqm, ground } = plantedIsing(40, seed);
      const ss = await sampler.sample(bqm, { num_reads: 4, seed, num_sweeps: 300 });
      expect(ss.info.sampler).toBe('pimc-ct');
      expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
    }
  });

  it('keeps a ground-state start on a shallow reverse anneal', async () => {
    const { bqm, ground } = plantedIsing(20, 3);
    const ss = await new ContinuousTimePimcSampler(1).sample(bqm, {
      num_reads: 3,
      seed: 5,
      anneal_schedule: '0,1 1,0.9 2,1',
      initial_state: Array.from(ground),
    });
    for (const e of ss.energy) expect(e).toBeCloseTo(bqm.energyOf(ground), 9);
  });

  it('gives the same reads on 1 or 2 threads', async () => {
    const model = compileModel(randomIsing(20, 5, 0.3), 'SPIN');
    const task: CtPimcTask = {
      kind: 'pimc-ct',
      model,
      betaGamma: Float64Array.from({ length: 50 }, (_, k) => 5 * (1 - k / 50)),
      betaLambda: Float64Array.from({ length: 50 }, (_, k) => (5 * (k + 1)) / 50),
      seed: 9,
    };
    for (const updateOrder of ['sequential', 'random'] as const) {
      const one = await runReads({ ...task, updateOrder }, 6, { threads: 1 });
      const two = await runReads({ ...task, updateOrder }, 6, { threads: 2, minSecondsForThreads: 0 });
      expect(two.threads).toBe(2);
      expect(Array.from(two.spins)).toEqual(Array.from(one.spins));
    }
  });

  it('takes update_order and rejects an unknown one', async () => {
    const { bqm, ground } = plantedIsing(20, 4);
    const sampler = new ContinuousTimePimcSampler(1);
    const ss = await sampler.sample(bqm, { num_reads: 4, seed: 3, num_sweeps: 300, update_order: 'random' });
    expect(ss.info.parameters).toMatchObject({ update_order: 'random' });
    expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
    await expect(sampler.sample(bqm, { update_order: 'shuffled' })).rejects.toThrow(/update_order/);
  });
});
