/**
 * Validation of job requests (POST /api/jobs/:kind): every field is checked on the request thread before a
 * job is queued, so bad input is a 400 naming the field, and the size limits of the web app (which keep a job's
 * time and memory bounded) are stated in the message. The worker receives plain, validated input.
 */

import { InputError, ParameterError, QaError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { isKnownSchedule, scheduleNames } from '../hamiltonian/schedule/catalog.js';
import { solverNamesFile } from '../sim/registry/index.js';
import { type ParameterSpecs, resolveParameters } from '../sim/sampler.js';
import { Fields } from './body-fields.js';
import type {
  AnnealInput,
  ExplainInput,
  GapInput,
  JobInput,
  JobKind,
  PathSpec,
  SampleInput,
  StudyInput,
} from './jobs/protocol.js';
import { SPECTRUM_MAX_LEVELS, SPECTRUM_MAX_QUBITS } from './jobs/spectrum-scan.js';
import { type ProblemStore, problemInput, type StoredProblem } from './problems.js';
import { webSamplers } from './samplers.js';
import type { UploadStore } from './uploads.js';

/** Size limits of lab jobs (variables). */
export const LIMITS = {
  gap: SPECTRUM_MAX_QUBITS,
  statevector: 20,
  pimc: 24,
  sample: { exact: 30, default: 2048 } as Record<string, number>,
  studyDurations: 24,
  gapPoints: 1001,
  maxDuration: 10_000,
} as const;

export interface RequestContext {
  problems: ProblemStore;
  uploads: UploadStore;
  /** Model folder of the explainer (undefined: the explainer is unavailable, with `explainerMissing` saying why). */
  modelDir?: string;
  explainerMissing?: string;
  defaultExplainSampler: string;
}

export interface ParsedJob {
  input: JobInput;
  summary: Record<string, unknown>;
}

function resolveProblem(f: Fields, ctx: RequestContext): StoredProblem {
  const v = f.raw('problem');
  if (typeof v === 'string') return ctx.problems.get(v);
  if (typeof v === 'object' && v !== null) {
    try {
      return ctx.problems.addValue(v, 'inline problem');
    } catch (e) {
      if (e instanceof QaError && e.field && e.field !== 'problem')
        throw new InputError(`problem.${e.message}`, { field: `problem.${e.field}`, code: e.code });
      throw e;
    }
  }
  return f.fail('problem', 'missing; give a problem id (from POST /api/problems) or a model document');
}

function checkSize(bqm: BinaryQuadraticModel, max: number, what: string): void {
  const n = bqm.numVariables;
  if (n > max)
    throw new InputError(`problem: has ${n} variables; ${what} in the web app take at most ${max}`, {
      field: 'problem',
    });
}

function schedule(f: Fields): string {
  const s = f.string('schedule', { maxLength: 200 }, 'linear');
  if (!isKnownSchedule(s))
    f.fail('schedule', `unknown schedule ${JSON.stringify(s)}; known: ${scheduleNames().join(', ')}`);
  return s;
}

function pathSpec(f: Fields, fallbackDuration: number, needsDuration = true): PathSpec {
  const p = f.object('path');
  if (!p) return { kind: 'forward', duration: fallbackDuration };
  const kind = p.string('kind', { values: ['forward', 'pause', 'quench', 'reverse'] }, 'forward');
  const dur = () =>
    needsDuration
      ? p.number('duration', { min: 0, exclusiveMin: true, max: LIMITS.maxDuration }, fallbackDuration)
      : (p.number('duration', { min: 0, exclusiveMin: true, max: LIMITS.maxDuration }) ?? fallbackDuration);
  let spec: PathSpec;
  switch (kind) {
    case 'forward':
      spec = { kind, duration: dur() };
      break;
    case 'pause':
      spec = {
        kind,
        duration: dur(),
        sPause: p.requiredNumber('sPause', { min: 0, max: 1 }),
        pauseDuration: p.number('pauseDuration', { min: 0, max: LIMITS.maxDuration }, 0),
      };
      break;
    case 'quench':
      spec = {
        kind,
        duration: dur(),
        sQuench: p.requiredNumber('sQuench', { min: 0, max: 1 }),
        quenchDuration: p.requiredNumber('quenchDuration', {
          min: 0,
          exclusiveMin: true,
          max: LIMITS.maxDuration,
        }),
      };
      break;
    default: {
      const initialState = p.numberArray('initialState', { integer: true, min: -1, max: 1, maxLength: 4096 });
      if (!initialState)
        return p.fail(
          'initialState',
          'missing; a reverse anneal starts from a classical state (one ±1 per variable)',
        );
      spec = {
        kind: 'reverse',
        sTarget: p.requiredNumber('sTarget', { min: 0, max: 1 }),
        pauseDuration: p.number('pauseDuration', { min: 0, max: LIMITS.maxDuration }, 0),
        rampDuration: p.number(
          'rampDuration',
          { min: 0, exclusiveMin: true, max: LIMITS.maxDuration },
          fallbackDuration,
        ),
        initialState,
      };
    }
  }
  p.done();
  return spec;
}

function annealCommon(f: Fields, ctx: RequestContext) {
  const stored = resolveProblem(f, ctx);
  const sched = schedule(f);
  const method = f.string(
    'method',
    { values: ['statevector', 'pimc'] },
    'statevector',
  ) as AnnealInput['method'];
  checkSize(stored.bqm, method === 'statevector' ? LIMITS.statevector : LIMITS.pimc, `${method} anneals`);
  const dt = f.number('dt', { min: 0, exclusiveMin: true });
  const backend = f.string('backend', { values: ['cpu', 'gpu'] }, 'cpu') as 'cpu' | 'gpu';
  const numReads = f.number('numReads', { integer: true, min: 1, max: 10_000 }, 100);
  const seed = f.number('seed', { integer: true, min: 0, max: 2 ** 32 - 1 }, 1);
  const ghz = sched !== 'linear';
  let beta = f.number('beta', { min: 0, exclusiveMin: true });
  const temperature = f.number('temperature', { min: 0, exclusiveMin: true });
  if (!ghz && temperature !== undefined)
    f.fail('temperature', 'the linear schedule is dimensionless and has no temperature; give beta instead');
  if (ghz && beta !== undefined && temperature !== undefined)
    f.fail('beta', 'give temperature (mK) or beta (1/GHz), not both');
  if (method === 'pimc' && !ghz && beta === undefined) beta = 10;
  const base = {
    problem: problemInput(stored),
    method,
    schedule: sched,
    ...(dt !== undefined ? { dt } : {}),
    ...(backend === 'gpu' ? { backend } : {}),
    numReads,
    seed,
    ...(beta !== undefined ? { beta } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
  return { stored, base, ghz };
}

function parseGap(f: Fields, ctx: RequestContext): ParsedJob {
  const stored = resolveProblem(f, ctx);
  checkSize(stored.bqm, LIMITS.gap, 'spectrum scans');
  const input: GapInput = {
    problem: problemInput(stored),
    schedule: schedule(f),
    points: f.number('points', { integer: true, min: 3, max: LIMITS.gapPoints }, 101),
    levels: f.number('levels', { integer: true, min: 2, max: SPECTRUM_MAX_LEVELS }, 4),
  };
  f.done();
  return {
    input,
    summary: {
      problem: stored.name,
      n: stored.bqm.numVariables,
      schedule: input.schedule,
      points: input.points,
    },
  };
}

function parseAnneal(f: Fields, ctx: RequestContext): ParsedJob {
  const { stored, base, ghz } = annealCommon(f, ctx);
  const input: AnnealInput = { ...base, path: pathSpec(f, ghz ? 20 : 10) };
  f.done();
  return {
    input,
    summary: {
      problem: stored.name,
      n: stored.bqm.numVariables,
      method: input.method,
      schedule: input.schedule,
      path: input.path.kind,
    },
  };
}

function parseStudy(f: Fields, ctx: RequestContext): ParsedJob {
  const { stored, base, ghz } = annealCommon(f, ctx);
  const durations = f.numberArray('durations', {
    min: 0,
    exclusiveMin: true,
    max: LIMITS.maxDuration,
    minLength: 1,
    maxLength: LIMITS.studyDurations,
  });
  if (!durations)
    f.fail('durations', `missing; give annealing times (${ghz ? 'µs' : 'τ'}), e.g. [1, 2, 5, 10]`);
  const input: StudyInput = { ...base, path: pathSpec(f, durations[0]!, false), durations };
  f.done();
  return {
    input,
    summary: {
      problem: stored.name,
      n: stored.bqm.numVariables,
      method: input.method,
      schedule: input.schedule,
      durations: durations.length,
    },
  };
}

/** The `solver` field: a solver name; one that names a file is refused, as a request never makes the server read a file. */
function solverField(f: Fields): string | undefined {
  const solver = f.string('solver', { maxLength: 200 });
  if (solver !== undefined && solverNamesFile(solver))
    f.fail(
      'solver',
      `${JSON.stringify(solver)} names a file; the web app reads no files for a request: give a solver name such as Advantage_system4.1`,
    );
  return solver;
}

/** The parameters the named sampler takes with this solver (from the registry's data; leap asks its solver). */
async function samplerParameters(name: string, solver?: string): Promise<ParameterSpecs> {
  try {
    return await webSamplers.parameterSpecs(name, solver !== undefined ? { solver } : {});
  } catch (e) {
    if (e instanceof QaError)
      throw new InputError(`sampler: ${name} is not available here: ${e.message}`, { field: 'sampler' });
    throw e;
  }
}

/** Validates `params` against the named sampler's declared parameters (400 naming `<where>.<name>`). */
async function checkSamplerParams(
  name: string,
  params: Record<string, unknown>,
  where: string,
  solver?: string,
): Promise<void> {
  const specs = await samplerParameters(name, solver);
  try {
    resolveParameters(name, specs, params);
  } catch (e) {
    if (e instanceof ParameterError)
      throw new ParameterError(`${where}.${e.message}`, {
        field: `${where}.${e.field ?? ''}`,
        unknown: e.code === 'QA_UNKNOWN_PARAMETER',
      });
    throw e;
  }
}

async function declaredParameters(name: string, solver?: string): Promise<string[]> {
  return Object.keys(await samplerParameters(name, solver)).sort();
}

async function parseSample(f: Fields, ctx: RequestContext): Promise<ParsedJob> {
  const stored = resolveProblem(f, ctx);
  const name = f.string('sampler', { values: webSamplers.names }, 'exact');
  checkSize(stored.bqm, LIMITS.sample[name] ?? LIMITS.sample.default!, `${name} sampling jobs`);
  const pf = f.object('params');
  const params = (pf ? (f.raw('params') as Record<string, unknown>) : {}) ?? {};
  const solver = solverField(f);
  f.done();
  await checkSamplerParams(name, params, 'params', solver);
  const input: SampleInput = {
    problem: problemInput(stored),
    sampler: name,
    params,
    ...(solver ? { solver } : {}),
  };
  return { input, summary: { problem: stored.name, n: stored.bqm.numVariables, sampler: name } };
}

async function parseExplain(f: Fields, ctx: RequestContext): Promise<ParsedJob> {
  if (!ctx.modelDir)
    throw new InputError(`the explainer is unavailable: ${ctx.explainerMissing ?? 'no model'}`, {
      field: 'model',
    });
  const img = f.object('image');
  if (!img) return f.fail('image', 'missing; give {"embedded": index} or {"upload": id}');
  let image: ExplainInput['image'];
  if (img.has('embedded')) {
    image = { kind: 'embedded', index: img.requiredNumber('embedded', { integer: true, min: 0 }) };
  } else if (img.has('upload')) {
    const id = img.string('upload', { maxLength: 100 })!;
    const u = ctx.uploads.get(id);
    image = { kind: 'bytes', bytes: u.bytes, name: u.name };
  } else return img.fail('embedded', 'give image.embedded (an index) or image.upload (an upload id)');
  img.done();
  const tau = f.number('tau', { min: 0, exclusiveMin: true, max: 1000 }, 50);
  const dt = f.number('dt', { min: 0, exclusiveMin: true, max: 10 }, 0.01);
  if (dt > tau) f.fail('dt', `${dt} is larger than tau ${tau}`);
  if (tau / dt > 1_000_000) f.fail('dt', `tau/dt = ${Math.round(tau / dt)} steps; at most 1000000 here`);
  const reads = f.number('reads', { integer: true, min: 1, max: 100_000 });
  const target = f.number('target', { integer: true, min: 0 });
  const solver = solverField(f);
  const input: ExplainInput = {
    modelDir: ctx.modelDir,
    image,
    sampler: f.string('sampler', { values: webSamplers.names }, ctx.defaultExplainSampler),
    ...(solver ? { solver } : {}),
    beta: f.number('beta', { min: 0, max: 1 }, 0.7),
    form: f.string('quboForm', { values: ['paper', 'code'] }, 'paper') as 'paper' | 'code',
    tau,
    dt,
    ...(reads !== undefined ? { reads } : {}),
    seed: f.number('seed', { integer: true, min: 0, max: 2 ** 32 - 1 }, 0),
    invert: f.boolean('invert', false),
    ...(target !== undefined ? { target } : {}),
    spectrum: f.boolean('spectrum', true),
    spectrumPoints: f.number('spectrumPoints', { integer: true, min: 3, max: 401 }, 61),
    samplerParams: f.object('samplerParams') ? (f.raw('samplerParams') as Record<string, unknown>) : {},
  };
  f.done();
  // only the parameters the sampler declares are sent (as the CLI does), so check just those
  const declared = await declaredParameters(input.sampler, input.solver);
  const unknown = Object.keys(input.samplerParams).filter((k) => !declared.includes(k));
  if (unknown.length > 0)
    throw new InputError(
      `samplerParams.${unknown[0]}: the ${input.sampler} sampler has no such parameter; it takes ${declared.join(', ') || '(none)'}`,
      { field: `samplerParams.${unknown[0]}` },
    );
  await checkSamplerParams(input.sampler, input.samplerParams, 'samplerParams', input.solver);
  return {
    input,
    summary: {
      image: image.kind === 'embedded' ? `embedded #${image.index}` : image.name,
      sampler: input.sampler,
      beta: input.beta,
    },
  };
}

export async function parseJobRequest(kind: JobKind, body: unknown, ctx: RequestContext): Promise<ParsedJob> {
  const f = Fields.of(body ?? {});
  switch (kind) {
    case 'explain':
      return parseExplain(f, ctx);
    case 'gap':
      return parseGap(f, ctx);
    case 'anneal':
      return parseAnneal(f, ctx);
    case 'study':
      return parseStudy(f, ctx);
    case 'sample':
      return parseSample(f, ctx);
  }
}
