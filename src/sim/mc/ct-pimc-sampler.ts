/**
 * `pimc-ct`: continuous-time path-integral Monte Carlo (ct-pimc-kernel.ts) as a sampler: no Trotter slices and
 * no Trotter error; each sweep resamples every qubit's imaginary-time worldline once. Reads return s(τ = 0).
 * Schedule, temperature, path and sweep parameters are those of `pimc` (docs/pimc.md).
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { compileModel } from '../../hamiltonian/compiled.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import {
  type ParameterSpecs,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type Sampler,
  Stopwatch,
} from '../sampler.js';
import { annealParameterSpecs, resolveAnneal } from './anneal-params.js';
import { readsAndSeedSpecs, seedOf } from './common-params.js';
import { runReads } from './parallel.js';
import type { CtPimcTask } from './tasks.js';
import { readsToSampleSet } from './to-sample-set.js';

export class ContinuousTimePimcSampler implements Sampler {
  readonly name = 'pimc-ct';
  readonly parameters: ParameterSpecs = { ...readsAndSeedSpecs, ...annealParameterSpecs };
  readonly properties = {
    description:
      'continuous-time path-integral Monte Carlo (worldlines with kinks, exact qubit Gibbs updates)',
    threaded: true,
  };

  constructor(private readonly threads?: number) {}

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const clock = new Stopwatch();
    const p = resolveParameters(this.name, this.parameters, params);
    const seed = seedOf(p);
    const anneal = resolveAnneal(p, bqm);
    const model = compileModel(bqm, 'SPIN');
    const task: CtPimcTask = {
      kind: 'pimc-ct',
      model,
      betaGamma: anneal.table.betaGamma,
      betaLambda: anneal.table.betaLambda,
      seed,
      ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
    };
    clock.lap();
    const res = await runReads(task, p.num_reads as number, {
      ...(this.threads !== undefined ? { threads: this.threads } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    clock.lap();
    const ss = readsToSampleSet(bqm, model, res.spins, {
      sampler: this.name,
      parameters: { ...p, schedule: anneal.schedule.name, seed, num_sweeps: anneal.numSweeps },
      seed,
      schedule: anneal.info,
      threads: res.threads,
      qubit_updates: res.updates,
    });
    ss.info.timing = clock.timing();
    return ss;
  }
}
