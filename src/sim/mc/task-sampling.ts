/**
 * The common body of the annealing Monte Carlo samplers that run one task per read on the read pool
 * (`pimc-ct`, `svmc`, `svmc-tf`): resolve the anneal, build the task, run the reads, and return the rows with
 * the schedule, threads and update count in info.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { ResolvedParameters } from '../sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../sampler-base.js';
import { type annealParameterSpecs, type ResolvedAnneal, resolveAnneal } from './anneal-params.js';
import type { readsAndSeedSpecs } from './common-params.js';
import { runReads } from './parallel.js';
import type { McTask } from './tasks.js';
import { readsToSampleSet } from './to-sample-set.js';

/** The parameters every task sampler takes: reads, seed and the anneal. */
export type TaskSamplerParameters = typeof readsAndSeedSpecs & typeof annealParameterSpecs;

/** info: schedule, threads and the update count under {@link updatesKey} (besides sampler, parameters, seed, timing). */
export abstract class TaskSampler<P extends TaskSamplerParameters, T extends McTask> extends BaseSampler<P> {
  /** Info key of the update count (spin_updates, qubit_updates). */
  protected abstract readonly updatesKey: string;

  /** The task of one read from the compiled model, the resolved anneal, the parameters and the seed. */
  protected abstract task(
    model: CompiledModel,
    anneal: ResolvedAnneal,
    p: ResolvedParameters<P>,
    seed: number,
  ): T;

  protected async run(job: SampleJob<P>): Promise<SampleOutcome> {
    const { bqm, params: p, spinModel: model } = job;
    // the parameters every P here extends (TypeScript does not relate a mapped type over a generic P)
    const shared = p as ResolvedParameters<TaskSamplerParameters>;
    const seed = job.seed as number;
    const anneal = resolveAnneal(shared, bqm);
    const task = this.task(model, anneal, p, seed);
    const res = await job.sampling(() => runReads(task, shared.num_reads, job.engineOptions));
    return {
      sampleSet: readsToSampleSet(bqm, model, res.spins),
      parameters: { schedule: anneal.schedule.name, num_sweeps: anneal.numSweeps },
      info: { schedule: anneal.info, threads: res.threads, [this.updatesKey]: res.updates },
    };
  }
}
