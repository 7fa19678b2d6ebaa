import { afterAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { Rng } from '../../src/sim/rng.js';
import { lowestLevels } from '../../src/sim/spectrum/block-lanczos.js';
import { denseEigensystem } from '../../src/sim/spectrum/dense.js';
import { lanczosGround } from '../../src/sim/spectrum/lanczos.js';
import { matvec } from '../../src/sim/spectrum/matvec.js';
import { threadedMatvec } from '../../src/sim/spectrum/threaded-matvec.js';
import { buildDiagonal } from '../../src/sim/statevector/diagonal.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';

function randomModel(n: number, seed: number, integer: boolean) {
  const rng = Rng.fromSeed(seed);
  const h: [number, number][] = [];
  const J: [[number, number], number][] = [];
  for (let i = 0; i < n; i++) h.push([i, integer ? rng.nextInt(3) - 1 : rng.nextDouble() - 0.5]);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (rng.next() < 0.4) J.push([[i, j], integer ? (rng.nextInt(2) ? 1 : -1) : 2 * rng.nextDouble() - 1]);
  return compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN');
}

describe('Krylov eigensolvers against dense diagonalisation', () => {
  for (const [n, integer, gamma, lambda] of [
    [7, true, 0.6, 0.4],
    [8, false, 0.3, 0.7],
    [6, true, 0.05, 0.95],
  ] as const) {
    it(`n=${n}, ${integer ? 'integer' : 'float'} biases, Γ=${gamma}, Λ=${lambda}: lowest 6 levels with multiplicity`, async () => {
      const m = randomModel(n, 7 + n, integer);
      const dense = denseEigensystem(m, gamma, lambda);
      const diag = buildDiagonal(m);
      const got = await lowestLevels(n, diag, gamma, lambda, { k: 6 });
      for (let i = 0; i < 6; i++) expect(got.values[i]).toBeCloseTo(dense.values[i]!, 9);
      const g = lanczosGround(n, diag, gamma, lambda);
      expect(g.energy).toBeCloseTo(dense.values[0]!, 10);
      expect(g.residual).toBeLessThan(1e-7);
    });
  }

  it('finds every copy of a degenerate level (ring with h = 0 near s = 1: near-twofold levels)', async () => {
    const n = 6;
    const J: [[number, number], number][] = [];
    for (let i = 0; i < n; i++) J.push([[i, (i + 1) % n], -1]);
    const m = compileModel(BinaryQuadraticModel.fromIsing([], J), 'SPIN');
    const dense = denseEigensystem(m, 0.2, 0.8);
    const got = await lowestLevels(n, buildDiagonal(m), 0.2, 0.8, { k: 8 });
    for (let i = 0; i < 8; i++) expect(got.values[i]).toBeCloseTo(dense.values[i]!, 9);
  });
});

describe('threaded Lanczos products', () => {
  it('2 workers give the same lowest levels as one thread (n = 16)', async () => {
    const m = randomModel(16, 21, true);
    const local = buildDiagonal(m);
    const shared = buildDiagonal(m, { shared: true });
    const a = await lowestLevels(16, local, 0.45, 0.55, { k: 2 });
    const b = await lowestLevels(16, shared, 0.45, 0.55, { k: 2, threads: 2 });
    for (let i = 0; i < 2; i++) expect(b.values[i]).toBeCloseTo(a.values[i]!, 10);
  });
});

afterAll(async () => {
  await closeAllPools();
});

describe('threaded products', () => {
  it('two models at the same (Γ, Λ) each get their own level table on the shared workers', async () => {
    const n = 16;
    const N = 2 ** n;
    const x = new Float64Array(new SharedArrayBuffer(8 * N));
    const rng = Rng.fromSeed(3);
    for (let z = 0; z < N; z++) x[z] = rng.nextDouble() - 0.5;
    for (const seed of [1, 2]) {
      const diag = buildDiagonal(randomModel(n, seed, true), { shared: true });
      expect(diag.kind).toBe('levels');
      const serial = new Float64Array(N);
      matvec(x, serial, n, diag, 0.5, 0.5, undefined);
      const y = new Float64Array(new SharedArrayBuffer(8 * N));
      await threadedMatvec(n, diag, 0.5, 0.5, 2)(x, y);
      let maxDiff = 0;
      for (let z = 0; z < N; z++) maxDiff = Math.max(maxDiff, Math.abs(y[z]! - serial[z]!));
      expect(maxDiff).toBe(0);
    }
  });
});
