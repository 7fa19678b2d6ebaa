/**
 * The common body of the annealing Monte Carlo samplers that run one task per read on the read pool
 * (`pimc-ct`, `svmc`, `svmc-tf`): resolve the parameters and the anneal, build the task, run the reads, and
 * return a SampleSet with the schedule, threads, update count and timing in its info.
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../../hamiltonian/compiled.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import {
  type ParameterSpecs,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  Stopwatch,
} from '../sampler.js';
import { type ResolvedAnneal, resolveAnneal } from './anneal-params.js';
import { seedOf } from './common-params.js';
import { runReads } from './parallel.js';
import type { McTask } from './tasks.js';
import { readsToSampleSet } from './to-sample-set.js';

export interface TaskSampling<T extends McTask> {
  name: string;
  parameters: ParameterSpecs;
  threads: number | undefined;
  /** The task of one read from the compiled model, the resolved anneal, the parameters and the seed. */
  task(model: CompiledModel, anneal: ResolvedAnneal, p: Readonly<Record<string, unknown>>, seed: number): T;
  /** Info key of the update count (spin_updates, qubit_updates). */
  updatesKey: string;
}

export async function sampleWithTask<T extends McTask>(
  s: TaskSampling<T>,
  bqm: BinaryQuadraticModel,
  params: SampleParams,
  options: SampleOptions,
): Promise<SampleSet> {
  const clock = new Stopwatch();
  const p = resolveParameters(s.name, s.parameters, params);
  const seed = seedOf(p);
  const anneal = resolveAnneal(p, bqm);
  const model = compileModel(bqm, 'SPIN');
  const task = s.task(model, anneal, p, seed);
  clock.lap();
  const res = await runReads(task, p.num_reads as number, {
    ...(s.threads !== undefined ? { threads: s.threads } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  clock.lap();
  const ss = readsToSampleSet(bqm, model, res.spins, {
    sampler: s.name,
    parameters: { ...p, schedule: anneal.schedule.name, seed, num_sweeps: anneal.numSweeps },
    seed,
    schedule: anneal.info,
    threads: res.threads,
    [s.updatesKey]: res.updates,
  });
  ss.info.timing = clock.timing();
  return ss;
}
