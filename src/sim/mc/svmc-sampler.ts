/**
 * `svmc` and `svmc-tf`: spin-vector Monte Carlo (SSSV) and its transverse-field variant as samplers. Each read
 * starts with every rotor at θ = π/2 (or at the initial_state of a reverse anneal), follows the schedule at the
 * given temperature, and is projected to spins at the end (svmc-kernel.ts).
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
import type { RotorReadout, SvmcVariant } from './svmc-kernel.js';
import type { SvmcTask } from './tasks.js';
import { readsToSampleSet } from './to-sample-set.js';

export class SvmcSampler implements Sampler {
  readonly name: SvmcVariant;
  readonly parameters: ParameterSpecs = {
    ...readsAndSeedSpecs,
    ...annealParameterSpecs,
    readout: {
      kind: 'enum',
      values: ['sign', 'probabilistic'],
      default: 'sign',
      doc: 'rotor → spin: sign(cos θ) (SSSV) or +1 with probability (1 + cos θ)/2',
    },
  };
  readonly properties: Readonly<Record<string, unknown>>;

  constructor(
    variant: SvmcVariant = 'svmc',
    private readonly threads?: number,
  ) {
    this.name = variant;
    this.properties = {
      description:
        variant === 'svmc'
          ? 'spin-vector Monte Carlo (Shin, Smith, Smolin & Vazirani): O(2) rotors, uniform proposals'
          : 'spin-vector Monte Carlo with transverse-field-dependent steps (SVMC-TF, Albash & Lidar)',
      threaded: true,
    };
  }

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
    const task: SvmcTask = {
      kind: 'svmc',
      variant: this.name,
      model,
      betaGamma: anneal.table.betaGamma,
      betaLambda: anneal.table.betaLambda,
      seed,
      readout: p.readout as RotorReadout,
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
      spin_updates: res.updates,
    });
    ss.info.timing = clock.timing();
    return ss;
  }
}
