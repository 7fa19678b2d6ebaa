/**
 * `pimc`: path-integral Monte Carlo (simulated quantum annealing) as a sampler. Each read anneals P Trotter
 * replicas along the schedule at the given temperature and returns one slice (docs/pimc.md).
 */

import { ParameterError } from '../../errors.js';
import { defineParameters } from '../sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../sampler-base.js';
import { annealParameterSpecs, resolveAnneal } from './anneal-params.js';
import { readsAndSeedSpecs } from './common-params.js';
import { simulatePimcGpu } from './gpu-pimc-reads.js';
import { simulatePimc } from './pimc.js';
import { readsToSampleSet } from './to-sample-set.js';

export const DEFAULT_NUM_SLICES = 32;

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const PIMC_PARAMETERS = defineParameters({
  ...readsAndSeedSpecs,
  ...annealParameterSpecs,
  num_slices: {
    kind: 'integer',
    min: 2,
    default: DEFAULT_NUM_SLICES,
    doc: 'Trotter slices P (≥ 2); the Trotter error in averages is O(1/P²)',
  },
  cluster_moves: {
    kind: 'boolean',
    default: true,
    doc: 'after each Metropolis sweep, resample every qubit worldline with imaginary-time Swendsen–Wang clusters',
  },
  readout: {
    kind: 'enum',
    values: ['slice', 'random', 'best'],
    default: 'slice',
    doc: 'which slice a read returns: slice readout_slice, a uniformly random slice, or the lowest-energy slice',
  },
  readout_slice: {
    kind: 'integer',
    min: 0,
    default: 0,
    doc: 'the slice returned when readout is "slice" (0 ≤ readout_slice < num_slices)',
    check: (v, all) =>
      Number(v) < Number(all.num_slices) ? undefined : `must be < num_slices (${String(all.num_slices)})`,
  },
  backend: {
    kind: 'enum',
    values: ['cpu', 'gpu'],
    default: 'cpu',
    doc: 'cpu: the WebAssembly/TypeScript kernels on worker threads; gpu: gpu.js checkerboard Metropolis (float32; cluster_moves do not apply) over the reads in batches, on WebGPU where an adapter exists, else gpu.js’s WebAssembly backend; info.kernel says which ran',
  },
});

/** info: schedule, threads, kernel (gpu), spin_updates (besides sampler, parameters, seed, timing). */
export class PimcSampler extends BaseSampler<typeof PIMC_PARAMETERS> {
  readonly name = 'pimc';
  readonly parameters = PIMC_PARAMETERS;
  readonly properties = {
    description: 'discrete-time path-integral Monte Carlo (simulated quantum annealing)',
    readout_options: ['slice', 'random', 'best'],
    threaded: true,
  };

  protected async run(job: SampleJob<typeof PIMC_PARAMETERS>): Promise<SampleOutcome> {
    const { bqm, params: p, seed, spinModel: model, engineOptions } = job;
    const anneal = resolveAnneal(p, bqm);
    const gpu = p.backend === 'gpu';
    // an explicit cluster_moves: true cannot be honoured by the gpu backend (its default is simply not used)
    if (gpu && job.given.cluster_moves !== undefined && p.cluster_moves === true)
      throw new ParameterError(
        'cluster_moves: worldline cluster moves run on the cpu backend only; drop cluster_moves or use backend cpu',
        { field: 'cluster_moves' },
      );
    const { threads, ...engine } = engineOptions;
    const o = {
      numSlices: p.num_slices,
      numReads: p.num_reads,
      seed,
      readout: p.readout,
      readoutSlice: p.readout_slice,
      ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
      ...engine,
    };
    const res = await job.sampling(() =>
      gpu
        ? simulatePimcGpu(model, anneal.table, o)
        : simulatePimc(model, anneal.table, {
            ...o,
            clusterMoves: p.cluster_moves,
            ...(threads !== undefined ? { threads } : {}),
          }),
    );
    return {
      sampleSet: readsToSampleSet(bqm, model, res.spins),
      parameters: {
        ...(gpu ? { cluster_moves: false } : {}),
        schedule: anneal.schedule.name,
        num_sweeps: anneal.numSweeps,
      },
      info: {
        schedule: { ...anneal.info, num_slices: p.num_slices },
        threads: res.threads,
        ...('backend' in res ? { kernel: `gpu.js:${res.backend}` } : {}),
        spin_updates: res.updates,
      },
    };
  }
}
