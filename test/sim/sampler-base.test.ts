/**
 * The sampler template from a user's side: a sampler written on BaseSampler (dimod's RandomSampler) passes the
 * conformance kit, gets typed parameters, and has its info assembled.
 */

import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { Rng } from '../../src/sim/rng.js';
import { defineParameters, type ResolvedParameters, seedParameter } from '../../src/sim/sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../../src/sim/sampler-base.js';
import { describeSampler } from '../../src/testing/index.js';

const RANDOM_PARAMETERS = defineParameters({
  num_reads: { kind: 'integer', min: 1, default: 10, doc: 'rows' },
  seed: seedParameter('seed of the rows'),
  flavour: { kind: 'enum', values: ['plain', 'fancy'], default: 'plain', doc: 'recorded in info' },
  note: { kind: 'string', doc: 'optional' },
});

/** Uniformly random rows (dimod's RandomSampler). */
class RandomSampler extends BaseSampler<typeof RANDOM_PARAMETERS> {
  readonly name = 'random';
  readonly parameters = RANDOM_PARAMETERS;
  readonly properties = {};

  protected async run({
    bqm,
    params,
    seed,
    sampling,
  }: SampleJob<typeof RANDOM_PARAMETERS>): Promise<SampleOutcome> {
    const rng = Rng.fromSeed(seed);
    const n = bqm.numVariables;
    const rows = await sampling(async () =>
      Int8Array.from({ length: params.num_reads * n }, () => {
        const s = rng.nextSpin();
        return bqm.vartype === 'SPIN' ? s : (s + 1) / 2;
      }),
    );
    return {
      sampleSet: SampleSet.fromSamplesBqm(bqm, rows, { numOccurrences: new Array(params.num_reads).fill(1) }),
      parameters: { note: params.note ?? 'none' },
      info: { flavour: params.flavour },
    };
  }
}

describeSampler(() => new RandomSampler(), {
  test: { describe, it, afterAll },
  name: 'a user sampler on BaseSampler',
});

describe('BaseSampler', () => {
  it('types the resolved parameters from the spec record', () => {
    type P = ResolvedParameters<typeof RANDOM_PARAMETERS>;
    expectTypeOf<P['num_reads']>().toEqualTypeOf<number>();
    expectTypeOf<P['seed']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<P['flavour']>().toEqualTypeOf<'plain' | 'fancy'>();
    expectTypeOf<P['note']>().toEqualTypeOf<string | undefined>();
  });

  it('assembles info: sampler, parameters (defaults, seed, the run’s changes), seed, own keys, timing', async () => {
    const ss = await new RandomSampler().sampleQubo([[['x', 'y'], 1]], { seed: 3, flavour: 'fancy' });
    expect(ss.vartype).toBe('BINARY');
    expect(Object.keys(ss.info)).toEqual(['sampler', 'parameters', 'seed', 'flavour', 'timing']);
    expect(ss.info.parameters).toEqual({ num_reads: 10, seed: 3, flavour: 'fancy', note: 'none' });
    expect(ss.info.seed).toBe(3);
    expect(Object.keys(ss.info.timing ?? {})).toEqual([
      'preprocessing_ns',
      'sampling_ns',
      'postprocessing_ns',
    ]);
  });

  it('draws and records a seed when none is given', async () => {
    const ss = await new RandomSampler().sampleIsing([['a', 1]], []);
    expect(ss.info.seed).toEqual(expect.any(Number));
    expect((ss.info.parameters as { seed: number }).seed).toBe(ss.info.seed);
  });
});
