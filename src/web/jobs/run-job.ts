/** Runs one web job of any kind (in a job worker thread, or on a queue worker: ./remote-job.ts). */

import type {
  AnnealInput,
  ExplainInput,
  GapInput,
  JobInput,
  JobKind,
  SampleInput,
  StudyInput,
} from './protocol.js';
import { runExplain } from './run-explain.js';
import { type JobContext, runAnneal, runGap, runSample, runStudy } from './run-lab.js';

export async function runJob(kind: JobKind, input: JobInput, ctx: JobContext): Promise<unknown> {
  switch (kind) {
    case 'explain':
      return runExplain(input as ExplainInput, ctx);
    case 'gap':
      return runGap(input as GapInput, ctx);
    case 'anneal':
      return runAnneal(input as AnnealInput, ctx);
    case 'study':
      return runStudy(input as StudyInput, ctx);
    case 'sample':
      return runSample(input as SampleInput, ctx);
  }
}
