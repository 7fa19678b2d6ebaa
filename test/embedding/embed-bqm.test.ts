import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UTC_PREFACTOR,
  Embedding,
  embedBqm,
  findEmbedding,
  scaledChainStrength,
  uniformTorqueCompensation,
} from '../../src/embedding/index.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { Rng } from '../../src/sim/rng.js';
import { chimeraGraph, customTopology, pegasusGraph } from '../../src/topology/index.js';
import { randomBqm } from '../helpers/random-models.js';

const cycle = customTopology([
  [0, 1],
  [1, 2],
  [2, 3],
  [0, 3],
]);
const triangle = (b = 1) =>
  BinaryQuadraticModel.fromIsing(
    [
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ],
    [
      [['a', 'b'], b],
      [['b', 'c'], b],
      [['a', 'c'], b],
    ],
  );
const emb3 = Embedding.from([
  ['a', [0]],
  ['b', [1]],
  ['c', [2, 3]],
]);

describe('chain strength', () => {
  it('uniform torque compensation: 1.414 · rms(J) · sqrt(mean degree) (dwave-system embed_bqm doctest)', () => {
    // K3 with J = 1: rms 1, mean degree 2
    expect(uniformTorqueCompensation(triangle())).toBeCloseTo(1.9996979771955565, 15);
    // J = (1, -3) on a path a-b-c plus an isolated d: rms = sqrt(5), degrees (1, 2, 1, 0) → mean 1
    const bqm = BinaryQuadraticModel.fromIsing(
      [['d', 0.5]],
      [
        [['a', 'b'], 1],
        [['b', 'c'], -3],
      ],
    );
    expect(uniformTorqueCompensation(bqm)).toBeCloseTo(DEFAULT_UTC_PREFACTOR * Math.sqrt(5), 14);
    expect(uniformTorqueCompensation(bqm, 2)).toBeCloseTo(2 * Math.sqrt(5), 14);
    expect(uniformTorqueCompensation(BinaryQuadraticModel.fromIsing([['x', 3]], []))).toBe(1);
    expect(scaledChainStrength(bqm)).toBe(3);
    expect(scaledChainStrength(bqm, 1.5)).toBe(4.5);
    // dwave-system: 1 when no chain strength is needed (no interactions), whatever the biases
    expect(scaledChainStrength(BinaryQuadraticModel.fromIsing([['x', 3]], []))).toBe(1);
  });

  it('the default is computed on the source in the smear vartype (SPIN by default), as dwave-system', () => {
    const q = BinaryQuadraticModel.fromQubo([
      [['a', 'b'], 4],
      [['b', 'c'], 4],
      [['a', 'c'], 4],
    ]);
    // SPIN form: J = 1 on each edge
    const { chainStrength, bqm } = embedBqm(q, emb3, cycle);
    expect(chainStrength).toBeCloseTo(1.9996979771955565, 15);
    expect(bqm.vartype).toBe('BINARY');
    // smeared in BINARY (dwave-system's embed_bqm default for a BINARY source): on the QUBO itself, J = 4 on
    // each edge → 1.414 · 4 · sqrt(2)
    const binary = embedBqm(q, emb3, cycle, { smearVartype: 'BINARY' });
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: dwave-system's uniform_torque_compensation prefactor is the literal 1.414
    expect(binary.chainStrength).toBeCloseTo(1.414 * 4 * Math.sqrt(2), 14);
  });
});

