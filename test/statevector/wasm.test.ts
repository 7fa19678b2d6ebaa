import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { Rng } from '../../src/sim/rng.js';
import { annealCompiled } from '../../src/sim/statevector/anneal.js';
import { buildDiagonal, type Diagonal } from '../../src/sim/statevector/diagonal.js';
import { evolve } from '../../src/sim/statevector/evolve.js';
import { rx1, rx2, rx3, rxStaged } from '../../src/sim/statevector/kernels.js';
import { buildStepPlan } from '../../src/sim/statevector/plan.js';
import { diagonalStep, newLevelTable, trotterStep } from '../../src/sim/statevector/step.js';
import { closeStatevectorThreads } from '../../src/sim/statevector/threaded.js';
import {
  allocateWasmState,
  createWasmState,
  WASM_MAX_QUBITS,
  wasmCanRun,
  wasmKernelsAvailable,
  wasmLayout,
  wasmStateOf,
  wasmUnavailableReason,
} from '../../src/sim/statevector/wasm-kernel.js';
import { forward } from './helpers.js';

function randomModel(n: number, seed: number, integer: boolean) {
  const rng = Rng.fromSeed(seed);
  const h: [number, number][] = [];
  const J: [[number, number], number][] = [];
  for (let i = 0; i < n; i++) h.push([i, integer ? rng.nextInt(5) - 2 : rng.nextDouble() - 0.5]);
  for (let i = 0; i < n; i++)
    for (let d = 1; d <= 3 && d < n; d++)
      if (i < (i + d) % n || n > 2 * d)
        J.push([[i, (i + d) % n], integer ? (rng.nextInt(2) ? 1 : -1) : rng.nextDouble() - 0.5]);
  return compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN');
}

/** A random normalised complex state (so every amplitude and both parts take part). */
function randomState(a: Float64Array, rng: Rng): void {
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    a[i] = rng.nextDouble() - 0.5;
    norm += a[i]! * a[i]!;
  }
  for (let i = 0; i < a.length; i++) a[i]! /= Math.sqrt(norm);
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

afterAll(async () => {
  await closeStatevectorThreads();
});

afterEach(() => {
  delete process.env.QAXAI_STATEVECTOR_KERNEL;
});

