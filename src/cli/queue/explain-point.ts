/**
 * The `explain` point kind: the annealing work of `qaxai demo` (src/xai/evaluation.ts) as queue points. The
 * submitter computes the maps, gradients and QUBOs (TensorFlow stays on its machine) and sends each image's
 * QUBO by its parts (kept maps, h, J, β, form: the worker rebuilds the same biases in the same order), the
 * sampler's name and the QA settings; the worker answers with the selection (`select`: solveFeatureQubo with
 * the image's seed) or the success probability at one τ (`success`).
 */

import type { Sampler } from '../../sim/sampler.js';
import type { JsonLike } from '../../studies/sweep/runner.js';
import type { RemoteQaPoints } from '../../xai/evaluation.js';
import { type QaSelection, solveFeatureQubo } from '../../xai/qa-select.js';
import { type FeatureQubo, featureQuboFromParts, type QuboForm } from '../../xai/qubo.js';
import { defaultAnnealAnalyzer } from '../../xai/sim-analyzer.js';
import type { QaSetup } from '../commands/explain.js';
import { createSampler } from '../commands/sample.js';
import type { CommandQueue } from './command-queue.js';

interface ExplainPointSpec {
  op: 'select' | 'success';
  qubo: { kept: number[]; h: number[]; J: number[]; beta: number; form: QuboForm };
  sampler: string;
  qa: { seed: number; tau: number; dt: number; reads?: number; params?: Record<string, JsonLike> };
  /** Image index (the per-image seed); select only. */
  index?: number;
  /** The analyzer's driver form, or null when the run has no annealing statistics. */
  analyzer: { driver: QuboForm } | null;
}

/** The demo's annealing work through the queue (the evaluation's `remote`). */
export function queueQaPoints(queue: CommandQueue, qa: QaSetup, sweep: string): RemoteQaPoints {
  const base = (q: FeatureQubo) => ({
    qubo: { kept: q.kept, h: [...q.h], J: [...q.J], beta: q.beta, form: q.form },
    sampler: qa.sampler.name,
    qa: {
      seed: qa.seed,
      tau: qa.tau,
      dt: qa.dt,
      ...(qa.reads !== undefined ? { reads: qa.reads } : {}),
      ...(qa.params ? { params: qa.params as Record<string, JsonLike> } : {}),
    },
    analyzer: qa.analyzer ? { driver: qa.form } : null,
  });
  return {
    select: async (q, index) => {
      const spec: ExplainPointSpec = { op: 'select', ...base(q), index };
      return (await queue.run({
        kind: 'explain',
        spec: spec as unknown as JsonLike,
        sweep,
      })) as unknown as QaSelection;
    },
    success: async (q, tau) => {
      const spec: ExplainPointSpec = { op: 'success', ...base(q), qa: { ...base(q).qa, tau } };
      return (await queue.run({ kind: 'explain', spec: spec as unknown as JsonLike, sweep })) as
        | number
        | null;
    },
  };
}

const samplers = new Map<string, Promise<Sampler>>();

/** Runs one `explain` point on this machine (a worker thread of `qaxai worker`). */
export async function evaluateExplainPoint(spec: JsonLike, threads: number): Promise<JsonLike> {
  const s = spec as unknown as ExplainPointSpec;
  const q = featureQuboFromParts(
    s.qubo.kept,
    Float64Array.from(s.qubo.h),
    Float64Array.from(s.qubo.J),
    s.qubo.beta,
    s.qubo.form,
  );
  const analyzer = s.analyzer ? defaultAnnealAnalyzer({ driver: s.analyzer.driver }) : undefined;
  if (s.op === 'success') {
    if (!analyzer || q.d === 0) return null;
    return (await analyzer(q.bqm, { tau: s.qa.tau, dt: s.qa.dt, gap: false })).successProbability;
  }
  const key = `${s.sampler}#${threads}`;
  let sampler = samplers.get(key);
  if (!sampler) {
    sampler = createSampler(s.sampler, { threads });
    samplers.set(key, sampler);
    sampler.catch(() => samplers.delete(key));
  }
  const selection = await solveFeatureQubo(
    q,
    {
      sampler: await sampler,
      seed: s.qa.seed,
      tau: s.qa.tau,
      dt: s.qa.dt,
      ...(s.qa.reads !== undefined ? { reads: s.qa.reads } : {}),
      ...(s.qa.params ? { params: s.qa.params } : {}),
      ...(analyzer ? { analyzer } : {}),
    },
    s.index ?? 0,
  );
  return JSON.parse(JSON.stringify(selection)) as JsonLike;
}
