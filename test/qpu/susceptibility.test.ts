/**
 * Background susceptibility on D-Wave's three-spin example (QPU documentation, "Background Susceptibility"):
 * E_χ(s) = E_3(s) + h_2χJ_12 s_1 + h_1χJ_12 s_2 + h_3χJ_23 s_2 + h_2χJ_23 s_3 + J_12χJ_23 s_1 s_3.
 */

import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel, energyOfRow } from '../../src/hamiltonian/compiled.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { withBackgroundSusceptibility } from '../../src/sim/qpu/susceptibility.js';

describe('background susceptibility', () => {
  it('adds the documented h leakage and next-nearest-neighbour coupling (three-spin chain)', () => {
    const [h1, h2, h3, J12, J23, chi] = [0.3, -0.5, 0.7, -0.8, 0.6, -0.015];
    const m = compileModel(
      BinaryQuadraticModel.fromIsing(
        [
          [0, h1],
          [1, h2],
          [2, h3],
        ],
        [
          [[0, 1], J12],
          [[1, 2], J23],
        ],
      ),
      'SPIN',
    );
    const x = withBackgroundSusceptibility(m, chi);
    expect(x.edgeU.length).toBe(3); // the new (0, 2) coupler
    for (let z = 0; z < 8; z++) {
      const s = [z & 1 ? -1 : 1, z & 2 ? -1 : 1, z & 4 ? -1 : 1];
      const e3 = h1 * s[0]! + h2 * s[1]! + h3 * s[2]! + J12 * s[0]! * s[1]! + J23 * s[1]! * s[2]!;
      const ex =
        e3 +
        h2 * chi * J12 * s[0]! +
        h1 * chi * J12 * s[1]! +
        h3 * chi * J23 * s[1]! +
        h2 * chi * J23 * s[2]! +
        J12 * chi * J23 * s[0]! * s[2]!;
      expect(energyOfRow(x, Int8Array.from(s))).toBeCloseTo(ex, 12);
    }
    expect(withBackgroundSusceptibility(m, 0)).toBe(m);
  });

  it('qpu-sim applies it on request (x_background_susceptibility) and reports it', async () => {
    const qpu = new QpuSimulator({ threads: 1 });
    const bqm = BinaryQuadraticModel.fromIsing([], [[[30, 31], -1]]);
    const ss = await qpu.sample(bqm, { num_reads: 4, x_num_sweeps: 20, x_background_susceptibility: -0.015 });
    expect((ss.info.emulation as { background_susceptibility: number }).background_susceptibility).toBe(
      -0.015,
    );
    await expect(qpu.sample(bqm, { x_background_susceptibility: 0.1 })).rejects.toThrow(
      /x_background_susceptibility/,
    );
  });
});
