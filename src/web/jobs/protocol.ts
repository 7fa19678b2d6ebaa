/**
 * What travels between the web server (main thread) and its job workers: validated job inputs (plain,
 * structured-clonable data), progress, results and errors. The main thread validates every request before a
 * job is queued, so a worker only sees well-formed input; engine-level checks (memory, schedule rules) may
 * still refuse it and come back as errors with status 400.
 */

import type { Label } from '../../hamiltonian/labels.js';
import type { Progress } from '../../sim/sampler.js';
import type { ErrorRecord } from '../http-error.js';

export type JobKind = 'explain' | 'gap' | 'anneal' | 'study' | 'sample';
export const JOB_KINDS: readonly JobKind[] = ['explain', 'gap', 'anneal', 'study', 'sample'];

/** A model as the worker receives it: dimod BQM JSON (any uploaded format is converted first). */
export interface ProblemInput {
  name: string;
  /** dimod `BinaryQuadraticModel.to_serializable()` document (its variable_labels sorted, as dimod writes them). */
  dimod: Record<string, unknown>;
  /** The model's own variable order, which the worker's BQM keeps (absent: the document's order). */
  labels?: Label[];
}

/** An anneal path in the schedule's user unit (τ for linear, µs for D-Wave tables). */
export type PathSpec =
  | { kind: 'forward'; duration: number }
  | { kind: 'pause'; duration: number; sPause: number; pauseDuration: number }
  | { kind: 'quench'; duration: number; sQuench: number; quenchDuration: number }
  | { kind: 'reverse'; sTarget: number; pauseDuration: number; rampDuration: number; initialState: number[] };

export interface GapInput {
  problem: ProblemInput;
  schedule: string;
  points: number;
  levels: number;
}

export type AnnealMethod = 'statevector' | 'pimc';

export interface AnnealInput {
  problem: ProblemInput;
  method: AnnealMethod;
  schedule: string;
  path: PathSpec;
  /** Statevector time step (engine units); automatic when absent. */
  dt?: number;
  /** cpu (default) or gpu: the gpu.js kernels (float32; WebGPU where an adapter exists). */
  backend?: 'cpu' | 'gpu';
  /** pimc: reads, seed, inverse temperature for linear, temperature (mK) for tables. */
  numReads: number;
  seed: number;
  beta?: number;
  temperature?: number;
}

export interface StudyInput extends Omit<AnnealInput, 'path'> {
  /** The path for each duration in `durations` (its `duration`/`rampDuration` is replaced). */
  path: PathSpec;
  durations: number[];
}

export interface SampleInput {
  problem: ProblemInput;
  sampler: string;
  /** Solver name for QPU-shaped samplers (qpu-sim profiles, leap). */
  solver?: string;
  params: Record<string, unknown>;
}

export type ExplainImageInput =
  | { kind: 'embedded'; index: number }
  | { kind: 'bytes'; bytes: Uint8Array; name: string };

export interface ExplainInput {
  modelDir: string;
  image: ExplainImageInput;
  sampler: string;
  /** Solver name for QPU-shaped samplers (qpu-sim profiles, leap). */
  solver?: string;
  beta: number;
  form: 'paper' | 'code';
  tau: number;
  dt: number;
  reads?: number;
  seed: number;
  invert: boolean;
  target?: number;
  /** Compute the spectrum of the QA problem (plot with the gap marked) and F. */
  spectrum: boolean;
  spectrumPoints: number;
  /** Extra sampler parameters (Ocean names; sent when the sampler declares them, e.g. pimc's beta). */
  samplerParams: Record<string, unknown>;
}

export type JobInput = ExplainInput | GapInput | AnnealInput | StudyInput | SampleInput;

export type ToWorker =
  | { type: 'run'; id: string; kind: JobKind; input: JobInput }
  | { type: 'cancel'; id: string };

export type FromWorker =
  | { type: 'progress'; id: string; progress: Progress }
  | { type: 'done'; id: string; result: unknown }
  | { type: 'error'; id: string; error: ErrorRecord };
