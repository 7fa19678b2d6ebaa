import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { smallestDiagonalStates } from '../../src/sim/spectrum/levels.js';
import { buildDiagonal } from '../../src/sim/statevector/diagonal.js';

describe('smallestDiagonalStates (the closed form at Γ = 0 and the gap bound’s exact states)', () => {
  // a ferromagnetic pair: the aligned states z = 0, 3 at E = −1, the others at +1
  const diag = buildDiagonal(compileModel(BinaryQuadraticModel.fromIsing([], [[[0, 1], -1]]), 'SPIN'));

  it('returns the k lowest basis states in ascending energy, ties in order of z', () => {
    expect(smallestDiagonalStates(diag, 2)).toEqual([0, 3]);
    expect(smallestDiagonalStates(diag, 3)).toEqual([0, 3, 1]);
    expect(smallestDiagonalStates(diag, 9)).toEqual([0, 3, 1, 2]);
    expect(smallestDiagonalStates(diag, 0)).toEqual([]);
  });

  it('orders by λ·E(z): a negative λ puts the highest energies first', () => {
    expect(smallestDiagonalStates(diag, 3, -1)).toEqual([1, 2, 0]);
  });
});
