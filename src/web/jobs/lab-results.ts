/**
 * The results of the anneal lab's jobs as the browser receives them (GET /api/jobs/:id/result). Types only,
 * importing nothing that needs Node, so the web front end (web/src) imports them instead of re-declaring them.
 */

import type { AnnealPoint, DurationUnit } from '../../studies/anneal-point-result.js';

/** An anneal job: the anneal point, its problem's name and, for pimc, the reads as a dimod SampleSet. */
export type AnnealJobResult = AnnealPoint & {
  problem: string;
  /** pimc: dimod `SampleSet.to_serializable()` document of the reads. */
  sampleSet?: Record<string, unknown>;
};

/** One row of a study: the anneal point at one annealing time (the swept duration, in the path's unit). */
export type StudyJobRow = AnnealPoint & { annealingTime: number };

export interface StudyJobResult {
  problem: string;
  method: AnnealPoint['method'];
  schedule: string;
  timeUnit: 'us' | 'tau';
  durationUnit: DurationUnit;
  rows: StudyJobRow[];
  wallSeconds: number;
}

export interface SampleJobResult {
  problem: string;
  sampler: string;
  numRows: number;
  totalReads: number;
  lowestEnergy: number | null;
  /** dimod `SampleSet.to_serializable()` document. */
  sampleSet: Record<string, unknown>;
}
