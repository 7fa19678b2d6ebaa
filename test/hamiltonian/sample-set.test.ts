import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import type { Label } from '../../src/hamiltonian/labels.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { SpinReversalTransformComposite } from '../../src/sim/composites/spin-reversal.js';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';

describe('sample sets of a model without variables', () => {
  it('fromSamplesBqm counts the rows from the per-row data', () => {
    const bqm = new BinaryQuadraticModel('SPIN', 1.5);
    const ss = SampleSet.fromSamplesBqm(bqm, new Int8Array(0), { numOccurrences: [3, 4] });
    expect(ss.numRows).toBe(2);
    expect([...ss.energy]).toEqual([1.5, 1.5]);
    expect(SampleSet.fromSamplesBqm(bqm, new Int8Array(0)).numRows).toBe(0);
  });

  it('the spin-reversal composite samples the empty model (found by the conformance kit)', async () => {
    const ss = await new SpinReversalTransformComposite(new ExactSolver(1)).sample(
      new BinaryQuadraticModel('BINARY', -2),
      { num_spin_reversal_transforms: 2, srt_seed: 1 },
    );
    expect(ss.numRows).toBe(2);
    expect([...ss.energy]).toEqual([-2, -2]);
  });
});

describe("dimod's SampleSet vocabulary", () => {
  // rows: energies 2, -1, -1 + 1e-9, 0.5; a chain_break_fraction vector
  const ss = new SampleSet({
    variables: ['a', 1, ['t', 2]],
    vartype: 'SPIN',
    samples: Int8Array.from([1, 1, 1, -1, 1, 1, -1, -1, 1, 1, -1, -1]),
    energy: [2, -1, -1 + 1e-9, 0.5],
    numOccurrences: [1, 2, 3, 4],
    vectors: { chain_break_fraction: { dataType: 'float64', shape: [4], data: [0, 0.5, 0, 1] } },
    info: { sampler: 'test' },
  });

  it('first is the lowest-energy row with its fields in dimod order', () => {
    const f = ss.first;
    expect(Object.keys(f)).toEqual(['sample', 'energy', 'num_occurrences', 'chain_break_fraction']);
    expect(f.energy).toBe(-1);
    expect(f.num_occurrences).toBe(2);
    expect([...f.sample.values()]).toEqual([-1, 1, 1]);
    expect(() => ss.select([]).first).toThrow(/no rows/);
  });

  it('lowest keeps the rows within atol/rtol of the minimum, in row order', () => {
    expect([...ss.lowest().energy]).toEqual([-1, -1 + 1e-9]);
    expect([...ss.lowest({ rtol: 0, atol: 1e-12 }).energy]).toEqual([-1]);
    expect([...ss.lowest({ rtol: 0, atol: 1.6 }).energy]).toEqual([-1, -1 + 1e-9, 0.5]);
    expect(ss.select([]).lowest().numRows).toBe(0);
  });

  it('data iterates rows sorted by energy, or by another vector, or in row order, optionally reversed', () => {
    expect([...ss.data()].map((r) => r.energy)).toEqual([-1, -1 + 1e-9, 0.5, 2]);
    expect([...ss.data({ sortedBy: null })].map((r) => r.num_occurrences)).toEqual([1, 2, 3, 4]);
    expect(
      [...ss.data({ sortedBy: 'chain_break_fraction', reverse: true })].map((r) => r.num_occurrences),
    ).toEqual([4, 2, 3, 1]);
    expect(Object.keys([...ss.data({ fields: ['energy', 'sample'] })][0]!)).toEqual(['energy', 'sample']);
    expect(() => [...ss.data({ fields: ['nope'] })]).toThrow(/nope is not a field/);
  });

  it('sampleList gives label maps in energy order', () => {
    const list = ss.sampleList(2);
    expect(list).toHaveLength(2);
    expect(list[0]!.get('a')).toBe(-1);
    expect(list[1]!.get(1)).toBe(-1);
  });

  it('relabelVariables renames (swaps included) and refuses to merge two variables', () => {
    const r = ss.relabelVariables(
      new Map<Label, Label>([
        ['a', 1],
        [1, 'a'],
        [['t', 2], 'tt'],
      ]),
    );
    expect(r.variables).toEqual([1, 'a', 'tt']);
    expect([...r.samples]).toEqual([...ss.samples]);
    expect(ss.relabelVariables({ 1: 'one' }).variables).toEqual(['a', 'one', ['t', 2]]);
    expect(() => ss.relabelVariables({ a: 1 })).toThrow(/two variables the label 1/);
  });

  it('concatenate aligns columns to the first set; concat is the same', () => {
    const other = ss.select([0]).reorder([['t', 2], 'a', 1]);
    const both = SampleSet.concatenate([ss.select([1]), other]);
    expect(both.variables).toEqual(['a', 1, ['t', 2]]);
    expect([...both.samples]).toEqual([-1, 1, 1, 1, 1, 1]);
    expect(both.info).toEqual({ sampler: 'test' });
    expect([...SampleSet.concat([ss, ss]).energy]).toEqual([...ss.energy, ...ss.energy]);
  });
});
