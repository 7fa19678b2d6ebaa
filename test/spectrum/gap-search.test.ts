import { afterAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { Rng } from '../../src/sim/rng.js';
import { denseEigensystem } from '../../src/sim/spectrum/dense.js';
import { minimumGap } from '../../src/sim/spectrum/gap.js';
import { krylovLevels } from '../../src/sim/spectrum/krylov-levels.js';
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

/**
 * A perturbative crossing hidden between scan points: a ferromagnetic core (spins 0–2) whose "up" state
 * freezes four satellite spins (the classical ground state) while its "down" state leaves them free, so the
 * down branch gains −Γ per satellite and crosses the frozen ground state at s ≈ 0.9245 through a gap of
 * ≈ 3e-5 (the two branches differ in seven spins). A ferromagnetic spectator pair with a tiny field adds a
 * level ≈ 0.008 above the ground level on both sides, so at the default 101-point spacing every scan point
 * sees that smooth level and the neighbouring slopes do not change sign across the dip.
 */
function hiddenCrossingModel() {
  const h: [number, number][] = [];
  const J: [[number, number], number][] = [];
  const m = 3;
  const k = 4;
  const w = 0.5;
  const eps = 0.3;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) J.push([[i, j], -2]);
  for (let f = m; f < m + k; f++) {
    h.push([f, -w / 2]);
    J.push([[0, f], -w / 2]);
  }
  for (let i = 0; i < m; i++) h.push([i, (w * k - eps) / (2 * m)]);
  J.push([[m + k, m + k + 1], -6]);
  h.push([m + k, 0.002], [m + k + 1, 0.002]);
  return compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN');
}

describe('single-vector Lanczos with partial reorthogonalisation (krylovLevels)', () => {
  for (const [n, integer, gamma, lambda] of [
    [7, true, 0.6, 0.4],
    [8, false, 0.3, 0.7],
    [9, false, 0.05, 0.95],
  ] as const) {
    it(`n=${n}, Γ=${gamma}, Λ=${lambda}: lowest 4 levels equal dense to 1e-10`, async () => {
      const m = randomModel(n, 11 + n, integer);
      const dense = denseEigensystem(m, gamma, lambda);
      const r = await krylovLevels(n, buildDiagonal(m), gamma, lambda, { k: 4 });
      // single-vector Lanczos sees one copy of each level: compare with the distinct dense levels
      const distinct: number[] = [];
      for (const v of dense.values)
        if (distinct.length === 0 || v - distinct.at(-1)! > 1e-9) distinct.push(v);
      for (let i = 0; i < 4; i++) expect(Math.abs(r.values[i]! - distinct[i]!)).toBeLessThan(1e-10);
      for (let i = 0; i < 4; i++) expect(r.errors[i]).toBeLessThan(1e-10);
    });
  }

  it('warm start equals cold start (values to 1e-10, vectors up to sign)', async () => {
    const n = 12;
    const m = randomModel(n, 3, false);
    const diag = buildDiagonal(m);
    const prev = await krylovLevels(n, diag, 0.55, 0.45, { k: 2 });
    const cold = await krylovLevels(n, diag, 0.5, 0.5, { k: 2 });
    const warm = await krylovLevels(n, diag, 0.5, 0.5, { k: 2, start: prev.vectors });
    expect(warm.matvecs).toBeLessThan(cold.matvecs);
    for (let i = 0; i < 2; i++) {
      expect(warm.values[i]).toBeCloseTo(cold.values[i]!, 10);
      let ov = 0;
      for (let z = 0; z < 2 ** n; z++) ov += warm.vectors[i]![z]! * cold.vectors[i]![z]!;
      expect(Math.abs(ov)).toBeGreaterThan(1 - 1e-8);
    }
  });

  it('restarts when the basis is capped and still converges', async () => {
    const n = 12;
    const m = randomModel(n, 8, false);
    const diag = buildDiagonal(m);
    const full = await krylovLevels(n, diag, 0.4, 0.6, { k: 2, tol: 1e-13 });
    const r = await krylovLevels(n, diag, 0.4, 0.6, { k: 2, maxBasis: 20 });
    expect(r.restarts).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) expect(r.values[i]).toBeCloseTo(full.values[i]!, 9);
  });
});