describe('embedBqm (dwave-system EmbeddedStructure.embed_bqm)', () => {
  it('embeds a triangle on the 4-cycle: chain coupler −chain_strength, J split over chain-to-chain couplers', () => {
    const { bqm, chainStrength } = embedBqm(triangle(), emb3, cycle);
    expect(bqm.getQuadratic(2, 3)).toBeCloseTo(-1.9996979771955565, 15);
    expect(bqm.getQuadratic(0, 1)).toBe(1);
    expect(bqm.getQuadratic(1, 2)).toBe(1);
    expect(bqm.getQuadratic(0, 3)).toBe(1);
    expect(bqm.offset).toBeCloseTo(chainStrength as number, 15);
    // the QUBO example with chain strength 1 smeared in BINARY: (2,3) −4, (2,2) = (3,3) = 2
    const q = BinaryQuadraticModel.fromQubo([
      [['a', 'b'], 1],
      [['b', 'c'], 1],
      [['a', 'c'], 1],
    ]);
    const t = embedBqm(q, emb3, cycle, { chainStrength: 1, smearVartype: 'BINARY' }).bqm;
    expect(t.getQuadratic(2, 3)).toBe(-4);
    expect([t.getLinear(0), t.getLinear(1), t.getLinear(2), t.getLinear(3)]).toEqual([0, 0, 2, 2]);
    expect([t.getQuadratic(0, 1), t.getQuadratic(0, 3), t.getQuadratic(1, 2)]).toEqual([1, 1, 1]);
  });

  it('divides J over every coupler between two chains and h over the chain qubits', () => {
    // chains a = [0, 1], b = [4, 5] in one Chimera tile: four couplers 0-4, 0-5, 1-4, 1-5
    const c1 = chimeraGraph(1);
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 1],
        ['b', -2],
      ],
      [[['a', 'b'], 2]],
    );
    const emb = Embedding.from([
      ['a', [0, 4]],
      ['b', [1, 5]],
    ]);
    const { bqm: t } = embedBqm(bqm, emb, c1, { chainStrength: 3 });
    expect([t.getLinear(0), t.getLinear(4), t.getLinear(1), t.getLinear(5)]).toEqual([0.5, 0.5, -1, -1]);
    expect(t.getQuadratic(0, 4)).toBe(-3);
    expect(t.getQuadratic(1, 5)).toBe(-3);
    expect(t.getQuadratic(0, 5)).toBe(1);
    expect(t.getQuadratic(1, 4)).toBe(1);
    expect(t.offset).toBe(6);
  });

  it('per-variable chain strengths, and errors for missing chains and interactions without couplers', () => {
    const { bqm } = embedBqm(triangle(), emb3, cycle, { chainStrength: { a: 1, b: 1, c: 5 } });
    expect(bqm.getQuadratic(2, 3)).toBe(-5);
    expect(() => embedBqm(triangle(), emb3, cycle, { chainStrength: { a: 1 } })).toThrow(
      /chain_strength: no strength given for variable "b"/,
    );
    expect(() =>
      embedBqm(
        triangle(),
        Embedding.from([
          ['a', [0]],
          ['b', [2]],
          ['c', [1]],
        ]),
        cycle,
      ),
    ).toThrow(/interaction \("a", "b"\) has no coupler/);
    expect(() => embedBqm(triangle(), Embedding.from([['a', [0]]]), cycle)).toThrow(
      /variable "b" of the problem has no chain/,
    );
  });

  it('a native embedding is a relabelling without chain strength', () => {
    const bqm = BinaryQuadraticModel.fromIsing([['x', 0.5]], [[['x', 'y'], -1]], 2);
    const r = embedBqm(
      bqm,
      Embedding.from([
        ['x', [0]],
        ['y', [4]],
      ]),
      chimeraGraph(1),
    );
    expect(r.chainStrength).toBeUndefined();
    expect(r.bqm.getLinear(0)).toBe(0.5);
    expect(r.bqm.getQuadratic(0, 4)).toBe(-1);
    expect(r.bqm.offset).toBe(2);
  });

  it('energy identity: with unbroken chains the embedded energy equals the source energy', () => {
    const target = pegasusGraph(4);
    for (const [seed, vartype] of [
      [1, 'SPIN'],
      [2, 'BINARY'],
      [3, 'SPIN'],
    ] as const) {
      const src = randomBqm(12, 0.4, seed, vartype);
      const emb = findEmbedding(src, target, { random_seed: seed, tries: 20 });
      expect(emb.maxChainLength).toBeGreaterThan(1);
      const { bqm: t } = embedBqm(src, emb, target);
      const rng = Rng.fromSeed(seed);
      for (let r = 0; r < 20; r++) {
        const x = Array.from({ length: src.numVariables }, () =>
          vartype === 'SPIN' ? rng.nextSpin() : rng.nextInt(2),
        );
        const tx = new Float64Array(t.numVariables);
        src.variables.toArray().forEach((l, i) => {
          for (const q of emb.require(l)) tx[t.variables.require(q)] = x[i]!;
        });
        expect(t.energyOf(tx)).toBeCloseTo(src.energyOf(x), 10);
      }
    }
  });
});
