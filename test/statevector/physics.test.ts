import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { tableSchedule } from '../../src/hamiltonian/schedule/table.js';
import type { AnnealPath } from '../../src/hamiltonian/schedule/types.js';
import { Rng } from '../../src/sim/rng.js';
import { denseEigensystem } from '../../src/sim/spectrum/dense.js';
import { annealStatevector } from '../../src/sim/statevector/anneal.js';
import { customSchedule, forward, ring, single } from './helpers.js';

describe('Landau–Zener sweep (physics §8.1)', () => {
  // H(t) = (v t/2)σz + (Δ/2)σx for t ∈ [−L, L]: H_P = σz, Λ = v t/2, Γ = −Δ/2; start in the instantaneous
  // ground state at −L, measure the instantaneous ground-state population at +L.
  for (const [v, want] of [
    [0.5, 0.043214],
    [1, 0.20788],
    [2, 0.455938],
  ] as const)
    it(`Δ = 1, v = ${v}: P_nonadiabatic = exp(−πΔ²/2v) = ${want}`, async () => {
      // Trotter error grows with Λ(±L) = vL/2: keep ω·dt ≤ 0.04 at the ends (error ≈ 1e-6 here)
      const L = 40;
      const sched = customSchedule(
        () => -0.5,
        (s) => (v * (-L + 2 * L * s)) / 2,
      );
      const r = await annealStatevector(single(1), {
        schedule: sched,
        path: forward(2 * L),
        dt: 0.001,
        convergenceCheck: false,
        overlapPoints: 1,
      });
      expect(r.initialState).toBe('ground');
      const pExcited = 1 - r.overlap!.overlap[0]!;
      expect(Math.abs(pExcited - Math.exp((-Math.PI * 1) / (2 * v)))).toBeLessThan(2e-5);
      expect(Math.abs(pExcited - want)).toBeLessThan(2e-5);
    });
});

/** exp(−iHh)ψ for a dense real symmetric H via its eigensystem (interleaved complex ψ). */
function expStep(
  values: Float64Array,
  V: { get(r: number, c: number): number },
  psi: Float64Array,
  h: number,
): Float64Array {
  const N = values.length;
  const cr = new Float64Array(N);
  const ci = new Float64Array(N);
  for (let k = 0; k < N; k++)
    for (let z = 0; z < N; z++) {
      cr[k]! += V.get(z, k) * psi[2 * z]!;
      ci[k]! += V.get(z, k) * psi[2 * z + 1]!;
    }
  const out = new Float64Array(2 * N);
  for (let k = 0; k < N; k++) {
    const c = Math.cos(values[k]! * h);
    const s = -Math.sin(values[k]! * h);
    const r = cr[k]! * c - ci[k]! * s;
    const i = cr[k]! * s + ci[k]! * c;
    for (let z = 0; z < N; z++) {
      out[2 * z]! += V.get(z, k) * r;
      out[2 * z + 1]! += V.get(z, k) * i;
    }
  }
  return out;
}

describe('dense matrix-exponential propagation (n = 4)', () => {
  it('Trotter state error against exact propagation falls as dt²', async () => {
    const rng = Rng.fromSeed(11);
    const h: [number, number][] = [];
    const J: [[number, number], number][] = [];
    for (let i = 0; i < 4; i++) h.push([i, rng.nextDouble() - 0.5]);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) J.push([[i, j], 2 * rng.nextDouble() - 1]);
    const bqm = BinaryQuadraticModel.fromIsing(h, J);
    const model = compileModel(bqm, 'SPIN');
    const T = 3;
    // reference: 3000 exact exponentials of the midpoint Hamiltonian (error ~ (T/3000)² ≪ Trotter at ≤ 80 steps)
    const M = 3000;
    let psi: Float64Array = new Float64Array(32);
    for (let z = 0; z < 16; z++) psi[2 * z] = 0.25;
    for (let k = 0; k < M; k++) {
      const s = (k + 0.5) / M;
      const eig = denseEigensystem(model, 1 - s, s);
      psi = expStep(eig.values, eig.vectors, psi, T / M);
    }
    const errs: number[] = [];
    for (const steps of [10, 20, 40, 80]) {
      const r = await annealStatevector(bqm, {
        schedule: linearSchedule,
        path: forward(T),
        steps,
        convergenceCheck: false,
        keepState: true,
      });
      let d = 0;
      for (let i = 0; i < 32; i++) d += (r.state![i]! - psi[i]!) ** 2;
      errs.push(Math.sqrt(d));
    }
    for (let k = 1; k < errs.length; k++) {
      expect(errs[k - 1]! / errs[k]!).toBeGreaterThan(3.6);
      expect(errs[k - 1]! / errs[k]!).toBeLessThan(4.4);
    }
  });
});

