/** Parameters every Monte Carlo sampler takes. */

import { defineParameters, seedParameter } from '../sampler.js';

export const readsAndSeedSpecs = defineParameters({
  num_reads: { kind: 'integer', min: 1, default: 1, doc: 'independent anneals (one sample row each)' },
  seed: seedParameter(
    'random seed, integer in [0, 2^32); the same seed and parameters give the same samples on any thread count (default: random, recorded in info.seed)',
  ),
});
