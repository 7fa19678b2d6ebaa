/**
 * The lab's path-and-method form as one reducer: the anneal path (forward, pause, quench, reverse), the method
 * and its settings, and the study's annealing times; and the job bodies built from it (POST /api/jobs/anneal,
 * /api/jobs/study). Times are in the schedule's path unit (τ for linear, µs for D-Wave tables).
 */

import type { AnnealMethod } from '../../../src/studies/anneal-point-result';

export const PATH_KINDS = ['forward', 'pause', 'quench', 'reverse'] as const;
export type PathKind = (typeof PATH_KINDS)[number];
export type Backend = 'cpu' | 'gpu';

export interface AnnealForm {
  pathKind: PathKind;
  /** Annealing time (ramp time for reverse anneals). */
  duration: number;
  sPause: number;
  pauseDuration: number;
  sQuench: number;
  quenchDuration: number;
  sTarget: number;
  /** Reverse anneals: "1,-1,1,…" as typed. */
  initialState: string;
  method: AnnealMethod;
  backend: Backend;
  numReads: number;
  seed: number;
  /** pimc, linear: inverse temperature as typed ('' = not given). */
  beta: string;
  /** pimc, D-Wave tables: temperature in mK as typed ('' = not given). */
  temperature: string;
  /** Study: the annealing times, comma-separated as typed. */
  durations: string;
}

export type AnnealFormAction =
  | { type: 'set'; patch: Partial<AnnealForm> }
  /** A new schedule: the durations return to that schedule's defaults. */
  | { type: 'schedule'; ghz: boolean };

const durationDefaults = (ghz: boolean) =>
  ghz
    ? { duration: 20, durations: '0.5, 1, 2, 5, 10, 20' }
    : { duration: 10, durations: '1, 2, 5, 10, 20, 50' };

export const initialAnnealForm: AnnealForm = {
  pathKind: 'forward',
  sPause: 0.5,
  pauseDuration: 1,
  sQuench: 0.6,
  quenchDuration: 0.1,
  sTarget: 0.6,
  initialState: '',
  method: 'statevector',
  backend: 'cpu',
  numReads: 100,
  seed: 1,
  beta: '',
  temperature: '',
  ...durationDefaults(false),
};

export function annealFormReducer(form: AnnealForm, action: AnnealFormAction): AnnealForm {
  switch (action.type) {
    case 'set':
      return { ...form, ...action.patch };
    case 'schedule':
      return { ...form, ...durationDefaults(action.ghz) };
  }
}

/** The path of the request (its duration left out for studies, which sweep it). */
export function pathBody(f: AnnealForm, withDuration = true): Record<string, unknown> {
  const d = withDuration ? f.duration : undefined;
  switch (f.pathKind) {
    case 'forward':
      return { kind: 'forward', duration: d };
    case 'pause':
      return { kind: 'pause', duration: d, sPause: f.sPause, pauseDuration: f.pauseDuration };
    case 'quench':
      return { kind: 'quench', duration: d, sQuench: f.sQuench, quenchDuration: f.quenchDuration };
    case 'reverse':
      return {
        kind: 'reverse',
        sTarget: f.sTarget,
        pauseDuration: f.pauseDuration,
        rampDuration: d,
        initialState: f.initialState
          .split(/[\s,]+/)
          .filter((x) => x !== '')
          .map(Number),
      };
  }
}

/** The body of an anneal job (`study: true`: of a study job over the form's annealing times). */
export function annealJobBody(
  f: AnnealForm,
  problem: string,
  schedule: string,
  study = false,
): Record<string, unknown> {
  return {
    problem,
    schedule,
    method: f.method,
    backend: f.backend,
    path: pathBody(f, !study),
    numReads: f.numReads,
    seed: f.seed,
    ...(f.beta.trim() !== '' ? { beta: Number(f.beta) } : {}),
    ...(f.temperature.trim() !== '' ? { temperature: Number(f.temperature) } : {}),
    ...(study ? { durations: f.durations } : {}),
  };
}