describe('adiabatic following', () => {
  it('a slow sweep keeps the state on the instantaneous ground state (overlap > 0.999 at every check)', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [0, 0.3],
        [1, -0.2],
        [2, 0.1],
        [3, 0.4],
      ],
      [
        [[0, 1], -1],
        [[1, 2], 0.7],
        [[2, 3], -0.9],
        [[0, 3], 0.5],
      ],
    );
    const r = await annealStatevector(bqm, {
      schedule: linearSchedule,
      path: forward(1000),
      overlapPoints: 8,
    });
    for (const o of r.overlap!.overlap) expect(o).toBeGreaterThan(0.999);
    expect(r.successProbability).toBeGreaterThan(0.999);
    expect(r.overlap!.s[7]).toBe(1);
  });
});

describe('D-Wave units (GHz tables, µs paths)', () => {
  it('reverse anneal held at s = 1 with constant A, B: Rabi flip P = A²/(A²+B²)·sin²(π√(A²+B²)·t[ns])', async () => {
    const A0 = 1; // GHz
    const B0 = 1;
    const table = {
      s: Float64Array.from([0, 1]),
      A: Float64Array.from([A0, A0]),
      B: Float64Array.from([B0, B0]),
    };
    const schedule = tableSchedule('constant', table);
    const tUs = 0.001; // 1 ns
    const path: AnnealPath = {
      kind: 'reverse',
      points: [
        [0, 1],
        [tUs, 1],
      ],
      timeUnit: 'us',
      initialState: Int8Array.from([1]),
    };
    const r = await annealStatevector(single(1), { schedule, path, dt: 1e-4 });
    const w = Math.PI * Math.sqrt(A0 * A0 + B0 * B0); // rad/ns: H = 2π·(−A/2 σx + B/2 σz)
    const want = ((A0 * A0) / (A0 * A0 + B0 * B0)) * Math.sin(w * 1) ** 2;
    expect(r.timeUnit).toBe('ns');
    expect(r.duration).toBeCloseTo(1, 12);
    expect(Math.abs(r.successProbability - want)).toBeLessThan(1e-6);
  });
});

describe('Kibble–Zurek kink density, N = 10 ring (physics §8.3)', () => {
  // H = −Σ(σzσz + g σx), g(t) = −t/τ_Q from 8 to 0: Γ = 8(1 − s), Λ = 1, H_P = −Σσzσz, T = 8τ_Q;
  // kink density n = (N + ⟨H_P⟩)/(2N)
  for (const [tauQ, want] of [
    [1, 0.1291956],
    [4, 0.0189876],
  ] as const)
    it(`τ_Q = ${tauQ}: n = ${want}`, async () => {
      const r = await annealStatevector(ring(10), {
        schedule: customSchedule(
          (s) => 8 * (1 - s),
          () => 1,
        ),
        path: forward(8 * tauQ),
        dt: 0.001,
        convergenceCheck: false,
      });
      expect(r.initialState).toBe('ground');
      const n = (10 + r.expectedEnergy) / 20;
      // Strang error at dt = 0.001 ≈ 4e-7 (measured 6e-6 at dt = 0.004); the reference has 7 digits
      expect(Math.abs(n - want)).toBeLessThan(1e-6);
    });
});
