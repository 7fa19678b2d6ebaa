/**
 * `sa`: classical simulated annealing, compatible with dwave-samplers' SimulatedAnnealingSampler (parameters,
 * defaults, β-range rule, schedule types; info.beta_range and info.beta_schedule_type). Read r uses the random
 * stream (seed, r), so samples do not depend on the thread count; they are not bit-identical to dwave-samplers'
 * (a different generator).
 */

import { ParameterError } from '../../errors.js';
import { defineParameters } from '../sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../sampler-base.js';
import { parseInitialState } from './anneal-params.js';
import { readsAndSeedSpecs } from './common-params.js';
import { runReads } from './parallel.js';
import { defaultIsingBetaRange, interpolatedBetas } from './sa-schedule.js';
import type { SaTask } from './tasks.js';
import { readsToSampleSet } from './to-sample-set.js';

export const DEFAULT_SA_SWEEPS = 1000;

function betaRangeCheck(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length !== 2 || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
    return 'expected [hot β, cold β], two finite numbers';
  if (!(v[0] > 0) || !(v[1] > 0)) return 'both values must be > 0';
  if (v[0] > v[1])
    return `is reversed: the first (hot) β ${v[0]} must not exceed the second (cold, target) β ${v[1]}`;
  return undefined;
}

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const SA_PARAMETERS = defineParameters({
  ...readsAndSeedSpecs,
  num_reads: {
    kind: 'integer',
    min: 1,
    doc: 'independent anneals (default: the number of initial_states, else 1)',
  },
  num_sweeps: {
    kind: 'integer',
    min: 1,
    doc: `sweeps per read (default ${DEFAULT_SA_SWEEPS}; for custom schedules len(beta_schedule) × num_sweeps_per_beta)`,
  },
  num_sweeps_per_beta: { kind: 'integer', min: 1, default: 1, doc: 'sweeps at each β value' },
  beta_range: {
    kind: 'json',
    doc: '[hot β, cold β] with 0 < hot ≤ cold, in inverse units of the biases (default: from the biases, as dwave-samplers)',
    check: betaRangeCheck,
  },
  beta_schedule_type: {
    kind: 'enum',
    values: ['linear', 'geometric', 'custom'],
    default: 'geometric',
    doc: 'interpolation of β over beta_range, or custom (beta_schedule)',
    property: 'beta_schedule_options',
  },
  beta_schedule: {
    kind: 'json',
    doc: 'β values swept, for beta_schedule_type custom (each ≥ 0)',
    check: (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)
        ? undefined
        : 'expected a non-empty list of finite numbers ≥ 0',
  },
  initial_states: {
    kind: 'json',
    doc: 'start states: a list of rows (or one row) with one value per variable in model order (±1, or 0/1 for BINARY)',
  },
  initial_states_generator: {
    kind: 'enum',
    values: ['none', 'tile', 'random'],
    default: 'random',
    doc: 'reads beyond the given initial_states: none (error), tile (reuse them), random (random states)',
  },
});

/** info: beta_range, beta_schedule_type, threads, spin_updates, warnings (besides sampler, parameters, seed, timing). */
export class SimulatedAnnealingSampler extends BaseSampler<typeof SA_PARAMETERS> {
  readonly name = 'sa';
  readonly parameters = SA_PARAMETERS;
  readonly properties = { beta_schedule_options: ['linear', 'geometric', 'custom'], threaded: true };

  protected async run(job: SampleJob<typeof SA_PARAMETERS>): Promise<SampleOutcome> {
    const { bqm, params: p, seed, spinModel: model } = job;
    const n = model.n;
    // initial states
    let initial: Int8Array | undefined;
    let numInitial = 0;
    if (p.initial_states !== undefined) {
      const raw = p.initial_states;
      const rows: unknown[] =
        Array.isArray(raw) && raw.length > 0 && Array.isArray(raw[0])
          ? raw
          : Array.isArray(raw) && raw.length === 0
            ? []
            : [raw];
      numInitial = rows.length;
      initial = new Int8Array(numInitial * n);
      rows.forEach((row, r) => initial!.set(parseInitialState(row, bqm, `initial_states[${r}]`), r * n));
    }
    const numReads = p.num_reads ?? Math.max(1, numInitial);
    const generator = p.initial_states_generator;
    if (generator === 'none' && numInitial < numReads)
      throw new ParameterError(
        `initial_states: ${numInitial} given but num_reads is ${numReads}; with initial_states_generator "none" give one per read`,
        { field: 'initial_states' },
      );
    if (generator === 'tile' && numInitial === 0 && initial !== undefined)
      throw new ParameterError('initial_states: "tile" needs at least one initial state', {
        field: 'initial_states',
      });
    // β schedule
    const type = p.beta_schedule_type;
    const perBeta = p.num_sweeps_per_beta;
    let betas: Float64Array;
    let betaRange: [number, number];
    const warnings: string[] = [];
    if (type === 'custom') {
      if (p.beta_schedule === undefined)
        throw new ParameterError('beta_schedule: required when beta_schedule_type is "custom"', {
          field: 'beta_schedule',
        });
      betas = Float64Array.from(p.beta_schedule as number[]);
      if (p.num_sweeps !== undefined && p.num_sweeps !== betas.length * perBeta)
        throw new ParameterError(
          `num_sweeps: ${p.num_sweeps} does not equal len(beta_schedule) × num_sweeps_per_beta = ${betas.length * perBeta}; leave it out for custom schedules`,
          { field: 'num_sweeps' },
        );
      betaRange = [betas[0]!, betas[betas.length - 1]!];
      if (p.beta_range !== undefined) {
        const br = p.beta_range as number[];
        if (br[0] !== betaRange[0] || br[1] !== betaRange[1])
          throw new ParameterError(
            'beta_range: must match the first and last beta_schedule values (or be left out)',
            {
              field: 'beta_range',
            },
          );
      }
    } else {
      if (p.beta_schedule !== undefined)
        throw new ParameterError(
          `beta_schedule: only used with beta_schedule_type "custom" (not "${type}")`,
          {
            field: 'beta_schedule',
          },
        );
      const numSweeps = p.num_sweeps ?? DEFAULT_SA_SWEEPS;
      if (numSweeps % perBeta !== 0)
        throw new ParameterError(
          `num_sweeps: ${numSweeps} must be divisible by num_sweeps_per_beta (${perBeta})`,
          {
            field: 'num_sweeps',
          },
        );
      if (p.beta_range !== undefined) betaRange = [...(p.beta_range as [number, number])];
      else {
        const d = defaultIsingBetaRange(model);
        betaRange = d.range;
        if (d.warning) warnings.push(d.warning);
      }
      betas = interpolatedBetas(type, betaRange, numSweeps / perBeta);
    }
    const task: SaTask = {
      kind: 'sa',
      model,
      betas,
      sweepsPerBeta: perBeta,
      seed,
      expand: generator === 'tile' ? 'tile' : 'random',
      ...(initial ? { initialStates: initial } : {}),
    };
    const res = await job.sampling(() => runReads(task, numReads, job.engineOptions));
    return {
      sampleSet: readsToSampleSet(bqm, model, res.spins),
      parameters: { num_reads: numReads, num_sweeps: betas.length * perBeta, beta_range: betaRange },
      info: {
        beta_range: betaRange,
        beta_schedule_type: type,
        threads: res.threads,
        spin_updates: res.updates,
        ...(warnings.length ? { warnings } : {}),
      },
    };
  }
}
