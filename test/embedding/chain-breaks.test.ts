import { describe, expect, it } from 'vitest';
import {
  brokenChains,
  discard,
  Embedding,
  majorityVote,
  minimizeEnergy,
  SeededRandom,
  unembedSampleSet,
  weightedRandom,
} from '../../src/embedding/index.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';

const I = (...a: number[]) => Int32Array.from(a);
const S = (...a: number[]) => Int8Array.from(a);

describe('chain-break methods (dwave-system chain_breaks.py docstring cases)', () => {
  it('broken_chains', () => {
    const samples = S(-1, 1, -1, 1, -1, -1, 1, 1);
    expect(Array.from(brokenChains(samples, 4, [I(0, 1), I(2, 3)]))).toEqual([1, 1, 0, 0]);
    expect(Array.from(brokenChains(samples, 4, [I(0, 2), I(1, 3)]))).toEqual([0, 0, 1, 1]);
  });

  it('majority_vote: the chain majority, ties to +1 (SPIN) or 1 (BINARY)', () => {
    const r = majorityVote(S(1, 1, 0, 0, 1, 1, 1, 1, 0, 1), 5, [I(0, 1), I(2, 3, 4)], 'BINARY');
    expect(Array.from(r.samples)).toEqual([1, 0, 1, 1]);
    expect(Array.from(r.rows)).toEqual([0, 1]);
    expect(Array.from(majorityVote(S(1, -1, -1, -1), 2, [I(0, 1)], 'SPIN').samples)).toEqual([1, -1]);
    expect(Array.from(majorityVote(S(1, 0), 2, [I(0, 1)], 'BINARY').samples)).toEqual([1]);
  });

  it('discard: drops rows with a broken chain', () => {
    const r = discard(S(1, 1, 0, 1, 0, 0), 3, [I(0, 1), I(2)]);
    expect(Array.from(r.samples)).toEqual([1, 0]);
    expect(Array.from(r.rows)).toEqual([0]);
  });

  it('weighted_random: one random qubit per chain, so a 2-to-1 split gives the majority value 2/3 of the time', () => {
    const samples = S(1, 1, -1, -1, -1, 1, -1);
    let up = 0;
    const trials = 3000;
    for (let s = 0; s < trials; s++) {
      const r = weightedRandom(samples, 7, [I(0, 1, 2), I(3, 4), I(5), I(6)], new SeededRandom(s));
      expect(Array.from(r.samples.subarray(1))).toEqual([-1, 1, -1]);
      if (r.samples[0] === 1) up++;
    }
    // binomial(3000, 2/3): sd ≈ 26 counts
    expect(Math.abs(up - (2 * trials) / 3)).toBeLessThan(4 * Math.sqrt((trials * 2) / 9));
  });

  it('minimize_energy: greedy by |local field| (dwave-system MinimizeEnergy doctest)', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 0],
        ['b', 0],
        ['c', 0],
      ],
      [
        [['a', 'b'], 1],
        [['b', 'c'], 1],
        [['a', 'c'], 1],
      ],
    );
    const samples = S(1, -1, 1, 1, -1, -1, -1, -1, -1, -1, 1, -1, 1, 1, -1, 1);
    const r = minimizeEnergy(samples, 4, [I(0), I(1), I(2, 3)], bqm);
    expect(Array.from(r.samples)).toEqual([1, -1, 1, -1, -1, -1, -1, -1, 1, 1, 1, -1]);
  });
});

describe('unembedSampleSet', () => {
  const bqm = BinaryQuadraticModel.fromIsing(
    [],
    [
      [['a', 'b'], -1],
      [['b', 'c'], -1],
      [['a', 'c'], -1],
    ],
  );
  const emb = Embedding.from([
    ['a', [0, 1]],
    ['b', [2]],
    ['c', [3]],
  ]);
  const target = new SampleSet({
    variables: [0, 1, 2, 3],
    vartype: 'SPIN',
    samples: S(-1, -1, -1, -1, -1, 1, 1, 1),
    energy: [-3, 1],
    numOccurrences: [5, 2],
    info: { problem_id: 'x' },
  });

  it('resolves the planted break by majority vote (tie → +1), recomputes energies, adds chain_break_fraction', () => {
    const out = unembedSampleSet(target, emb, bqm, { chainBreakFraction: true });
    expect(out.variables).toEqual(['a', 'b', 'c']);
    expect(Array.from(out.samples)).toEqual([-1, -1, -1, 1, 1, 1]);
    expect(Array.from(out.energy)).toEqual([-3, -3]);
    expect(out.vectors.num_occurrences!.data).toEqual([5, 2]);
    expect(out.vectors.chain_break_fraction!.data).toEqual([0, 1 / 3]);
    expect(out.info.problem_id).toBe('x');
  });

  it('discard drops the broken row; minimize_energy sets it to the lower-energy value; several methods concatenate', () => {
    expect(unembedSampleSet(target, emb, bqm, { chainBreakMethod: 'discard' }).numRows).toBe(1);
    const me = unembedSampleSet(target, emb, bqm, { chainBreakMethod: 'minimize_energy' });
    // a's field from b = c = +1 is −2 < 0 → +1
    expect(Array.from(me.row(1))).toEqual([1, 1, 1]);
    const both = unembedSampleSet(target, emb, bqm, {
      chainBreakMethod: ['majority_vote', 'discard'],
      chainBreakFraction: true,
    });
    expect(both.numRows).toBe(3);
    expect(both.vectors.chain_break_method!.data).toEqual([0, 0, 1]);
    expect(both.vectors.chain_break_fraction!.data).toEqual([0, 1 / 3, 0]);
  });

  it('a BINARY source: majority vote in 0/1 with ties → 1', () => {
    const q = bqm.changeVartype('BINARY');
    const tb = target.changeVartype('BINARY');
    const out = unembedSampleSet(tb, emb, q);
    expect(out.vartype).toBe('BINARY');
    expect(Array.from(out.samples)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
