/**
 * The point kinds a `qaxai worker` runs, each with the engine its local run uses, so a point gives the same
 * result on a worker as on the machine that submitted it:
 *   study     one point of `qaxai study` (an anneal or a minimum gap)            src/cli/study/point.ts
 *   validate  one emulator run of `qaxai validate` (a fit trial or a final run)  src/cli/commands/validate.ts
 *   explain   one image's QUBO selection, or F at one τ, of `qaxai demo`         ./explain-point.ts
 *   web       one job of the web app (explain, gap, anneal, study, sample)      src/web/jobs/remote-job.ts
 * The heavy modules load on first use (a study point never loads TensorFlow).
 */

import { InputError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import type { JsonLike } from '../../studies/sweep/runner.js';
import { evaluateStudyPoint, type StudyPointSpec } from '../study/point.js';

export const POINT_KINDS = ['study', 'validate', 'explain', 'web'] as const;

export interface KindContext {
  /** Local copies of the point's input files, by spec field. */
  files: Record<string, string>;
  /** Engine threads for the point. */
  threads: number;
  signal?: AbortSignal;
  onProgress: (p: Progress) => void;
}

export async function evaluatePointKind(kind: string, spec: JsonLike, ctx: KindContext): Promise<JsonLike> {
  switch (kind) {
    case 'study':
      return evaluateStudyPoint(spec as unknown as StudyPointSpec, ctx.threads, ctx.files);
    case 'validate': {
      const { evaluateValidationPoint } = await import('../commands/validate.js');
      return evaluateValidationPoint(spec, ctx.files, ctx.threads);
    }
    case 'explain': {
      const { evaluateExplainPoint } = await import('./explain-point.js');
      return evaluateExplainPoint(spec, ctx.threads);
    }
    case 'web': {
      const { runRemoteWebJob } = await import('../../web/jobs/remote-job.js');
      return runRemoteWebJob(spec, ctx);
    }
  }
  throw new InputError(`point kind ${JSON.stringify(kind)} is not one of ${POINT_KINDS.join(', ')}`);
}
