import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../../src/hamiltonian/compiled.js';
import { getSchedule } from '../../src/hamiltonian/schedule/catalog.js';
import { forwardPath } from '../../src/hamiltonian/schedule/paths.js';
import { mkToBeta } from '../../src/hamiltonian/schedule/units.js';
import { runReads } from '../../src/sim/mc/parallel.js';
import { annealPimc } from '../../src/sim/mc/pimc.js';
import { metropolisSweep, PimcState, sliceCoupling, worldlineSweep } from '../../src/sim/mc/pimc-kernel.js';
import { PimcSampler } from '../../src/sim/mc/pimc-sampler.js';
import { classicalFields, saSweep } from '../../src/sim/mc/sa-kernel.js';
import { SimulatedAnnealingSampler } from '../../src/sim/mc/sa-sampler.js';
import { geomspace } from '../../src/sim/mc/sa-schedule.js';
import { proposalWidth, RotorState, svmcSweep } from '../../src/sim/mc/svmc-kernel.js';
import { SvmcSampler } from '../../src/sim/mc/svmc-sampler.js';
import type { McTask } from '../../src/sim/mc/tasks.js';
import {
  McWasmKernel,
  mcKernelFromEnv,
  mcWasmAvailable,
  mcWasmUnavailableReason,
  useMcWasm,
} from '../../src/sim/mc/wasm-kernel.js';
import { Rng } from '../../src/sim/rng.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { plantedIsing, randomIsing } from './instances.js';

afterAll(() => closeAllPools());
afterEach(() => {
  delete process.env.QAXAI_MC_KERNEL;
});

/**
 * A random sparse SPIN model: isolated spins, all degrees up to ~2·avgDeg, fields that are zero, ±1 or real,
 * couplings ±1 (integer-valued local fields, as on the QPU) or real.
 */
function randomModel(seed: number, n: number, avgDeg: number, integer: boolean): CompiledModel {
  const rng = Rng.fromSeed(seed, 31);
  const h: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const z = rng.next();
    h.push([i, z < 0.3 ? 0 : integer ? rng.nextSpin() : 2 * rng.next() - 1]);
  }
  const J = new Map<number, [[number, number], number]>();
  for (let e = 0; e < (n * avgDeg) / 2; e++) {
    const i = rng.nextInt(n);
    const j = rng.nextInt(n);
    if (i !== j && i % 17 !== 5 && j % 17 !== 5)
      J.set(Math.min(i, j) * n + Math.max(i, j), [[i, j], integer ? rng.nextSpin() : 2 * rng.next() - 1]);
  }
  return compileModel(BinaryQuadraticModel.fromIsing(h, [...J.values()]), 'SPIN');
}

