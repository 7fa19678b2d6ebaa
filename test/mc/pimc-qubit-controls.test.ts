/**
 * PIMC with per-qubit schedules (anneal offsets, h gain, flux biases) against exact references, at a fixed
 * anneal fraction (a pause, so every read ends in equilibrium):
 * - independent qubits: each qubit's <σz> is the Gibbs value of −A_i/2 σx + (B_i/2 g h − I_p,i Φ0 Φ) σz at its
 *   own anneal fraction s_i = c⁻¹(c(s) + δc_i), found here by bisection on the published c(s) column (not by
 *   the code under test), up to the discrete-time (P-slice) bias, which the transfer matrix gives exactly;
 * - coupled qubits with different offsets: <σz_i>, <σz_i σz_j> against the exact P-slice averages of
 *   −Σ Γ_i σx_i + Σ Λ_i h_i σz_i + Σ √(Λ_i Λ_j) J_ij σz_i σz_j (transfer matrix);
 * - the WASM and TypeScript kernels give the same reads.
 */

import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../../src/hamiltonian/compiled.js';
import { getSchedule, getScheduleTable } from '../../src/hamiltonian/schedule/catalog.js';
import { forwardPath } from '../../src/hamiltonian/schedule/paths.js';
import { fluxFieldGhz } from '../../src/hamiltonian/schedule/qubit-controls.js';
import type { AnnealPath } from '../../src/hamiltonian/schedule/types.js';
import { mkToBeta } from '../../src/hamiltonian/schedule/units.js';
import { sweepPoints, tableAtPoints } from '../../src/sim/mc/anneal-table.js';
import { simulatePimc } from '../../src/sim/mc/pimc.js';
import { buildQubitSweepTable } from '../../src/sim/mc/qubit-table.js';
import { mcWasmAvailable } from '../../src/sim/mc/wasm-kernel.js';
import { ownSchedule } from '../helpers/offset-schedule.js';
import { trotterAverages } from './reference.js';

const NAME = 'Advantage_system4.1';
const TABLE = getScheduleTable(NAME);
const S = 0.3;
const BETA = mkToBeta(12);
const M_AFM = 1.647;
const pause: AnnealPath = {
  kind: 'forward',
  points: [
    [0, S],
    [1, S],
  ],
  timeUnit: 'us',
};

/** A_i, B_i (GHz) of a qubit with offset δc at the test's anneal fraction. */
const ownAB = (delta: number) => ownSchedule(TABLE, S, delta);

/** <σz> of −Γσx + Fσz at inverse temperature β (Gibbs). */
function gibbsZ(gamma: number, field: number, beta: number): number {
  const E = Math.hypot(gamma, field);
  return (-field / E) * Math.tanh(beta * E);
}

async function reads(
  model: CompiledModel,
  controls: Parameters<typeof buildQubitSweepTable>[6],
  o: { P: number; sweeps: number; numReads: number; seed: number; kernel?: 'ts' | 'wasm' },
  path: AnnealPath = pause,
) {
  if (o.kernel) process.env.QAXAI_MC_KERNEL = o.kernel;
  try {
    const table = tableAtPoints(getSchedule(NAME), sweepPoints(path, o.sweeps), BETA);
    const qubits = buildQubitSweepTable(NAME, TABLE, path, BETA, o.sweeps, model.n, controls);
    const res = await simulatePimc(model, table, {
      numSlices: o.P,
      numReads: o.numReads,
      seed: o.seed,
      threads: 1,
      qubits,
    });
    return res.spins;
  } finally {
    delete process.env.QAXAI_MC_KERNEL;
  }
}

function mean(spins: Int8Array, n: number, f: (row: Int8Array) => number): { mean: number; err: number } {
  const R = spins.length / n;
  let s = 0;
  let s2 = 0;
  for (let r = 0; r < R; r++) {
    const v = f(spins.subarray(r * n, (r + 1) * n));
    s += v;
    s2 += v * v;
  }
  const m = s / R;
  return { mean: m, err: Math.sqrt(Math.max(1e-12, s2 / R - m * m) / R) };
}

