import { describe, expect, it } from 'vitest';
import { Embedding, isValidEmbedding, validateEmbedding } from '../../src/embedding/index.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { chimeraGraph, customTopology } from '../../src/topology/index.js';

// the 4-cycle 0-1-2-3-0
const cycle = customTopology([
  [0, 1],
  [1, 2],
  [2, 3],
  [0, 3],
]);
const triangle = BinaryQuadraticModel.fromIsing(
  [],
  [
    [['a', 'b'], 1],
    [['b', 'c'], 1],
    [['a', 'c'], 1],
  ],
);

describe('validateEmbedding', () => {
  it('accepts a triangle on the 4-cycle with one chain of two', () => {
    const emb = Embedding.from([
      ['a', [0]],
      ['b', [1]],
      ['c', [2, 3]],
    ]);
    expect(() => validateEmbedding(emb, triangle, cycle)).not.toThrow();
    expect(isValidEmbedding(emb, triangle, cycle)).toBe(true);
  });

  it('says which variable, qubit or interaction is at fault', () => {
    const check = (entries: [string, number[]][]) => () =>
      validateEmbedding(Embedding.from(entries), triangle, cycle);
    expect(
      check([
        ['a', [0]],
        ['b', [1]],
      ]),
    ).toThrow(/variable "c" of the problem has no chain/);
    expect(
      check([
        ['a', [0]],
        ['b', [1]],
        ['c', [2, 9]],
      ]),
    ).toThrow(/variable "c" uses qubit 9, which is not a working qubit/);
    expect(
      check([
        ['a', [0]],
        ['b', [1, 2]],
        ['c', [2, 3]],
      ]),
    ).toThrow(/qubit 2 is in the chains of both "b" and "c"/);
    expect(
      check([
        ['a', [1]],
        ['b', [3]],
        ['c', [0, 2]],
      ]),
    ).toThrow(/the chain of variable "c" \[0, 2\] is not connected/);
    expect(
      check([
        ['a', [0]],
        ['b', [2]],
        ['c', [1]],
      ]),
    ).toThrow(/interaction \("a", "b"\) has no coupler between its chains/);
    expect(isValidEmbedding(Embedding.from([['a', [0]]]), triangle, cycle)).toBe(false);
  });

  it('checks broken qubits of a working graph', () => {
    const working = chimeraGraph(1).withFaults({ brokenNodes: [4] });
    const bqm = BinaryQuadraticModel.fromIsing([], [[[0, 1], -1]]);
    expect(() =>
      validateEmbedding(
        Embedding.from([
          [0, [0]],
          [1, [4]],
        ]),
        bqm,
        working,
      ),
    ).toThrow(/qubit 4, which is not a working qubit of chimera\(1, 1, 4\) working graph/);
    expect(() =>
      validateEmbedding(
        Embedding.from([
          [0, [0]],
          [1, [5]],
        ]),
        bqm,
        working,
      ),
    ).not.toThrow();
  });
});
