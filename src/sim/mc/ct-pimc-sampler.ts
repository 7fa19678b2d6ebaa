/**
 * `pimc-ct`: continuous-time path-integral Monte Carlo (ct-pimc-kernel.ts) as a sampler: no Trotter slices and
 * no Trotter error; each sweep resamples every qubit's imaginary-time worldline once. Reads return s(τ = 0).
 * Schedule, temperature, path and sweep parameters are those of `pimc` (docs/pimc.md).
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import type { ParameterSpecs, SampleOptions, SampleParams, Sampler } from '../sampler.js';
import { annealParameterSpecs } from './anneal-params.js';
import { readsAndSeedSpecs } from './common-params.js';
import { sampleWithTask } from './task-sampling.js';
import type { CtPimcTask } from './tasks.js';

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const PIMC_CT_PARAMETERS: ParameterSpecs = { ...readsAndSeedSpecs, ...annealParameterSpecs };

export class ContinuousTimePimcSampler implements Sampler {
  readonly name = 'pimc-ct';
  readonly parameters = PIMC_CT_PARAMETERS;
  readonly properties = {
    description:
      'continuous-time path-integral Monte Carlo (worldlines with kinks, exact qubit Gibbs updates)',
    threaded: true,
  };

  constructor(private readonly threads?: number) {}

  sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    return sampleWithTask(
      {
        name: this.name,
        parameters: this.parameters,
        threads: this.threads,
        updatesKey: 'qubit_updates',
        task: (model, anneal, _p, seed): CtPimcTask => ({
          kind: 'pimc-ct',
          model,
          betaGamma: anneal.table.betaGamma,
          betaLambda: anneal.table.betaLambda,
          seed,
          ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
        }),
      },
      bqm,
      params,
      options,
    );
  }
}
