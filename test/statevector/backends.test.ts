import { afterAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { probeWebGpu } from '../../src/sim/gpu.js';
import { Rng } from '../../src/sim/rng.js';
import { annealCompiled, GPU_MAX_QUBITS } from '../../src/sim/statevector/anneal.js';
import { buildDiagonal } from '../../src/sim/statevector/diagonal.js';
import { evolve } from '../../src/sim/statevector/evolve.js';
import { GpuTrotter } from '../../src/sim/statevector/gpu-step.js';
import { buildStepPlan } from '../../src/sim/statevector/plan.js';
import { problemEnergies } from '../../src/sim/statevector/problem-energies.js';
import { newLevelTable, trotterStep } from '../../src/sim/statevector/step.js';
import { closeStatevectorThreads } from '../../src/sim/statevector/threaded.js';
import { forward } from './helpers.js';

function randomModel(n: number, seed: number, integer: boolean) {
  const rng = Rng.fromSeed(seed);
  const h: [number, number][] = [];
  const J: [[number, number], number][] = [];
  for (let i = 0; i < n; i++) h.push([i, integer ? rng.nextInt(3) - 1 : rng.nextDouble() - 0.5]);
  for (let i = 0; i < n; i++)
    for (let d = 1; d <= 3; d++)
      J.push([[i, (i + d) % n], integer ? (rng.nextInt(2) ? 1 : -1) : rng.nextDouble() - 0.5]);
  return compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN');
}

function plusState(n: number, shared: boolean): Float64Array {
  const N = 2 ** n;
  const a = new Float64Array(shared ? new SharedArrayBuffer(16 * N) : new ArrayBuffer(16 * N));
  for (let z = 0; z < N; z++) a[2 * z] = 1 / Math.sqrt(N);
  return a;
}

afterAll(async () => {
  await closeStatevectorThreads();
});

describe('threaded evolution', () => {
  for (const integer of [true, false])
    it(`2 workers reproduce the single-thread state exactly (n = 15, ${integer ? 'level table' : 'float energies'})`, async () => {
      const n = 15;
      const model = randomModel(n, 3, integer);
      const path = forward(2);
      const serialDiag = buildDiagonal(model);
      const sharedDiag = buildDiagonal(model, { shared: true });
      expect(sharedDiag.kind).toBe(integer ? 'levels' : 'energies');
      const a = plusState(n, false);
      const b = plusState(n, true);
      await evolve(a, n, serialDiag, buildStepPlan(linearSchedule, path, 0.1), { threads: 1 });
      const r = await evolve(b, n, sharedDiag, buildStepPlan(linearSchedule, path, 0.1, { shared: true }), {
        threads: 2,
      });
      expect(r.threads).toBe(2);
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
      expect(maxDiff).toBe(0);
    });
});

describe('gpu.js step', () => {
  async function compare(mode: 'webasm' | 'webgpu') {
    const n = 6;
    const model = randomModel(n, 9, false);
    const E = problemEnergies(model);
    const diag = buildDiagonal(model, { preferLevels: false });
    const g = await GpuTrotter.create(n, E, mode);
    const a = plusState(n, false);
    let f: unknown = Float32Array.from(a);
    const table = newLevelTable(diag);
    const rng = Rng.fromSeed(4);
    for (let k = 0; k < 8; k++) {
      const phi = 0.2 * rng.nextDouble();
      const th = 0.3 * rng.nextDouble();
      trotterStep(a, n, diag, table, phi, Math.cos(th), Math.sin(th));
      f = await g.step(f, phi, Math.cos(th), Math.sin(th));
    }
    const out = await g.read(f);
    g.destroy();
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - out[i]!));
    // float32: ~1e-7 relative per operation, 8 steps × (1 + n) passes on amplitudes of size 2^{-n/2}
    expect(maxDiff).toBeLessThan(2e-6);
    return g.backend;
  }

  it('the WebAssembly backend equals the float64 reference within float32 rounding', async () => {
    expect(await compare('webasm')).toBe('webasm');
  });

  it('the WebGPU backend (only where an adapter exists) equals the reference', async (ctx) => {
    if (!(await probeWebGpu())) ctx.skip('no WebGPU adapter on this machine');
    expect(await compare('webgpu')).toBe('webgpu');
  });
});

describe('the gpu backend of an anneal', () => {
  it('gives the float64 answer to float32 accuracy, overlap checkpoints included, and names its kernels', async () => {
    const model = randomModel(7, 12, false);
    const o = {
      schedule: linearSchedule,
      path: forward(5),
      dt: 0.05,
      convergenceCheck: false,
      overlapPoints: 4,
    };
    const cpu = await annealCompiled(model, { ...o, backend: 'cpu', keepState: true });
    const gpu = await annealCompiled(model, { ...o, backend: 'gpu', keepState: true });
    expect(cpu.kernel).toMatch(/^(wasm|ts)$/);
    expect(gpu.kernel).toBe((await probeWebGpu()) ? 'gpu.js:webgpu' : 'gpu.js:webasm');
    expect(gpu.threads).toBe(1);
    expect(gpu.steps).toBe(cpu.steps);
    // 100 steps × 8 passes of float32 rounding (≈ 6e-8 each) on amplitudes ≤ 1: well under 1e-4
    let maxDiff = 0;
    for (let i = 0; i < cpu.state!.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(cpu.state![i]! - gpu.state![i]!));
    expect(maxDiff).toBeGreaterThan(0); // it really ran in single precision
    expect(maxDiff).toBeLessThan(1e-4);
    expect(gpu.successProbability).toBeCloseTo(cpu.successProbability, 5);
    expect(gpu.overlap!.overlap.length).toBe(4);
    for (let j = 0; j < 4; j++) expect(gpu.overlap!.overlap[j]!).toBeCloseTo(cpu.overlap!.overlap[j]!, 5);
  });

  it(`refuses n > ${GPU_MAX_QUBITS} naming the backend`, async () => {
    const model = randomModel(GPU_MAX_QUBITS + 1, 1, true);
    await expect(
      annealCompiled(model, { schedule: linearSchedule, path: forward(1), backend: 'gpu' }),
    ).rejects.toThrow(/backend gpu: 25 qubits need a 0.25 GiB float32 state.*use backend cpu/);
  });
});
