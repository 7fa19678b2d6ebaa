import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { annealStatevector } from '../../src/sim/statevector/anneal.js';
import { customSchedule, forward, ring, single } from './helpers.js';

// QuantumAnnealing.jl one- and two-qubit fixtures (physics §8.5), in the team convention: Γ = A_QA, Λ = B_QA,
// H_P = hσz; the σz-conjugation leaves the diagonal of ρ unchanged, so P(|1⟩) = ρ11 (the ground state of hσz, h > 0).
describe('QuantumAnnealing.jl fixtures', () => {
  const cases: [string, (s: number) => number, (s: number) => number, number, number][] = [
    ['AS_LINEAR h=1', (s) => 1 - s, (s) => s, 1, 0.577618],
    ['AS_QUADRATIC h=1', (s) => (1 - s) ** 2, (s) => s * s, 1, 0.510963],
    [
      'AS_CIRCULAR h=0.5',
      (s) => Math.cos((Math.PI * s) / 2),
      (s) => Math.sin((Math.PI * s) / 2),
      0.5,
      0.579814,
    ],
    [
      'AS_CIRCULAR h=1.5',
      (s) => Math.cos((Math.PI * s) / 2),
      (s) => Math.sin((Math.PI * s) / 2),
      1.5,
      0.708935,
    ],
  ];
  for (const [name, G, L, h, rho11] of cases)
    it(`${name}, T=1: P(|1⟩) = ${rho11}`, async () => {
      const r = await annealStatevector(single(h), {
        schedule: customSchedule(G, L),
        path: forward(1),
        steps: 4000,
        convergenceCheck: false,
      });
      // Strang error at 4000 steps ≈ 1.3e-3·(10/4000)² ≈ 1e-8; the fixtures carry 6 digits
      expect(Math.abs(r.successProbability - rho11)).toBeLessThan(1.5e-6);
    });

  it('AS_CIRCULAR h=1 matches the closed form ρ(T) at T = 0.5, 1, 2', async () => {
    for (const T of [0.5, 1, 2]) {
      const r = 2 * T;
      const w0 = Math.PI / 2;
      const w1 = Math.sqrt(4 * T * T + (Math.PI * Math.PI) / 4);
      const c = -(r * r + w0 * w0 * Math.cos(w1)) * Math.sin(w0) + w0 * w1 * Math.cos(w0) * Math.sin(w1);
      const rho11 = (1 - c / (w1 * w1)) / 2; // ρ = (I + (aX + bY + cZ)/ω1²)/2
      const res = await annealStatevector(single(1), {
        schedule: customSchedule(
          (s) => Math.cos((Math.PI * s) / 2),
          (s) => Math.sin((Math.PI * s) / 2),
        ),
        path: forward(T),
        steps: 4000,
        convergenceCheck: false,
      });
      expect(Math.abs(res.successProbability - rho11)).toBeLessThan(1e-7);
    }
  });

  it('two qubits, cos/sin schedule with 2Z1Z2: P(|00⟩)+P(|11⟩) = 2·(0.174179, 0.046870, 0.000445) at T = 0.5, 1, 3', async () => {
    const bqm = BinaryQuadraticModel.fromIsing([], [[[0, 1], 2]]);
    const sched = customSchedule(
      (s) => Math.cos((Math.PI * s) / 2),
      (s) => Math.sin((Math.PI * s) / 2),
    );
    for (const [T, p00] of [
      [0.5, 0.174179],
      [1, 0.04687],
      [3, 0.000445],
    ] as const) {
      const r = await annealStatevector(bqm, {
        schedule: sched,
        path: forward(T),
        steps: 4000,
        convergenceCheck: false,
      });
      expect(r.groundDegeneracy).toBe(2);
      expect(Math.abs(1 - r.successProbability - 2 * p00)).toBeLessThan(3e-6);
    }
  });

  it('Strang splitting is second order: AS_LINEAR error at 10…160 steps falls 4× per doubling (physics §8.5 table)', async () => {
    const table = [1.31e-3, 3.27e-4, 8.18e-5, 2.04e-5, 5.01e-6];
    const errs: number[] = [];
    for (const steps of [10, 20, 40, 80, 160]) {
      const r = await annealStatevector(single(1), {
        schedule: linearSchedule,
        path: forward(1),
        steps,
        convergenceCheck: false,
      });
      errs.push(Math.abs(r.successProbability - 0.5776184));
    }
    for (let k = 1; k < errs.length; k++) expect(errs[k - 1]! / errs[k]!).toBeGreaterThan(3.7);
    for (let k = 0; k < errs.length; k++) expect(errs[k]! / table[k]!).toBeGreaterThan(0.9);
    for (let k = 0; k < errs.length; k++) expect(errs[k]! / table[k]!).toBeLessThan(1.1);
  });
});

describe('automatic step and convergence report', () => {
  it('auto dt reaches 1e-4 on the AS_LINEAR fixture and says so', async () => {
    const r = await annealStatevector(single(1), { schedule: linearSchedule, path: forward(1) });
    expect(r.convergence.checked).toBe(true);
    expect(r.convergence.converged).toBe(true);
    expect(Math.abs(r.successProbability - 0.577618)).toBeLessThan(1e-4);
    expect(r.convergence.estimatedError!).toBeLessThan(1e-4);
    expect(r.convergence.fidelity!).toBeGreaterThan(0.999);
  });

  it('ring of 6, τ = 5: residual energy is ⟨H_P⟩ − E0 and the ground set has 2 states', async () => {
    const r = await annealStatevector(ring(6), { schedule: linearSchedule, path: forward(5) });
    expect(r.groundEnergy).toBe(-6);
    expect(r.groundDegeneracy).toBe(2);
    expect(r.residualEnergy).toBeCloseTo(r.expectedEnergy + 6, 12);
    expect(r.successProbability).toBeGreaterThan(0);
    expect(r.successProbability).toBeLessThan(1);
  });
});
