/**
 * The `leap` sampler: a D-Wave QPU (or anything speaking SAPI, such as `qaxai serve-sapi`) as a
 * StructuredSampler, the way dwave-system's DWaveSampler is one:
 * - nodelist / edgelist = the solver's working qubits and couplers; properties = the solver's properties;
 * - parameters = properties.parameters (typed where qaxai knows the parameter), plus two handled here:
 *   `label` (sent as the problem label) and `save_raw` (a folder for the raw answer, never sent);
 *   `x_…` research parameters pass through unchecked;
 * - sample(bqm): the model must be on qubit labels (wrap it in the embedding composite otherwise); it is
 *   checked by the solver's rules (src/sim/qpu/rules), sent as an ising (SPIN) or qubo (BINARY)
 *   problem, waited for by long polling, and decoded into a SampleSet with info.problem_id and info.timing.
 *   An abort cancels the problem on the server.
 */

import { CancelledError, InputError, ParameterError } from '../../errors.js';
import { solverRules } from '../../sim/qpu/rules/index.js';
import type {
  ParameterSpec,
  ParameterSpecs,
  ResolvedParameters,
  SampleOptions,
  SampleParams,
  StructuredSampler,
} from '../../sim/sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../../sim/sampler-base.js';
import { LeapClient, type LeapClientOptions } from './client.js';
import { type LeapConfigEnvironment, type LeapConfigOverrides, loadLeapConfig } from './config.js';
import { denseInitialState } from './dense-initial-state.js';
import { LeapConfigError } from './errors.js';
import {
  isStructuredSolver,
  type ProblemStatus,
  type ProblemSubmission,
  type SolverDescription,
  solverIsOnline,
} from './models.js';
import { encodeQpProblem, problemTypeOf, QpEncoding, sampleSetFromQpAnswer } from './qp-coders.js';
import { saveRawAnswer } from './raw-answers.js';
import { selectSolver } from './solver-select.js';

const KNOWN: Record<string, Omit<ParameterSpec, 'doc'>> = {
  num_reads: { kind: 'integer', min: 1, property: 'num_reads_range' },
  annealing_time: { kind: 'number', exclusiveMin: true, min: 0, property: 'annealing_time_range' },
  auto_scale: { kind: 'boolean' },
  answer_mode: { kind: 'enum', values: ['raw', 'histogram'] },
  fast_anneal: { kind: 'boolean', property: 'fast_anneal_time_range' },
  programming_thermalization: { kind: 'number', min: 0, property: 'programming_thermalization_range' },
  readout_thermalization: { kind: 'number', min: 0, property: 'readout_thermalization_range' },
  reduce_intersample_correlation: { kind: 'boolean' },
  reinitialize_state: { kind: 'boolean' },
  flux_drift_compensation: { kind: 'boolean' },
};

/** The parameters the leap sampler handles itself (never sent to the solver). */
export const LEAP_LOCAL_PARAMETERS: ParameterSpecs = {
  label: { kind: 'string', doc: 'problem label shown in the Leap dashboard (qaxai appends a [qaxai:…] tag)' },
  save_raw: {
    kind: 'string',
    doc: 'folder to save the raw SAPI answer in (<problem_id>.json) for provenance and `qaxai leap replay`; not sent',
  },
};

/** ParameterSpecs for a solver: its own parameters (typed when known) plus label and save_raw. */
export function leapParameterSpecs(props: SolverDescription['properties']): ParameterSpecs {
  const out: Record<string, ParameterSpec> = {};
  for (const [name, doc] of Object.entries(props.parameters ?? {}))
    out[name] = { kind: 'json', ...(KNOWN[name] ?? {}), doc: typeof doc === 'string' ? doc : name };
  return { ...out, ...LEAP_LOCAL_PARAMETERS };
}

export interface LeapSamplerOptions {
  /** Folder for raw answers when the `save_raw` parameter is not given. */
  saveRawDir?: string | undefined;
  /** Close the client with the sampler (default true). */
  ownsClient?: boolean;
}

/** info: solver, graph_id, problem_id, problem_label, timing (SAPI µs keys), raw_answer (with save_raw). */
export class LeapSampler extends BaseSampler implements StructuredSampler {
  readonly name = 'leap';
  readonly nodelist: readonly number[];
  readonly edgelist: readonly (readonly [number, number])[];
  readonly properties: Readonly<Record<string, unknown>>;
  readonly parameters: ParameterSpecs;
  private readonly encoding: QpEncoding;

  constructor(
    readonly client: LeapClient,
    readonly solver: SolverDescription,
    private readonly options: LeapSamplerOptions = {},
  ) {
    super();
    if (!isStructuredSolver(solver))
      throw new InputError(
        `solver ${solver.identity.name} is not a structured (QPU) solver: it has no qubits/couplers; the leap sampler takes QPU solvers`,
        { field: 'solver' },
      );
    const p = solver.properties;
    this.encoding = new QpEncoding(p);
    this.nodelist = [...p.qubits].sort((a, b) => a - b);
    this.edgelist = p.couplers
      .map(([a, b]) => (a < b ? ([a, b] as const) : ([b, a] as const)))
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    this.properties = p;
    this.parameters = leapParameterSpecs(p);
  }

