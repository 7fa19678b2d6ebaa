/**
 * The sampler template (dimod's Sampler and Composite ABCs, OpenJij's BaseSampler):
 *
 * - {@link AbstractSampler}: `sampleIsing` and `sampleQubo` from `sample`, for every sampler and composite;
 * - {@link BaseSampler}: `sample()` as a template: resolve the parameters (typed by the spec record), draw the
 *   seed, check the abort signal, call the sampler's `run(job)`, and assemble `info` as
 *   `{sampler, parameters, seed, …the run's keys, timing}` with dimod's nanosecond `timing` from a stopwatch
 *   (preprocessing until `job.sampling` starts, sampling inside it, postprocessing after). A sampler implements
 *   only `run`;
 * - {@link BaseComposite}: `child`, `children` and `close` for composites.
 */

import type { BinaryQuadraticModel as Bqm } from '../hamiltonian/bqm.js';
import { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../hamiltonian/compiled.js';
import type { SamplerInfo, SampleSet } from '../hamiltonian/sample-set.js';
import { randomSeed } from './rng.js';
import {
  type Composite,
  type IsingLinear,
  type IsingQuadratic,
  type ParameterSpec,
  type ParameterSpecs,
  type Progress,
  type QuboCoefficients,
  type ResolvedParameters,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type Sampler,
  Stopwatch,
  throwIfAborted,
} from './sampler.js';

/** dimod's Sampler mixins: `sampleIsing` and `sampleQubo` build the model and call `sample`. */
export abstract class AbstractSampler implements Sampler {
  abstract readonly name: string;
  abstract readonly parameters: ParameterSpecs;
  abstract readonly properties: Readonly<Record<string, unknown>>;

  abstract sample(bqm: Bqm, params?: SampleParams, options?: SampleOptions): Promise<SampleSet>;

  sampleIsing(
    h: IsingLinear,
    J: IsingQuadratic,
    params?: SampleParams,
    options?: SampleOptions,
  ): Promise<SampleSet> {
    return this.sample(BinaryQuadraticModel.fromIsing(h, J), params, options);
  }

  sampleQubo(Q: QuboCoefficients, params?: SampleParams, options?: SampleOptions): Promise<SampleSet> {
    return this.sample(BinaryQuadraticModel.fromQubo(Q), params, options);
  }
}

/**
 * Options an engine call takes from the run: the sampler's thread count and the caller's signal, progress and
 * whether the work must leave the calling thread (SampleOptions.offMainThread).
 */
export interface EngineOptions {
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  offMainThread?: boolean;
}

/** The run's seed: a number when the spec record declares `seed`, else undefined. */
export type JobSeed<P extends ParameterSpecs> = P extends { seed: ParameterSpec }
  ? number
  : number | undefined;

/**
 * What {@link BaseSampler.run} gets: the model, the typed parameters and the run's context (its functions are
 * bound: destructuring is fine; `spinModel` compiles when read).
 */
export interface SampleJob<P extends ParameterSpecs> {
  readonly bqm: Bqm;
  /** The validated parameters with their defaults. */
  readonly params: ResolvedParameters<P>;
  /** The parameters as the caller gave them (to tell an explicit value from a default). */
  readonly given: Readonly<SampleParams>;
  readonly options: SampleOptions;
  /** The `seed` parameter, or a fresh random seed (recorded in info.seed); undefined for unseeded samplers. */
  readonly seed: JobSeed<P>;
  /** compileModel(bqm, 'SPIN'), compiled on first use. */
  readonly spinModel: CompiledModel;
  /** threads, signal, onProgress and offMainThread for an engine call (only those that are set). */
  readonly engineOptions: EngineOptions;
  /** Runs the sampling phase (the engine) and times it: info.timing.sampling_ns. */
  sampling<T>(work: () => Promise<T>): Promise<T>;
  /** info.parameters: the resolved parameters and seed with `changes` merged over them (undefined drops a key). */
  recordedParameters(changes?: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** What {@link BaseSampler.run} returns. */
export interface SampleOutcome {
  /** The rows; their info is replaced by the assembled info. */
  sampleSet: SampleSet;
  /** Merged over the resolved parameters (and seed) in info.parameters; an undefined value drops the key. */
  parameters?: Readonly<Record<string, unknown>>;
  /** The sampler's own info keys (snake_case), placed after sampler, parameters and seed; a `timing` here replaces the stopwatch's. */
  info?: Readonly<Record<string, unknown>>;
}

/**
 * The template every qaxai sampler builds on. Subclasses declare `name`, `parameters` (a spec record, ideally
 * from {@link defineParameters} so `job.params` is typed) and `properties`, and implement `run`.
 */
export abstract class BaseSampler<P extends ParameterSpecs = ParameterSpecs> extends AbstractSampler {
  abstract override readonly parameters: P;

  /** `threads`: worker threads for engines that use them (undefined: the engine's default). */
  constructor(protected readonly threads?: number) {
    super();
  }

  /** The sampler's work: from the job to the rows (and its own info keys). */
  protected abstract run(job: SampleJob<P>): Promise<SampleOutcome>;

  /** Validates `params` against {@link parameters} (override to pass some keys through unvalidated). */
  protected resolve(params: Readonly<SampleParams>): ResolvedParameters<P> {
    return resolveParameters(this.name, this.parameters, params);
  }

  /** The run's seed: the `seed` parameter or a fresh one when the sampler declares `seed`, else undefined. */
  protected seedOf(params: ResolvedParameters<P>): number | undefined {
    if (!('seed' in this.parameters)) return undefined;
    const s = (params as Record<string, unknown>).seed;
    return typeof s === 'number' ? s : randomSeed();
  }

  async sample(bqm: Bqm, params: SampleParams = {}, options: SampleOptions = {}): Promise<SampleSet> {
    const clock = new Stopwatch();
    const resolved = this.resolve(params);
    throwIfAborted(options.signal);
    const seed = this.seedOf(resolved);
    const job = new Job<P>(bqm, resolved, params, options, seed as JobSeed<P>, this.threads, clock);
    const outcome = await this.run(job);
    const info: SamplerInfo = {
      sampler: this.name,
      parameters: job.recordedParameters(outcome.parameters),
      ...(seed !== undefined ? { seed } : {}),
      ...outcome.info,
    };
    info.timing ??= clock.timing();
    outcome.sampleSet.info = info;
    return outcome.sampleSet;
  }
}

class Job<P extends ParameterSpecs> implements SampleJob<P> {
  private compiled: CompiledModel | undefined;
  readonly engineOptions: EngineOptions;

  constructor(
    readonly bqm: Bqm,
    readonly params: ResolvedParameters<P>,
    readonly given: Readonly<SampleParams>,
    readonly options: SampleOptions,
    readonly seed: JobSeed<P>,
    threads: number | undefined,
    private readonly clock: Stopwatch,
  ) {
    this.engineOptions = {
      ...(threads !== undefined ? { threads } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.offMainThread ? { offMainThread: true } : {}),
    };
  }

  get spinModel(): CompiledModel {
    this.compiled ??= compileModel(this.bqm, 'SPIN');
    return this.compiled;
  }

  // arrow properties, so that a destructured `{sampling}` keeps its job
  readonly sampling = async <T>(work: () => Promise<T>): Promise<T> => {
    this.clock.lap();
    const out = await work();
    this.clock.lap();
    return out;
  };

  readonly recordedParameters = (
    changes: Readonly<Record<string, unknown>> = {},
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      ...this.params,
      ...(this.seed !== undefined ? { seed: this.seed } : {}),
      ...changes,
    };
    for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
    return out;
  };
}

/** dimod's Composite: one child, listed in `children`; closing the composite closes the child. */
export abstract class BaseComposite<C extends Sampler = Sampler>
  extends AbstractSampler
  implements Composite
{
  readonly children: readonly Sampler[];

  constructor(readonly child: C) {
    super();
    this.children = Object.freeze([child]);
  }

  close(): Promise<void> {
    return this.child.close?.() ?? Promise.resolve();
  }
}