/** Runs `f` with Math[name] counting its calls (the wasm kernels import Math.exp / Math.log when created). */
function counting<T>(name: 'exp' | 'log', f: (calls: () => number) => T): T {
  const orig = Math[name];
  let c = 0;
  Math[name] = (x: number) => {
    c++;
    return orig(x);
  };
  try {
    return f(() => c);
  } finally {
    Math[name] = orig;
  }
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/**
 * `sweeps` PIMC sweeps (Metropolis, then worldline) with (a, K) from `params`, on the TypeScript kernels and on
 * the WASM kernels from the same start and stream; expects equal flips every pass and equal spins, fields and
 * random-number state at the end. Returns the flips.
 */
function comparePimc(
  model: CompiledModel,
  P: number,
  seed: number,
  sweeps: number,
  params: (t: number) => [number, number],
): number {
  const ts = new PimcState(model.n, P);
  const kern = McWasmKernel.create(model, P)!;
  const wasm = kern.pimcState;
  const r1 = Rng.fromSeed(seed, 1);
  const r2 = Rng.fromSeed(seed, 1);
  ts.randomize(model, r1);
  wasm.randomize(model, r2);
  let flips = 0;
  for (let t = 0; t < sweeps; t++) {
    const [a, K] = params(t);
    const m1 = metropolisSweep(model, ts, a, K, r1);
    const m2 = kern.metropolisSweep(a, K, r2);
    expect(m2).toBe(m1);
    const w1 = worldlineSweep(model, ts, a, K, r1);
    const w2 = kern.worldlineSweep(a, K, r2);
    expect(w2).toBe(w1);
    flips += m1 + w1;
  }
  expect(same(wasm.spins, ts.spins)).toBe(true);
  expect(same(wasm.field, ts.field)).toBe(true);
  expect(Array.from(r2.state)).toEqual(Array.from(r1.state));
  return flips;
}

describe.runIf(mcWasmAvailable())('WASM Monte Carlo kernels = TypeScript kernels, bit for bit', () => {
  it('are available here (kernels.wasm built)', () => {
    expect(mcWasmUnavailableReason()).toBe('');
    expect(useMcWasm('wasm')).toBe(true);
    expect(useMcWasm('ts')).toBe(false);
  });

  it('local fields from scratch: the same values as PimcState.recomputeFields and classicalFields', () => {
    for (let seed = 0; seed < 6; seed++) {
      const model = randomModel(seed + 20, 80, 3 + seed, seed % 2 === 1);
      const P = 1 + seed;
      const kern = McWasmKernel.create(model, P)!;
      const ts = new PimcState(model.n, P);
      const r = Rng.fromSeed(seed);
      for (let k = 0; k < ts.spins.length; k++) ts.spins[k] = r.nextSpin();
      kern.spins.set(ts.spins);
      kern.field.fill(Number.NaN);
      ts.recomputeFields(model);
      kern.recomputeFields();
      expect(same(kern.field, ts.field)).toBe(true);
      const f = new Float64Array(model.n);
      classicalFields(model, ts.spins.subarray(0, model.n), f);
      expect(same(kern.field.subarray(0, model.n), f)).toBe(true);
    }
  });

  it('PIMC: random models and random (a, K) per sweep, from free spins to frozen worldlines', () => {
    for (let seed = 0; seed < 12; seed++) {
      const rng = Rng.fromSeed(seed, 5);
      const n = 1 + rng.nextInt(70);
      const P = 2 + rng.nextInt(40);
      const model = randomModel(seed, n, 1 + rng.nextInt(9), seed % 2 === 0);
      const flips = comparePimc(model, P, seed, 60, () => [
        Math.exp(8 * rng.next() - 5),
        sliceCoupling(Math.exp(12 * rng.next() - 7), P),
      ]);
      expect(flips).toBeGreaterThan(0);
    }
  });

  it('PIMC along a D-Wave anneal (Advantage_system4.1 at 12 mK), P = 32', () => {
    const model = randomModel(99, 300, 12, true);
    const P = 32;
    const N = 200;
    const beta = mkToBeta(12);
    const sched = getSchedule('Advantage_system4.1');
    comparePimc(model, P, 99, N, (t) => {
      const s = (t + 1) / N;
      return [(beta * sched.problem(s)) / P, sliceCoupling(beta * Math.max(0, sched.transverse(s)), P)];
    });
  });

  it('PIMC: the sparse-bond worldline regime (q = e^{−2K} < 0.1: geometric gaps, runs of four) is used', () => {
    // Math.log is called once per geometric gap draw, by both kernels (the wasm one through its import)
    const model = randomModel(7, 60, 4, false);
    for (const P of [2, 5, 32, 64]) {
      const drawsTs = counting('log', (calls) => {
        const ts = new PimcState(model.n, P);
        const r = Rng.fromSeed(P, 1);
        ts.randomize(model, r);
        for (let t = 0; t < 40; t++) worldlineSweep(model, ts, 0.3, 1.2 + (t % 5), r);
        return calls();
      });
      const drawsWasm = counting('log', (calls) => {
        const kern = McWasmKernel.create(model, P)!;
        const r = Rng.fromSeed(P, 1);
        kern.pimcState.randomize(model, r);
        for (let t = 0; t < 40; t++) kern.worldlineSweep(0.3, 1.2 + (t % 5), r);
        return calls();
      });
      expect(drawsTs).toBeGreaterThan(100);
      expect(drawsWasm).toBe(drawsTs);
      // the same with Metropolis passes between, K from the sparse threshold to the cap, and a = 0
      comparePimc(model, P, 100 + P, 80, (t) => [
        t % 7 === 0 ? 0 : 0.05 * (t % 9),
        [1.16, 2, 4, 9, 30][t % 5]!,
      ]);
    }
  });

  it('PIMC: K past the cap (q = 0: no breaks, one cluster per worldline) and K = 0 (every link a draw)', () => {
    const model = randomModel(3, 40, 5, true);
    comparePimc(model, 16, 3, 30, (t) => [0.2 + 0.1 * (t % 3), 400]);
    comparePimc(model, 16, 4, 30, (t) => [0.2 + 0.1 * (t % 3), 0]);
  });

  it('PIMC: the exp band of both acceptance tests is reached, with the same exp calls', () => {
    // small actions: u falls between the bounds 1 − x and 1/(1 + x + x²/2 + x³/6) for a few per cent of draws
    const model = randomModel(11, 50, 6, false);
    const P = 8;
    const run = (wasm: boolean) =>
      counting('exp', (calls) => {
        const r = Rng.fromSeed(11, 2);
        if (wasm) {
          const kern = McWasmKernel.create(model, P)!;
          kern.pimcState.randomize(model, r);
          for (let t = 0; t < 50; t++) {
            kern.metropolisSweep(0.2, 0.1, r);
            kern.worldlineSweep(0.2, 0.1, r);
          }
          return [calls(), ...kern.spins];
        }
        const st = new PimcState(model.n, P);
        st.randomize(model, r);
        for (let t = 0; t < 50; t++) {
          metropolisSweep(model, st, 0.2, 0.1, r);
          worldlineSweep(model, st, 0.2, 0.1, r);
        }
        return [calls(), ...st.spins];
      });
    const ts = run(false);
    const wasm = run(true);
    // one exp per worldline pass for q, the rest in the bands
    expect(ts[0]).toBeGreaterThan(50 + 100);
    expect(wasm).toEqual(ts);
  });

  it('SA: random models, β from hot to cold, the exp band included', () => {
    for (let seed = 0; seed < 12; seed++) {
      const rng = Rng.fromSeed(seed, 6);
      const n = 1 + rng.nextInt(200);
      const model = randomModel(seed + 50, n, 1 + rng.nextInt(12), seed % 3 === 0);
      const betas = geomspace(0.01, 5 + 20 * rng.next(), 150);
      const start = new Int8Array(n);
      for (let i = 0; i < n; i++) start[i] = rng.nextSpin();
      const res = [false, true].map((wasm) =>
        counting('exp', (calls) => {
          const r = Rng.fromSeed(seed, 3);
          const kern = wasm ? McWasmKernel.create(model, 1)! : undefined;
          const spins = kern ? kern.spins : start.slice();
          const field = kern ? kern.field : new Float64Array(n);
          spins.set(start);
          classicalFields(model, spins, field);
          const flips: number[] = [];
          for (const beta of betas)
            flips.push(kern ? kern.saSweep(beta, r) : saSweep(model, spins, field, beta, r));
          return {
            calls: calls(),
            flips,
            spins: Array.from(spins),
            field: Array.from(field),
            r: [...r.state],
          };
        }),
      );
      expect(res[1]).toEqual(res[0]);
      if (n > 20) expect(res[0]!.calls).toBeGreaterThan(0);
    }
  });

  it('SA anneal (saAnneal on the wasm memory, schedules in blocks of 512) = sweep by sweep', () => {
    const model = randomModel(5, 120, 6, true);
    for (const [numBetas, perBeta] of [
      [40, 3],
      [1100, 1],
    ] as const) {
      const betas = geomspace(0.05, 4, numBetas);
      const r1 = Rng.fromSeed(5);
      const r2 = Rng.fromSeed(5);
      const a = McWasmKernel.create(model, 1)!;
      const b = McWasmKernel.create(model, 1)!;
      for (let i = 0; i < model.n; i++) a.spins[i] = b.spins[i] = r1.nextSpin();
      r2.state.set(r1.state);
      a.saAnneal(betas, perBeta, r1);
      classicalFields(model, b.spins, b.field);
      for (const beta of betas) for (let k = 0; k < perBeta; k++) b.saSweep(beta, r2);
      expect(same(a.spins, b.spins)).toBe(true);
      expect(Array.from(r1.state)).toEqual(Array.from(r2.state));
    }
  });

  it('SVMC and SVMC-TF: random models along an anneal, the exp band included', () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = Rng.fromSeed(seed, 8);
      const n = 1 + rng.nextInt(150);
      const model = randomModel(seed + 70, n, 1 + rng.nextInt(10), seed % 3 === 0);
      const variant = seed % 2 ? 'svmc-tf' : 'svmc';
      const sweeps = 120;
      const res = [false, true].map((wasm) =>
        counting('exp', (calls) => {
          const r = Rng.fromSeed(seed, 4);
          const kern = wasm ? McWasmKernel.create(model, 4)! : undefined;
          const st = kern ? kern.rotorState() : new RotorState(n);
          if (seed % 4 === 3)
            st.setClassical(
              model,
              Int8Array.from({ length: n }, (_, i) => (i % 3 ? 1 : -1)),
            );
          else st.setTransverse(model);
          const accepted: number[] = [];
          for (let k = 0; k < sweeps; k++) {
            const bg = 6 * (1 - k / sweeps);
            const bl = (8 * (k + 1)) / sweeps;
            accepted.push(
              kern
                ? kern.svmcSweep(bg, bl, proposalWidth(variant, bg, bl), r)
                : svmcSweep(model, st, bg, bl, variant, r),
            );
          }
          return {
            calls: calls(),
            accepted,
            theta: Array.from(st.theta),
            cos: Array.from(st.cos),
            field: Array.from(st.field),
            r: [...r.state],
          };
        }),
      );
      expect(res[1]).toEqual(res[0]);
      if (n > 20) expect(res[0]!.calls).toBeGreaterThan(0);
    }
  });

  it('an empty model and isolated spins', () => {
    const empty = compileModel(new BinaryQuadraticModel('SPIN'), 'SPIN');
    const k = McWasmKernel.create(empty, 4)!;
    const r = Rng.fromSeed(1);
    expect(k.metropolisSweep(0.5, 1, r)).toBe(0);
    expect(k.worldlineSweep(0.5, 1, r)).toBe(0);
    const lone = compileModel(
      BinaryQuadraticModel.fromIsing(
        [
          [0, 0.5],
          [1, -1],
        ],
        [],
      ),
      'SPIN',
    );
    comparePimc(lone, 3, 2, 50, (t) => [0.1 * t, sliceCoupling(0.02 * t, 3)]);
  });
});

