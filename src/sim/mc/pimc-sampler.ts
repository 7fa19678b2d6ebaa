/**
 * `pimc`: path-integral Monte Carlo (simulated quantum annealing) as a sampler. Each read anneals P Trotter
 * replicas along the schedule at the given temperature and returns one slice (docs/pimc.md).
 */

import { ParameterError } from '../../errors.js';
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
import { simulatePimcGpu } from './gpu-pimc-reads.js';
import { simulatePimc } from './pimc.js';
import type { SliceReadout } from './tasks.js';
import { readsToSampleSet } from './to-sample-set.js';

export const DEFAULT_NUM_SLICES = 32;

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const PIMC_PARAMETERS: ParameterSpecs = {
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
      (v as number) < (all.num_slices as number)
        ? undefined
        : `must be < num_slices (${all.num_slices as number})`,
  },
  backend: {
    kind: 'enum',
    values: ['cpu', 'gpu'],
    default: 'cpu',
    doc: 'cpu: the WebAssembly/TypeScript kernels on worker threads; gpu: gpu.js checkerboard Metropolis (float32; cluster_moves do not apply) over the reads in batches, on WebGPU where an adapter exists, else gpu.js’s WebAssembly backend; info.kernel says which ran',
  },
};

export class PimcSampler implements Sampler {
  readonly name = 'pimc';
  readonly parameters = PIMC_PARAMETERS;
  readonly properties = {
    description: 'discrete-time path-integral Monte Carlo (simulated quantum annealing)',
    readout_options: ['slice', 'random', 'best'],
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
    const gpu = p.backend === 'gpu';
    // an explicit cluster_moves: true cannot be honoured by the gpu backend (its default is simply not used)
    if (gpu && params.cluster_moves !== undefined && p.cluster_moves === true)
      throw new ParameterError(
        'cluster_moves: worldline cluster moves run on the cpu backend only; drop cluster_moves or use backend cpu',
        { field: 'cluster_moves' },
      );
    const o = {
      numSlices: p.num_slices as number,
      numReads: p.num_reads as number,
      seed,
      readout: p.readout as SliceReadout,
      readoutSlice: p.readout_slice as number,
      ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    };
    clock.lap();
    const res = gpu
      ? await simulatePimcGpu(model, anneal.table, o)
      : await simulatePimc(model, anneal.table, {
          ...o,
          clusterMoves: p.cluster_moves as boolean,
          ...(this.threads !== undefined ? { threads: this.threads } : {}),
        });
    clock.lap();
    const ss = readsToSampleSet(bqm, model, res.spins, {
      sampler: this.name,
      parameters: {
        ...p,
        ...(gpu ? { cluster_moves: false } : {}),
        schedule: anneal.schedule.name,
        seed,
        num_sweeps: anneal.numSweeps,
      },
      seed,
      schedule: { ...anneal.info, num_slices: p.num_slices },
      threads: res.threads,
      ...('backend' in res ? { kernel: `gpu.js:${res.backend}` } : {}),
      spin_updates: res.updates,
    });
    ss.info.timing = clock.timing();
    return ss;
  }
}
