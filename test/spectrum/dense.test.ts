import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { denseEigensystem, thermalDiagonalExpectation, thermalState } from '../../src/sim/spectrum/dense.js';
import { problemEnergies, spinOf } from '../../src/sim/statevector/problem-energies.js';

describe('dense exact diagonalisation', () => {
  it('two-spin ferromagnet: spectrum {−√(A²+B²/4), −B/2, B/2, √(A²+B²/4)} (physics §8.7)', () => {
    // H = −(A/2)(X1+X2) − (B/2) Z1Z2  ->  Γ = A/2, Λ = B/2, H_P = −Z1Z2
    const A = 1.3;
    const B = 0.7;
    const m = compileModel(BinaryQuadraticModel.fromIsing([], [[[0, 1], -1]]), 'SPIN');
    const { values } = denseEigensystem(m, A / 2, B / 2);
    const r = Math.sqrt(A * A + (B * B) / 4);
    const want = [-r, -B / 2, B / 2, r];
    for (let k = 0; k < 4; k++) expect(values[k]).toBeCloseTo(want[k]!, 12);
  });

  it('single spin Gibbs state: ⟨σz⟩ = (h/E) tanh(βE) (physics §8.6: Γ=1, h=0.5, β=4 -> 0.447097)', () => {
    // H = −Γσx − hσz: H_P = −h σz with Λ = 1
    const m = compileModel(BinaryQuadraticModel.fromIsing([[0, -0.5]], []), 'SPIN');
    const st = thermalState(denseEigensystem(m, 1, 1), 4);
    const sz = thermalDiagonalExpectation(st, (z) => spinOf(z, 0));
    const E = Math.sqrt(0.25 + 1);
    expect(sz).toBeCloseTo((0.5 / E) * Math.tanh(4 * E), 12);
    expect(sz).toBeCloseTo(0.447097, 6);
  });

  it('Gray-code energies equal direct evaluation (5 spins, random biases)', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [0, 0.3],
        [1, -1.1],
        [2, 0.25],
        [3, 0],
        [4, 2],
      ],
      [
        [[0, 1], 0.5],
        [[1, 2], -0.7],
        [[0, 4], 1.25],
        [[2, 3], 0.1],
        [[3, 4], -2],
      ],
      0.75,
    );
    const m = compileModel(bqm, 'SPIN');
    const E = problemEnergies(m);
    for (let z = 0; z < 32; z++) {
      const s = Array.from({ length: 5 }, (_, i) => spinOf(z, i));
      expect(E[z]).toBeCloseTo(bqm.energyOf(s), 12);
    }
  });
});