describe('samplers give the same SampleSets on the TypeScript and the WASM kernels', () => {
  it('QAXAI_MC_KERNEL selects the kernels (wasm unless "ts")', () => {
    delete process.env.QAXAI_MC_KERNEL;
    expect(mcKernelFromEnv()).toBe('wasm');
    process.env.QAXAI_MC_KERNEL = 'ts';
    expect(mcKernelFromEnv()).toBe('ts');
    expect(useMcWasm()).toBe(false);
    process.env.QAXAI_MC_KERNEL = 'wasm';
    expect(useMcWasm()).toBe(mcWasmAvailable());
  });

  const both = async <T>(f: () => Promise<T>): Promise<[T, T]> => {
    process.env.QAXAI_MC_KERNEL = 'ts';
    const ts = await f();
    process.env.QAXAI_MC_KERNEL = 'wasm';
    const wasm = await f();
    return [ts, wasm];
  };

  it('pimc sampler (forward anneal, clusters on and off, every readout)', async () => {
    const sampler = new PimcSampler(1);
    const { bqm } = plantedIsing(40, 3);
    for (const params of [
      { num_reads: 5, seed: 4, num_slices: 16, num_sweeps: 300 },
      { num_reads: 4, seed: 5, num_slices: 8, num_sweeps: 200, cluster_moves: false, readout: 'random' },
      { num_reads: 4, seed: 6, num_slices: 6, schedule: 'linear', beta: 8, num_sweeps: 150, readout: 'best' },
    ]) {
      const [ts, wasm] = await both(() => sampler.sample(bqm, params));
      expect(Array.from(wasm.samples)).toEqual(Array.from(ts.samples));
      expect(Array.from(wasm.energy)).toEqual(Array.from(ts.energy));
    }
  });

  it('pimc reverse anneal from an initial state', async () => {
    const sampler = new PimcSampler(1);
    const { bqm, ground } = plantedIsing(30, 6);
    const params = {
      num_reads: 3,
      seed: 9,
      num_slices: 8,
      anneal_schedule: '0,1 5,0.3 15,1',
      initial_state: Array.from(ground, (v, i) => (i % 3 === 0 ? -v : v)),
    };
    const [ts, wasm] = await both(() => sampler.sample(bqm, params));
    expect(Array.from(wasm.samples)).toEqual(Array.from(ts.samples));
  });

  it('sa sampler (random starts, tiled initial states, sweeps per β)', async () => {
    const sampler = new SimulatedAnnealingSampler(1);
    const bqm = randomIsing(60, 7, 0.2);
    for (const params of [
      { num_reads: 6, seed: 1, num_sweeps: 400 },
      { num_reads: 5, seed: 2, num_sweeps: 200, num_sweeps_per_beta: 4, beta_schedule_type: 'linear' },
      {
        num_reads: 4,
        seed: 3,
        num_sweeps: 100,
        initial_states: [Array.from({ length: 60 }, (_, i) => (i % 2 ? 1 : -1))],
        initial_states_generator: 'tile',
      },
    ]) {
      const [ts, wasm] = await both(() => sampler.sample(bqm, params));
      expect(Array.from(wasm.samples)).toEqual(Array.from(ts.samples));
      expect(Array.from(wasm.energy)).toEqual(Array.from(ts.energy));
    }
  });

  it('svmc and svmc-tf samplers (forward and reverse anneals, both readouts)', async () => {
    const bqm = randomIsing(50, 9, 0.2);
    for (const variant of ['svmc', 'svmc-tf'] as const) {
      const sampler = new SvmcSampler(variant, 1);
      for (const params of [
        { num_reads: 5, seed: 4, num_sweeps: 300 },
        { num_reads: 4, seed: 5, num_sweeps: 200, readout: 'probabilistic' },
        {
          num_reads: 3,
          seed: 6,
          anneal_schedule: '0,1 1,0.6 2,1',
          initial_state: Array.from({ length: 50 }, (_, i) => (i % 2 ? 1 : -1)),
        },
      ]) {
        const [ts, wasm] = await both(() => sampler.sample(bqm, params));
        expect(Array.from(wasm.samples)).toEqual(Array.from(ts.samples));
      }
    }
  });

  it('on worker threads too (the kernel choice travels with the task)', async () => {
    const model = compileModel(randomIsing(40, 2, 0.2), 'SPIN');
    const o = {
      schedule: getSchedule('Advantage_system4.1'),
      path: forwardPath(2),
      beta: mkToBeta(12),
      numSweeps: 100,
      numSlices: 8,
      numReads: 6,
      seed: 42,
      threads: 2,
      minSecondsForThreads: 0,
    };
    const [ts, wasm] = await both(() => annealPimc(model, o));
    expect(wasm.threads).toBe(2);
    expect(Array.from(wasm.spins)).toEqual(Array.from(ts.spins));
    const sa: McTask = {
      kind: 'sa',
      model,
      betas: geomspace(0.1, 3, 100),
      sweepsPerBeta: 1,
      seed: 3,
      expand: 'random',
    };
    const [saTs, saWasm] = await both(() => runReads(sa, 6, { threads: 2, minSecondsForThreads: 0 }));
    expect(Array.from(saWasm.spins)).toEqual(Array.from(saTs.spins));
    // and an explicit task kernel wins over the environment
    const pinned = await runReads({ ...sa, kernel: 'ts' }, 6, { threads: 1 });
    expect(Array.from(pinned.spins)).toEqual(Array.from(saTs.spins));
  });
});
