/**
 * One point of a study as JSON (so it can be hashed, checkpointed, and sent to a worker thread) and its
 * evaluation: an anneal (success probability, TTS99, …) or the minimum gap of one instance under one schedule.
 * Every point is a pure function of its spec: a resumed study equals an uninterrupted one.
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { compileModel } from '../../hamiltonian/compiled.js';
import { modelFromJsonText } from '../../hamiltonian/io/model-json.js';
import { scheduleFromCsv } from '../../hamiltonian/schedule/csv.js';
import { annealPath } from '../../hamiltonian/schedule/paths.js';
import { minimumGap } from '../../sim/spectrum/gap.js';
import { type AnnealPointOptions, annealPoint } from '../../studies/anneal-point.js';
import type { JsonLike } from '../../studies/sweep/runner.js';
import { readModelFile, readTextFile } from '../output.js';
import { scheduleFromNameOrFile, scheduleIsFile } from '../schedule-flags.js';

export type StudyMetric = 'anneal' | 'gap';

export interface StudyPointSpec {
  [key: string]: JsonLike | undefined;
  instance: string;
  /** Absolute path of the model file. */
  model: string;
  /** Content hash of the model file (a changed file is a different sweep). */
  modelHash: string;
  n: number;
  metric: StudyMetric;
  /** The --schedule value (a name or a CSV file). */
  schedule: string;
  /** anneal: the s(t) path (points in µs or τ). */
  path?: { timeUnit: 'us' | 'tau'; points: [number, number][] };
  annealTime?: number;
  pausePosition?: number;
  pauseDuration?: number;
  /** Extra instance facts carried to the table (e.g. the XAI β and class). */
  tags?: { [key: string]: JsonLike };
  options: { [key: string]: JsonLike };
}

const models = new Map<string, BinaryQuadraticModel>();

function modelOf(spec: StudyPointSpec, localPath: string | undefined): BinaryQuadraticModel {
  const key = `${spec.model}#${spec.modelHash}`;
  let m = models.get(key);
  if (!m) {
    // a copy elsewhere (a queue worker's) is read under the study's own path, so messages name that
    m = localPath
      ? modelFromJsonText(readTextFile(localPath, 'MODEL'), spec.model).bqm
      : readModelFile(spec.model);
    models.set(key, m);
  }
  return m;
}

/** Where a point's input files are on this machine when not at the spec's paths (a queue worker's copies). */
export interface StudyPointFiles {
  model?: string;
  schedule?: string;
}

/** The input files of a point (the model; the schedule when it is a CSV file), for sending it elsewhere. */
export function studyPointFiles(spec: StudyPointSpec): Record<string, string> {
  return {
    model: spec.model,
    ...(scheduleIsFile(spec.schedule) ? { schedule: spec.schedule } : {}),
  };
}

/**
 * Evaluates one point on the calling thread (`threads` for the engine; 1 inside a worker). `local` names
 * copies of its files; the results are the same as from the originals (the schedule keeps its name).
 */
export async function evaluateStudyPoint(
  spec: StudyPointSpec,
  threads?: number,
  local: StudyPointFiles = {},
): Promise<JsonLike> {
  const bqm = modelOf(spec, local.model);
  const schedule = local.schedule
    ? scheduleFromCsv(readTextFile(local.schedule, '--schedule'), `csv:${spec.schedule}`)
    : scheduleFromNameOrFile(spec.schedule, '--schedule');
  if (spec.metric === 'gap') {
    const g = await minimumGap(compileModel(bqm, 'SPIN'), {
      schedule,
      ...(typeof spec.options.gapPoints === 'number' ? { points: spec.options.gapPoints } : {}),
      ...(threads !== undefined ? { threads } : {}),
    });
    return {
      minGap: g.minGap,
      sAtMin: g.sAtMin,
      groundDegeneracy: g.groundDegeneracy,
      units: g.units,
    } as JsonLike;
  }
  const path = annealPath(spec.path!.points, spec.path!.timeUnit);
  const o = {
    ...(spec.options as unknown as AnnealPointOptions),
    ...(threads !== undefined ? { threads } : {}),
  };
  const row = await annealPoint(bqm, { schedule, path }, o);
  return JSON.parse(JSON.stringify(row)) as JsonLike;
}