describe('gap search', () => {
  it('finds a narrow avoided crossing that the uniform scan at the default spacing misses', async () => {
    const model = hiddenCrossingModel();
    const r = await minimumGap(model, { schedule: linearSchedule, levels: 2, method: 'lanczos', threads: 1 });
    // the uniform scan never comes near the dip, and the slopes around it do not change sign
    expect(Math.min(...r.gaps)).toBeGreaterThan(100 * r.minGap);
    const i = Math.floor(r.sAtMin * 100);
    const scan = await minimumGap(model, {
      schedule: linearSchedule,
      levels: 2,
      method: 'lanczos',
      threads: 1,
      maxExtra: 0,
    });
    expect(scan.minGap).toBeGreaterThan(100 * r.minGap);
    expect(scan.certified).toBe(false);
    expect(i).toBeGreaterThan(90);
    expect(r.certified).toBe(true);
    expect(r.refinement.certification).toBeGreaterThan(0);
    // reference: golden section on krylovLevels around the reported point
    const diag = buildDiagonal(model);
    const gapAt = async (s: number) => {
      const v = (await krylovLevels(model.n, diag, 1 - s, s, { k: 2, tol: 1e-14 })).values;
      return v[1]! - v[0]!;
    };
    let lo = r.sAtMin - 2e-4;
    let hi = r.sAtMin + 2e-4;
    for (let it = 0; it < 60; it++) {
      const a = lo + 0.381966 * (hi - lo);
      const b = hi - 0.381966 * (hi - lo);
      if ((await gapAt(a)) < (await gapAt(b))) hi = b;
      else lo = a;
    }
    const ref = await gapAt(0.5 * (lo + hi));
    expect(ref).toBeLessThan(1e-4);
    expect(Math.abs(r.minGap - ref) / ref).toBeLessThan(1e-6);
    // and the dense spectrum at the reported s has that gap
    const v = denseEigensystem(model, 1 - r.sAtMin, r.sAtMin).values;
    expect(Math.abs(v[1]! - v[0]! - r.minGap) / r.minGap).toBeLessThan(1e-6);
  });

  it('refines a smooth minimum to 1e-6 relative with few evaluations (n = 12 ring + chords)', async () => {
    const n = 12;
    let x = 777;
    const rnd = () => {
      x = (1103515245 * x + 12345) % 2147483648;
      return (x / 2147483648) * 2 - 1;
    };
    const h: [number, number][] = [];
    const J: [[number, number], number][] = [];
    for (let i = 0; i < n; i++) h.push([i, 0.1 * rnd()]);
    for (let i = 0; i < n; i++) J.push([[i, (i + 1) % n], rnd() < 0 ? -1 : 1]);
    for (let i = 0; i < n; i += 2) J.push([[i, (i + 7) % n], rnd() < 0 ? -1 : 1]);
    const model = compileModel(BinaryQuadraticModel.fromIsing(h, J), 'SPIN');
    const r = await minimumGap(model, { schedule: linearSchedule, points: 11, levels: 2, method: 'lanczos' });
    expect(r.certified).toBe(true);
    expect(r.refinement.evaluations).toBeLessThan(16);
    const diag = buildDiagonal(model);
    const gapAt = async (s: number) => {
      const v = (await krylovLevels(n, diag, 1 - s, s, { k: 2, tol: 1e-14 })).values;
      return v[1]! - v[0]!;
    };
    let lo = r.sAtMin - 0.01;
    let hi = r.sAtMin + 0.01;
    for (let it = 0; it < 50; it++) {
      const a = lo + 0.381966 * (hi - lo);
      const b = hi - 0.381966 * (hi - lo);
      if ((await gapAt(a)) < (await gapAt(b))) hi = b;
      else lo = a;
    }
    const ref = await gapAt(0.5 * (lo + hi));
    expect(Math.abs(r.minGap - ref) / ref).toBeLessThan(1e-6);
  });
});

afterAll(async () => {
  await closeAllPools();
});
