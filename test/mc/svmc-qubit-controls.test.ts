/**
 * SVMC with per-qubit schedules (anneal offsets, h gain, flux biases) against the exact equilibrium of
 * independent rotors, at a fixed anneal fraction: rotor i has density ∝ exp(βΓ_i sin θ − βF_i cos θ) on
 * [0, π] (F_i = Λ_i g h_i − I_p,i Φ0 Φ_i), so P(s_i = +1) under the sign readout is the weight of θ < π/2, by
 * quadrature; Γ_i, Λ_i at the qubit's own anneal fraction, by bisection on the published c(s) column.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { getSchedule, getScheduleTable } from '../../src/hamiltonian/schedule/catalog.js';
import { fluxFieldGhz } from '../../src/hamiltonian/schedule/qubit-controls.js';
import type { AnnealPath } from '../../src/hamiltonian/schedule/types.js';
import { mkToBeta } from '../../src/hamiltonian/schedule/units.js';
import { sweepPoints, tableAtPoints } from '../../src/sim/mc/anneal-table.js';
import { runReads } from '../../src/sim/mc/parallel.js';
import { buildQubitSweepTable } from '../../src/sim/mc/qubit-table.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { ownSchedule } from '../helpers/offset-schedule.js';

afterAll(() => closeAllPools());

const NAME = 'Advantage_system4.1';
const TABLE = getScheduleTable(NAME);
const S = 0.3;
const BETA = mkToBeta(12);
const M_AFM = 1.647;

const ownAB = (delta: number) => ownSchedule(TABLE, S, delta);

/** P(cos θ > 0) for density ∝ exp(bg sin θ − bf cos θ) on [0, π] (midpoint rule, 20000 points). */
function pUp(bg: number, bf: number): number {
  const m = 20000;
  let up = 0;
  let all = 0;
  for (let k = 0; k < m; k++) {
    const t = ((k + 0.5) * Math.PI) / m;
    const w = Math.exp(bg * Math.sin(t) - bf * Math.cos(t));
    all += w;
    if (t < Math.PI / 2) up += w;
  }
  return up / all;
}

describe('SVMC with per-qubit schedules: independent rotors at their own anneal fraction', () => {
  for (const variant of ['svmc', 'svmc-tf'] as const)
    it(`${variant}: offsets, flux bias and h gain give each rotor its exact P(+1)`, async () => {
      const h = [0.4, 0.4, 0.4, 0, -0.5];
      const offsets = Float64Array.from([0, 0.06, -0.06, 0, 0.03]);
      const flux = Float64Array.from([0, 0, 0, 1e-4, 0]);
      const gain = 1.5;
      const model = compileModel(
        BinaryQuadraticModel.fromIsing(
          h.map((x, i) => [i, x] as [number, number]),
          [],
        ),
        'SPIN',
      );
      const path: AnnealPath = {
        kind: 'forward',
        points: [
          [0, S],
          [1, S],
        ],
        timeUnit: 'us',
      };
      const sweeps = 300;
      const table = tableAtPoints(getSchedule(NAME), sweepPoints(path, sweeps), BETA);
      const qubits = buildQubitSweepTable(NAME, TABLE, path, BETA, sweeps, model.n, {
        offsets,
        fluxBiases: flux,
        mAfmPh: M_AFM,
        hGain: [
          [0, gain],
          [1, gain],
        ],
      });
      const R = 4000;
      const res = await runReads(
        {
          kind: 'svmc',
          variant,
          model,
          betaGamma: table.betaGamma,
          betaLambda: table.betaLambda,
          seed: 17,
          readout: 'sign',
          qubits,
        },
        R,
        { threads: 1 },
      );
      for (let i = 0; i < h.length; i++) {
        const { A, B } = ownAB(offsets[i]!);
        const F = (B / 2) * gain * h[i]! - fluxFieldGhz(B, M_AFM) * flux[i]!;
        const p = pUp((BETA * A) / 2, BETA * F);
        let up = 0;
        for (let r = 0; r < R; r++) if (res.spins[r * h.length + i] === 1) up++;
        const err = Math.sqrt((p * (1 - p)) / R);
        expect(Math.abs(up / R - p), `rotor ${i}`).toBeLessThan(4 * err + 1e-3);
      }
    });
});
