/**
 * The sampler contract, in the spirit of dimod: declared `parameters` (validated, with defaults), free-form
 * `properties`, and `sample(model, params) -> SampleSet` whose `info` records the sampler, the parameters used
 * and timing. Composites wrap a child sampler and forward its parameters; structured samplers expose the
 * graph they accept (`nodelist`, `edgelist`).
 *
 * Parameter names are Ocean's (snake_case: num_reads, annealing_time, beta_range, …) so the same record can
 * go to the Leap adapter, into `info.parameters`, and be compared with real QPU runs. The CLI maps
 * `--num-reads` to `num_reads`.
 */

import { CancelledError, ParameterError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import type { Label } from '../hamiltonian/labels.js';
import type { SampleSet } from '../hamiltonian/sample-set.js';
import { SEED_LIMIT } from './rng.js';

export type ParameterKind = 'integer' | 'number' | 'boolean' | 'string' | 'enum' | 'json';

export interface ParameterSpec {
  kind: ParameterKind;
  /** One line for help text and docs; state the unit. */
  doc: string;
  default?: unknown;
  /** Inclusive bounds for numbers (exclusive lower bound when `exclusiveMin`). */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  /** Legal values of an enum. */
  values?: readonly string[];
  /** The property that lists this parameter's legal range (dimod's parameters -> properties link). */
  property?: string;
  /** Extra check; returns an error message (without the parameter name) or undefined. */
  check?: (value: unknown, params: Readonly<Record<string, unknown>>) => string | undefined;
}

export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;
export type SampleParams = Record<string, unknown>;

/**
 * Declares a parameter record keeping its literal types (kinds, enum values), so that
 * {@link resolveParameters} returns typed values: `defineParameters({num_reads: {kind: 'integer', …}})`.
 */
export function defineParameters<const P extends ParameterSpecs>(specs: P): P {
  return specs;
}

/** The `seed` parameter: an integer in [0, 2^32); `doc` says what it seeds and its default. */
export function seedParameter(doc: string) {
  return { kind: 'integer', min: 0, max: SEED_LIMIT - 1, doc } as const satisfies ParameterSpec;
}

interface KindValues {
  integer: number;
  number: number;
  boolean: boolean;
  string: string;
  enum: string;
  json: unknown;
}

/** The value type of one parameter: number for integer/number, its values for an enum, unknown for json. */
export type ParameterValue<S extends ParameterSpec> = S extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : KindValues[S['kind']];

/**
 * The record {@link resolveParameters} returns: every declared parameter with its typed value; those without a
 * default may be undefined (not given).
 */
export type ResolvedParameters<P extends ParameterSpecs> = {
  -readonly [K in keyof P]: P[K] extends { default: NonNullable<unknown> }
    ? ParameterValue<P[K]>
    : ParameterValue<P[K]> | undefined;
};

/** Ising biases as dimod's sample_ising takes them: h as (label, bias) entries, J as ((u, v), bias) entries. */
export type IsingLinear = Iterable<readonly [Label, number]>;
export type IsingQuadratic = Iterable<readonly [readonly [Label, Label], number]>;
/** QUBO coefficients as dimod's sample_qubo takes them: ((u, v), bias) entries; (u, u) is linear. */
export type QuboCoefficients = Iterable<readonly [readonly [Label, Label], number]>;

/** Progress of a long sampling job (for CLI bars and web progress events). */
export interface Progress {
  done: number;
  total: number;
  label?: string;
}

export interface SampleOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /**
   * Run the sampling on worker threads even when the job is small or one thread is asked for, so the calling
   * thread stays free (a server answering requests). Samplers whose engines have no threads ignore it.
   */
  offMainThread?: boolean;
}

export interface Sampler {
  /** Registry name, e.g. "exact", "sa", "pimc", "statevector", "qpu-sim", "leap". */
  readonly name: string;
  readonly parameters: ParameterSpecs;
  readonly properties: Readonly<Record<string, unknown>>;
  sample(bqm: BinaryQuadraticModel, params?: SampleParams, options?: SampleOptions): Promise<SampleSet>;
  /** Samples the SPIN model of h and J (dimod's sample_ising). */
  sampleIsing(
    h: IsingLinear,
    J: IsingQuadratic,
    params?: SampleParams,
    options?: SampleOptions,
  ): Promise<SampleSet>;
  /** Samples the BINARY model of Q (dimod's sample_qubo). */
  sampleQubo(Q: QuboCoefficients, params?: SampleParams, options?: SampleOptions): Promise<SampleSet>;
  /** Releases threads, sockets, GPU contexts. Idempotent. */
  close?(): Promise<void>;
}