describe('PIMC with per-qubit schedules: independent qubits at their own anneal fraction (Gibbs)', () => {
  it('anneal offsets, a flux bias and an h gain give each qubit the exact single-qubit <σz>', async () => {
    // qubits 0–2: h = 0.2 with offsets 0, +0.05, −0.05; qubit 3: h = 0 with a flux bias; qubit 4: h = −0.3, offset 0.03
    const h = [0.2, 0.2, 0.2, 0, -0.3];
    const offsets = Float64Array.from([0, 0.05, -0.05, 0, 0.03]);
    const flux = Float64Array.from([0, 0, 0, 6e-5, 0]);
    const model = compileModel(
      BinaryQuadraticModel.fromIsing(
        h.map((x, i) => [i, x] as [number, number]),
        [],
      ),
      'SPIN',
    );
    const P = 48;
    for (const gain of [1, -1.5]) {
      const controls = {
        offsets,
        fluxBiases: flux,
        mAfmPh: M_AFM,
        hGain: [
          [0, gain],
          [1, gain],
        ] as const,
      };
      const spins = await reads(model, controls, { P, sweeps: 60, numReads: 3000, seed: 5 });
      for (let i = 0; i < h.length; i++) {
        const { A, B } = ownAB(offsets[i]!);
        const field = (B / 2) * gain * h[i]! - fluxFieldGhz(B, M_AFM) * flux[i]!;
        const exact = gibbsZ(A / 2, field, BETA);
        // the P-slice value the discrete-time PIMC converges to (exact, transfer matrix)
        const one = compileModel(BinaryQuadraticModel.fromIsing([[0, field]], []), 'SPIN');
        const trotter = trotterAverages(one, (BETA * A) / 2, BETA, P).z[0]!;
        const est = mean(spins, h.length, (row) => row[i]!);
        expect(Math.abs(trotter - exact), `P-slice bias of qubit ${i}`).toBeLessThan(0.01);
        expect(Math.abs(est.mean - trotter), `qubit ${i}, gain ${gain}`).toBeLessThan(4 * est.err);
      }
      // the offsets matter here: the three h = 0.2 qubits differ by many standard errors
      const z = [0, 1, 2].map((i) => mean(spins, h.length, (row) => row[i]!).mean);
      expect(Math.abs(z[1]! - z[2]!)).toBeGreaterThan(0.1);
    }
  }, 120_000);
});

describe('PIMC with per-qubit schedules: coupled qubits (exact P-slice averages)', () => {
  it('offsets on a frustrated triangle scale each coupler by √(Λ_i Λ_j)', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [0, 0.3],
        [1, -0.2],
        [2, 0.1],
      ],
      [
        [[0, 1], 0.8],
        [[1, 2], -0.6],
        [[0, 2], 0.7],
      ],
    );
    const model = compileModel(bqm, 'SPIN');
    const offsets = Float64Array.from([0.06, -0.04, 0]);
    const P = 12;
    const spins = await reads(model, { offsets }, { P, sweeps: 80, numReads: 4000, seed: 9 });
    // the reference model: h'_i = βΛ_i h_i, J'_ij = β√(Λ_iΛ_j) J_ij at βΛ = 1, per-qubit βΓ_i
    const ab = [0, 1, 2].map((i) => ownAB(offsets[i]!));
    const L = ab.map((x) => (BETA * x.B) / 2);
    const ref = compileModel(
      BinaryQuadraticModel.fromIsing(
        [0, 1, 2].map((i) => [i, L[i]! * model.linear[i]!] as [number, number]),
        [
          [[0, 1], Math.sqrt(L[0]! * L[1]!) * 0.8],
          [[1, 2], Math.sqrt(L[1]! * L[2]!) * -0.6],
          [[0, 2], Math.sqrt(L[0]! * L[2]!) * 0.7],
        ],
      ),
      'SPIN',
    );
    const exact = trotterAverages(
      ref,
      Float64Array.from(ab, (x) => (BETA * x.A) / 2),
      1,
      P,
    );
    for (let i = 0; i < 3; i++) {
      const est = mean(spins, 3, (row) => row[i]!);
      expect(Math.abs(est.mean - exact.z[i]!), `<σz_${i}>`).toBeLessThan(4 * est.err);
      for (let j = i + 1; j < 3; j++) {
        const c = mean(spins, 3, (row) => row[i]! * row[j]!);
        expect(Math.abs(c.mean - exact.zz[i * 3 + j]!), `<σz_${i}σz_${j}>`).toBeLessThan(4 * c.err);
      }
    }
  }, 120_000);
});

describe.runIf(mcWasmAvailable())('per-qubit PIMC: WASM = TypeScript kernels', () => {
  it('the same reads on both kernels (offsets, gain schedule and flux biases along an anneal)', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      Array.from({ length: 10 }, (_, i) => [i, ((i * 7) % 5) / 5 - 0.4] as [number, number]),
      Array.from({ length: 9 }, (_, i) => [[i, i + 1], i % 2 ? 1 : -1] as [[number, number], number]),
    );
    const model = compileModel(bqm, 'SPIN');
    const controls = {
      offsets: Float64Array.from({ length: 10 }, (_, i) => [0, 0.02, -0.03][i % 3]!),
      hGain: [
        [0, 1],
        [0.5, 2],
        [1, 0.5],
      ] as const,
      fluxBiases: Float64Array.from({ length: 10 }, (_, i) => (i === 4 ? 3e-5 : 0)),
      mAfmPh: M_AFM,
    };
    const o = { P: 8, sweeps: 50, numReads: 6, seed: 3 };
    for (const path of [pause, forwardPath(1, 'us')]) {
      const ts = await reads(model, controls, { ...o, kernel: 'ts' }, path);
      const wasm = await reads(model, controls, { ...o, kernel: 'wasm' }, path);
      expect([...wasm]).toEqual([...ts]);
    }
  });
});