describe('WASM SIMD kernels', () => {
  it('are available here (built by scripts/build.mjs; Node 20 has WebAssembly SIMD and threads)', () => {
    expect(wasmUnavailableReason()).toBe('');
    expect(wasmKernelsAvailable()).toBe(true);
  });

  // The WASM kernels do the float64 operations of kernels.ts in the same order (no fused multiply-add), so
  // the states are bit-identical; the bound the issue asks for is 1e-12.
  for (const integer of [true, false])
    it(`a WASM step equals the TypeScript float64 step for n = 1..12 (${integer ? 'level table' : 'float energies'})`, () => {
      const rng = Rng.fromSeed(integer ? 11 : 12);
      let worst = 0;
      for (let n = 1; n <= 12; n++) {
        const model = randomModel(n, 100 + n, integer);
        const ref = buildDiagonal(model);
        expect(ref.kind).toBe(integer ? 'levels' : 'energies');
        const ws = allocateWasmState(n, ref)!;
        expect(ws).toBeDefined();
        const a = new Float64Array(2 * 2 ** n);
        randomState(a, rng);
        ws.amps.set(a);
        const table = newLevelTable(ref);
        for (let k = 0; k < 6; k++) {
          // include phi = 0 (a step without its diagonal) and negative angles
          const phi = k === 2 ? 0 : 2 * rng.nextDouble() - 0.5;
          const th = 2 * rng.nextDouble() - 1;
          trotterStep(a, n, ref, table, phi, Math.cos(th), Math.sin(th));
          ws.kernel.step(ws.diag, phi, Math.cos(th), Math.sin(th));
        }
        const closing = rng.nextDouble();
        diagonalStep(a, n, ref, table, closing);
        ws.kernel.diagonal(ws.diag, closing, 0, 2 ** n);
        worst = Math.max(worst, maxDiff(a, ws.amps));
      }
      expect(worst).toBeLessThanOrEqual(1e-12);
      expect(worst).toBe(0);
    });

  it('single x-rotation passes on random qubits and partial group ranges equal kernels.ts rx1/rx2/rx3', () => {
    const rng = Rng.fromSeed(21);
    for (let trial = 0; trial < 60; trial++) {
      const n = 3 + rng.nextInt(10); // 3..12
      const k = 1 + rng.nextInt(3);
      const q = rng.nextInt(n - k + 1);
      const G = 2 ** (n - k);
      const g0 = rng.nextInt(G);
      const g1 = g0 + 1 + rng.nextInt(G - g0);
      const diag: Diagonal = { kind: 'energies', n, energies: new Float64Array(2 ** n) };
      const ws = allocateWasmState(n, diag)!;
      const a = new Float64Array(2 * 2 ** n);
      randomState(a, rng);
      ws.amps.set(a);
      const th = 6 * rng.nextDouble() - 3;
      const [c, s] = [Math.cos(th), Math.sin(th)];
      (k === 3 ? rx3 : k === 2 ? rx2 : rx1)(a, q, c, s, g0, g1);
      ws.kernel.rx(q, k, c, s, g0, g1);
      expect(maxDiff(a, ws.amps), `n=${n} q=${q} k=${k} groups [${g0}, ${g1})`).toBe(0);
    }
  });

  it('staged passes (TypeScript rxStaged and wasm rxs, used for qubits ≥ 24) equal the direct passes', () => {
    const rng = Rng.fromSeed(22);
    for (let trial = 0; trial < 40; trial++) {
      const n = 4 + rng.nextInt(9); // 4..12
      const k = 1 + rng.nextInt(3);
      const q = rng.nextInt(n - k + 1);
      const r = rng.nextInt(5); // sub-runs of 1..16 groups
      const G = 2 ** (n - k);
      const g0 = rng.nextInt(G);
      const g1 = g0 + 1 + rng.nextInt(G - g0);
      const ws = allocateWasmState(n, { kind: 'energies', n, energies: new Float64Array(2 ** n) })!;
      const a = new Float64Array(2 * 2 ** n);
      randomState(a, rng);
      ws.amps.set(a);
      const b = Float64Array.from(a);
      const th = 6 * rng.nextDouble() - 3;
      const [c, s] = [Math.cos(th), Math.sin(th)];
      (k === 3 ? rx3 : k === 2 ? rx2 : rx1)(a, q, c, s, g0, g1);
      rxStaged(b, q, k, c, s, g0, g1, new Float64Array(2 * 8 * 2 ** r), r);
      ws.kernel.rxStaged(q, k, c, s, g0, g1, r);
      const what = `n=${n} q=${q} k=${k} r=${r} groups [${g0}, ${g1})`;
      expect(maxDiff(a, b), what).toBe(0);
      expect(maxDiff(a, ws.amps), what).toBe(0);
    }
  });

  for (const integer of [true, false])
    it(`2 workers on one shared wasm memory reproduce the single-thread WASM and TypeScript states (n = 15, ${integer ? 'level table' : 'float energies'})`, async () => {
      const n = 15;
      const model = randomModel(n, 5, integer);
      const path = forward(2);
      const serialDiag = buildDiagonal(model);
      const plan = buildStepPlan(linearSchedule, path, 0.1);
      const sharedPlan = buildStepPlan(linearSchedule, path, 0.1, { shared: true });
      const N = 2 ** n;
      const plus = (x: Float64Array) => {
        x.fill(0);
        for (let z = 0; z < N; z++) x[2 * z] = 1 / Math.sqrt(N);
      };
      // TypeScript kernels, one thread
      const ref = new Float64Array(2 * N);
      plus(ref);
      expect((await evolve(ref, n, serialDiag, plan, { threads: 1 })).kernel).toBe('ts');
      // WASM, one thread
      const one = allocateWasmState(n, serialDiag)!;
      plus(one.amps);
      expect((await evolve(one.amps, n, one.diag, plan, { threads: 1 })).kernel).toBe('wasm');
      // WASM, two workers (float energies must be shared for the workers)
      const two = allocateWasmState(n, buildDiagonal(model, { shared: true }), 2)!;
      plus(two.amps);
      const r = await evolve(two.amps, n, two.diag, sharedPlan, { threads: 2 });
      expect(r).toEqual({ threads: 2, kernel: 'wasm' });
      expect(maxDiff(ref, one.amps)).toBe(0);
      expect(maxDiff(one.amps, two.amps)).toBe(0);
      // and the TypeScript kernels on the same wasm state when asked
      plus(two.amps);
      expect((await evolve(two.amps, n, two.diag, sharedPlan, { threads: 2, kernel: 'ts' })).kernel).toBe(
        'ts',
      );
      expect(maxDiff(ref, two.amps)).toBe(0);
    });

  it('the engine anneals on the WASM kernels, with the same result as QAXAI_STATEVECTOR_KERNEL=ts', async () => {
    const model = randomModel(9, 8, true);
    const opts = {
      schedule: linearSchedule,
      path: forward(3),
      steps: 40,
      convergenceCheck: false,
      threads: 1,
      keepState: true,
    };
    const w = await annealCompiled(model, opts);
    process.env.QAXAI_STATEVECTOR_KERNEL = 'ts';
    expect(wasmKernelsAvailable()).toBe(false);
    const t = await annealCompiled(model, opts);
    expect(maxDiff(w.state!, t.state!)).toBe(0);
    expect(w.successProbability).toBe(t.successProbability);
  });

  it('wasm32 limit: states up to n = 27 fit one 4 GiB memory, n = 28 is left to the TypeScript kernels', () => {
    expect(WASM_MAX_QUBITS).toBe(27);
    expect(wasmLayout(27, 8).bytes).toBeLessThanOrEqual(2 ** 32);
    expect(wasmLayout(28, 1).bytes).toBeGreaterThan(2 ** 32);
    // refused before allocating anything
    const levels: Diagonal = { kind: 'levels', n: 28, level: new Uint16Array(0), e0: 0, q: 1, count: 2 };
    expect(allocateWasmState(28, levels)).toBeUndefined();
    expect(wasmStateOf(new Float64Array(4))).toBeUndefined();
  });

  it('the engine builds the levels straight into the wasm memory (no second copy)', () => {
    const n = 10;
    const ws = createWasmState(n, 2)!;
    const diag = buildDiagonal(randomModel(n, 3, true), { levelArray: ws.levels });
    expect(diag.kind).toBe('levels');
    if (diag.kind === 'levels') expect(diag.level).toBe(ws.levels);
    expect(wasmCanRun(ws, diag)).toBe(true);
    expect(wasmCanRun(ws, buildDiagonal(randomModel(n, 3, true)))).toBe(false);
  });
});
