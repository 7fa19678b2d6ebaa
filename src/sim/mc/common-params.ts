/** Parameters every Monte Carlo sampler takes, and the seed rule. */

import { randomSeed, SEED_LIMIT } from '../rng.js';
import type { ParameterSpecs } from '../sampler.js';

export const readsAndSeedSpecs: ParameterSpecs = {
  num_reads: { kind: 'integer', min: 1, default: 1, doc: 'independent anneals (one sample row each)' },
  seed: {
    kind: 'integer',
    min: 0,
    max: SEED_LIMIT - 1,
    doc: 'random seed, integer in [0, 2^32); the same seed and parameters give the same samples on any thread count (default: random, recorded in info.seed)',
  },
};

/** The user's seed or a fresh one. */
export function seedOf(p: Readonly<Record<string, unknown>>): number {
  return (p.seed as number | undefined) ?? randomSeed();
}