  /** The solver's parameters are validated; `x_…` research parameters it does not list pass through unchecked. */
  protected override resolve(params: Readonly<SampleParams>): ResolvedParameters<ParameterSpecs> {
    const research: Record<string, unknown> = {};
    const declared: SampleParams = {};
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) continue;
      if (k.startsWith('x_') && !(k in this.parameters)) research[k] = v;
      else declared[k] = v;
    }
    return { ...super.resolve(declared), ...research };
  }

  /** The seed (where the solver takes one) is sent as given, never drawn here. */
  protected override seedOf(): undefined {
    return undefined;
  }

  protected async run(job: SampleJob<ParameterSpecs>): Promise<SampleOutcome> {
    const { bqm, options } = job;
    const solverName = this.solver.identity.name;
    const { label, save_raw: saveRawParam, ...sent } = job.params;
    const saveRaw = (saveRawParam as string | undefined) ?? this.options.saveRawDir;
    if (bqm.numVariables === 0)
      throw new InputError('the model has no variables; there is nothing to send to the QPU');
    const type = problemTypeOf(bqm.vartype);
    const supported = this.solver.properties.supported_problem_types;
    if (supported && !supported.includes(type))
      throw new InputError(
        `solver ${solverName} does not take ${type} problems (it takes ${supported.join(', ')})`,
      );
    if (sent.initial_state !== undefined)
      sent.initial_state = denseInitialState(sent.initial_state, this.solver.properties.num_qubits, type);
    solverRules(this.solver.properties, { solver: solverName }).check(bqm, sent);
    const data = encodeQpProblem(this.encoding, bqm, solverName);
    const submission: ProblemSubmission = {
      solver: this.solver.identity,
      data,
      type,
      params: sent,
      ...(typeof label === 'string' ? { label } : {}),
    };
    const done = await job.sampling(() => this.submitAndWait(submission, options));
    // info as a replay of the raw answer decodes it: these keys, raw_answer (when saved), then the answer's
    const info: Record<string, unknown> = {
      sampler: this.name,
      solver: solverName,
      ...(this.solver.identity.version?.graph_id ? { graph_id: this.solver.identity.version.graph_id } : {}),
      parameters: job.recordedParameters({ save_raw: undefined, initial_state: sent.initial_state }),
    };
    if (saveRaw)
      saveRawAnswer(saveRaw, {
        endpoint: this.client.endpoint,
        solver: this.solver.identity,
        problem_id: done.id,
        label: done.label,
        type,
        offset: bqm.offset,
        params: sent,
        data,
        status: done.status,
        info,
      });
    const sampleSet = sampleSetFromQpAnswer(done.status.answer, {
      type,
      offset: bqm.offset,
      problemId: done.id,
      label: done.label,
      info,
    });
    return { sampleSet, info: sampleSet.info };
  }

  /** Submits, long-polls for the answer, and cancels the problem on the server when the signal aborts. */
  private async submitAndWait(
    submission: ProblemSubmission,
    options: SampleOptions,
  ): Promise<{ id: string; label: string | undefined; status: ProblemStatus }> {
    const signal = options.signal;
    if (signal?.aborted) throw new CancelledError('cancelled before submission');
    options.onProgress?.({ done: 0, total: 1, label: 'submitting' });
    const submitted = await this.client.submitProblem(submission, { signal });
    const id = submitted.id;
    let status: ProblemStatus;
    try {
      status = await this.client.waitForAnswer(id, {
        signal,
        onStatus: (s) => options.onProgress?.({ done: 0, total: 1, label: s.status }),
      });
    } catch (e) {
      if (e instanceof CancelledError && signal?.aborted) {
        let what: string;
        try {
          const [r] = await this.client.cancelProblems([id]);
          what =
            r?.outcome === 'cancelled'
              ? `problem ${id} was cancelled on the solver`
              : r?.outcome === 'cancelling'
                ? `problem ${id} was in progress; cancellation was requested (it may still complete)`
                : r?.outcome === 'finished'
                  ? `problem ${id} had already finished on the solver`
                  : `cancelling problem ${id}: ${r?.message ?? 'no reply'}`;
        } catch (ce) {
          what = `cancelling problem ${id} failed (${(ce as Error).message}); it may still run`;
        }
        throw new CancelledError(`cancelled; ${what}`, { cause: e });
      }
      throw e;
    }
    options.onProgress?.({ done: 1, total: 1, label: 'COMPLETED' });
    return { id, label: submitted.label, status };
  }

  async close(): Promise<void> {
    if (this.options.ownsClient ?? true) this.client.close();
  }
}

export interface CreateLeapSamplerOptions {
  /** Solver name (overrides configuration). */
  solver?: string | undefined;
  config?: LeapConfigOverrides;
  environment?: LeapConfigEnvironment;
  client?: LeapClient;
  clientOptions?: Partial<LeapClientOptions>;
  saveRawDir?: string | undefined;
  signal?: AbortSignal;
}

/** Resolves configuration, picks the solver (by name, the configured filter, or the largest online QPU). */
export async function createLeapSampler(o: CreateLeapSamplerOptions = {}): Promise<LeapSampler> {
  const config = loadLeapConfig(
    { ...(o.config ?? {}), ...(o.solver ? { solver: o.solver } : {}) },
    o.environment ?? {},
  );
  const client = o.client ?? LeapClient.fromConfig(config, o.clientOptions ?? {});
  const spec = config.solver;
  let solver: SolverDescription;
  if (spec && !spec.trim().startsWith('{'))
    solver = await client.getSolver(spec.trim(), o.signal ? { signal: o.signal } : {});
  else {
    const list = await client.listSolvers(o.signal ? { signal: o.signal } : {});
    solver = selectSolver(list, spec);
  }
  if (!solverIsOnline(solver))
    throw new LeapConfigError(
      `solver ${solver.identity.name} is ${solver.status ?? 'offline'}; pick another one`,
      {
        field: 'solver',
      },
    );
  if (!isStructuredSolver(solver))
    throw new ParameterError(
      `solver ${solver.identity.name} is not a QPU solver; the leap sampler needs qubits and couplers`,
      {
        field: 'solver',
      },
    );
  return new LeapSampler(client, solver, { saveRawDir: o.saveRawDir, ownsClient: o.client === undefined });
}
