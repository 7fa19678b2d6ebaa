import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel, energies, localFields } from '../../src/hamiltonian/compiled.js';
import { bruteForceEnergies, randomBqm } from '../helpers/random-models.js';

describe('BinaryQuadraticModel', () => {
  it('computes Ising energies with the dimod convention', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 0.3],
        ['b', -0.2],
      ],
      [[['a', 'b'], -1]],
      0.25,
    );
    // σa = +1, σb = -1: 0.3 + 0.2 + 1 + 0.25
    expect(bqm.energyOf([1, -1])).toBeCloseTo(1.75, 15);
    expect(
      bqm.energy(
        new Map([
          ['a', 1],
          ['b', -1],
        ]),
      ),
    ).toBeCloseTo(1.75, 15);
  });

  it('adds both key orders of a pair, and QUBO diagonals are linear', () => {
    const bqm = BinaryQuadraticModel.fromQubo([
      [[0, 0], -1],
      [[1, 1], -1],
      [[0, 1], 2],
      [[1, 0], 0.5],
    ]);
    expect(bqm.getQuadratic(0, 1)).toBe(2.5);
    expect(bqm.getLinear(0)).toBe(-1);
    expect(bqm.numInteractions).toBe(1);
  });

  it('converts SPIN <-> BINARY preserving every energy, exactly as dimod', () => {
    for (const seed of [1, 2, 3]) {
      const spin = randomBqm(7, 0.6, seed, 'SPIN');
      const bin = spin.changeVartype('BINARY');
      const e1 = bruteForceEnergies(spin);
      const e2 = bruteForceEnergies(bin);
      for (let s = 0; s < e1.length; s++) expect(e2[s]).toBeCloseTo(e1[s]!, 12);
      const back = bin.changeVartype('SPIN');
      for (let i = 0; i < 7; i++) expect(back.linearAt(i)).toBeCloseTo(spin.linearAt(i), 12);
      expect(back.offset).toBeCloseTo(spin.offset, 12);
    }
  });

  it('matches dimod on a worked conversion: h=1, J=1 SPIN -> BINARY', () => {
    // dimod: BQM({a:1,b:1},{ab:1},0,SPIN).change_vartype(BINARY) -> linear {a:0,b:0}, quad {ab:4}, offset -1
    const spin = BinaryQuadraticModel.fromIsing(
      [
        ['a', 1],
        ['b', 1],
      ],
      [[['a', 'b'], 1]],
    );
    const bin = spin.changeVartype('BINARY');
    expect(bin.getLinear('a')).toBe(0);
    expect(bin.getLinear('b')).toBe(0);
    expect(bin.getQuadratic('a', 'b')).toBe(4);
    expect(bin.offset).toBe(-1);
  });

  it('refuses self-loops and non-finite biases, naming them', () => {
    const bqm = new BinaryQuadraticModel('SPIN');
    expect(() => bqm.addQuadratic('a', 'a', 1)).toThrow(/self-loop on "a"/);
    expect(() => bqm.addLinear('a', Number.NaN)).toThrow(ModelError);
    expect(() => bqm.addQuadratic('a', 'b', Number.POSITIVE_INFINITY)).toThrow(
      /quadratic bias of \("a", "b"\) is Infinity/,
    );
  });

  it('compiles to a symmetric CSR whose batched energies equal brute force', () => {
    const bqm = randomBqm(9, 0.5, 11, 'BINARY');
    const m = compileModel(bqm);
    const n = 9;
    const rows = 2 ** n;
    const samples = new Int8Array(rows * n);
    for (let s = 0; s < rows; s++)
      for (let v = 0; v < n; v++) samples[s * n + v] = Math.floor(s / 2 ** v) % 2;
    const e = energies(m, samples, rows);
    const ref = bruteForceEnergies(bqm);
    for (let s = 0; s < rows; s++) expect(e[s]).toBeCloseTo(ref[s]!, 12);
    // symmetry and local fields
    for (let i = 0; i < n; i++)
      for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) {
        const j = m.colIdx[p]!;
        expect(bqm.getQuadratic(bqm.variables.at(i), bqm.variables.at(j))).toBe(m.weights[p]);
        if (p > m.rowPtr[i]!) expect(m.colIdx[p - 1]!).toBeLessThan(j); // rows sorted by column
      }
    const spin = compileModel(bqm, 'SPIN');
    const sigma = Int8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : -1));
    const f = localFields(spin, sigma);
    const e0 = energies(spin, sigma, 1)[0]!;
    for (let k = 0; k < n; k++) {
      const flipped = sigma.slice();
      flipped[k] = -flipped[k]!;
      expect(energies(spin, flipped, 1)[0]! - e0).toBeCloseTo(-2 * sigma[k]! * f[k]!, 12);
    }
  });
});