/** A sampler that accepts only problems on a fixed graph (QPU-shaped). */
export interface StructuredSampler extends Sampler {
  readonly nodelist: readonly number[];
  readonly edgelist: readonly (readonly [number, number])[];
}

/** A sampler that wraps another (embedding, spin reversal, …). */
export interface Composite extends Sampler {
  /** The wrapped sampler (children[0]). */
  readonly child: Sampler;
  /** The wrapped samplers, as dimod lists them. */
  readonly children: readonly Sampler[];
}

export function isStructured(s: Sampler): s is StructuredSampler {
  return Array.isArray((s as StructuredSampler).nodelist) && Array.isArray((s as StructuredSampler).edgelist);
}

export function isComposite(s: Sampler): s is Composite {
  return typeof (s as Composite).child === 'object' && (s as Composite).child !== null;
}

/** The first structured sampler found going down the child chain (dwave-system's child_structure_dfs). */
export function findStructuredChild(s: Sampler): StructuredSampler | undefined {
  for (let cur: Sampler | undefined = s; cur; cur = isComposite(cur) ? cur.child : undefined)
    if (isStructured(cur)) return cur;
  return undefined;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Validates `params` against `specs`, fills defaults and returns the full parameter record. Unknown keys and
 * invalid values throw a ParameterError naming the parameter and what is accepted. Numeric strings are
 * accepted for numeric kinds (CLI input).
 */
export function resolveParameters<P extends ParameterSpecs>(
  samplerName: string,
  specs: P,
  params: Readonly<SampleParams> = {},
): ResolvedParameters<P> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(params)) {
    if (!(key in specs)) {
      const known = Object.keys(specs).sort().join(', ') || '(none)';
      throw new ParameterError(
        `${key}: the ${samplerName} sampler has no such parameter; it takes ${known}`,
        {
          field: key,
          unknown: true,
        },
      );
    }
  }
  for (const [key, spec] of Object.entries(specs)) {
    let v = params[key];
    if (v === undefined) {
      if (spec.default !== undefined) out[key] = spec.default;
      continue;
    }
    const bad = (what: string): never => {
      throw new ParameterError(`${key}: ${describe(v)} ${what}`, { field: key });
    };
    switch (spec.kind) {
      case 'integer':
      case 'number': {
        if (typeof v === 'string' && v.trim() !== '') v = Number(v);
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('is not a finite number');
        const num = v as number;
        if (spec.kind === 'integer' && !Number.isInteger(num)) bad('is not an integer');
        if (spec.min !== undefined && (spec.exclusiveMin ? num <= spec.min : num < spec.min))
          bad(`must be ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}`);
        if (spec.max !== undefined && num > spec.max) bad(`must be ≤ ${spec.max}`);
        break;
      }
      case 'boolean':
        if (v === 'true' || v === 'false') v = v === 'true';
        if (typeof v !== 'boolean') bad('is not true or false');
        break;
      case 'string':
        if (typeof v !== 'string') bad('is not a string');
        break;
      case 'enum':
        if (typeof v !== 'string' || !spec.values?.includes(v))
          bad(`is not one of ${spec.values?.join(', ')}`);
        break;
      case 'json':
        break;
    }
    out[key] = v;
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.check && out[key] !== undefined) {
      const msg = spec.check(out[key], out);
      if (msg) throw new ParameterError(`${key}: ${msg}`, { field: key });
    }
  }
  return out as ResolvedParameters<P>;
}

/** dimod-style timing record in nanoseconds. */
export type TimingNs = {
  preprocessing_ns: number;
  sampling_ns: number;
  postprocessing_ns: number;
};

/** A monotonic stopwatch that yields dimod's timing keys. */
export class Stopwatch {
  private readonly t0 = process.hrtime.bigint();
  private marks: bigint[] = [];

  /** Marks the end of a phase (call after preprocessing, then after sampling). */
  lap(): void {
    this.marks.push(process.hrtime.bigint());
  }

  timing(): TimingNs {
    const now = process.hrtime.bigint();
    const m1 = this.marks[0] ?? now;
    const m2 = this.marks[1] ?? now;
    return {
      preprocessing_ns: Number(m1 - this.t0),
      sampling_ns: Number(m2 - m1),
      postprocessing_ns: Number(now - m2),
    };
  }
}

/** Throws a CancelledError when the signal fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new CancelledError(
      signal.reason instanceof Error ? `cancelled: ${signal.reason.message}` : 'cancelled',
      { cause: signal.reason },
    );
}
