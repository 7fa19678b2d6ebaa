/**
 * The JSON objects of SAPI representation v3 (dwave.md §1.3–§1.6), as TypeScript types, plus small runtime
 * readers that turn what came over the wire into these types or a {@link SapiFormatError} naming the field.
 */

import { SapiFormatError } from './errors.js';

export interface SolverIdentity {
  name: string;
  version?: { graph_id?: string };
}

export type ProblemStatusName = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export const TERMINAL_STATUSES: readonly ProblemStatusName[] = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const PROBLEM_STATUSES: readonly ProblemStatusName[] = [
  'PENDING',
  'IN_PROGRESS',
  ...TERMINAL_STATUSES,
];

/** Solver properties as SAPI describes a QPU (only the fields qaxai reads are typed; the rest pass through). */
export interface SolverProperties {
  qubits: number[];
  couplers: Array<[number, number]>;
  num_qubits: number;
  topology?: { type: string; shape: number[] };
  category?: string;
  supported_problem_types?: string[];
  parameters: Record<string, string>;
  h_range?: [number, number];
  j_range?: [number, number];
  extended_j_range?: [number, number];
  per_qubit_coupling_range?: [number, number];
  per_group_coupling_range?: [number, number];
  annealing_time_range?: [number, number];
  fast_anneal_time_range?: [number, number];
  default_annealing_time?: number;
  max_anneal_schedule_points?: number;
  max_h_gain_schedule_points?: number;
  h_gain_schedule_range?: [number, number];
  num_reads_range?: [number, number];
  problem_run_duration_range?: [number, number];
  [key: string]: unknown;
}

export interface SolverDescription {
  identity: SolverIdentity;
  status?: string;
  description?: string;
  avg_load?: number;
  properties: SolverProperties;
}

export interface QpProblemData {
  format: 'qp';
  lin: string;
  quad: string;
  offset?: number;
}

export type ProblemType = 'ising' | 'qubo';

/** One item of a POST problems/ body. */
export interface ProblemSubmission {
  solver: SolverIdentity;
  data: QpProblemData;
  type: ProblemType;
  params: Record<string, unknown>;
  label?: string;
}

export interface QpAnswer {
  format: 'qp';
  num_variables: number;
  active_variables: string;
  solutions: string;
  energies: string;
  num_occurrences?: string;
  timing?: Record<string, number>;
  offset?: number;
}

export interface ProblemStatus {
  id: string;
  type?: string;
  solver?: SolverIdentity | string;
  label?: string | null;
  status: ProblemStatusName;
  submitted_on?: string;
  solved_on?: string | null;
  answer?: QpAnswer;
  error_message?: string;
}

/** A per-item error in a batch reply (or the body of an error response). */
export interface SapiErrorItem {
  error_code: number;
  error_msg: string;
}

export interface ProblemInfo {
  id: string;
  data: QpProblemData;
  params: Record<string, unknown>;
  metadata: {
    solver: SolverIdentity;
    type: string;
    label?: string | null;
    status: ProblemStatusName;
    submitted_by?: string;
    submitted_on?: string;
    solved_on?: string | null;
    messages?: unknown[];
  };
  answer?: QpAnswer;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isSapiErrorItem(v: unknown): v is SapiErrorItem {
  return isObject(v) && typeof v.error_code === 'number' && 'error_msg' in v && !('status' in v);
}

/** Reads a status object (throws naming the field when it is not one). */
export function readProblemStatus(v: unknown, where: string): ProblemStatus {
  if (!isObject(v)) throw new SapiFormatError(`${where}: expected a problem status object`);
  if (typeof v.id !== 'string' || v.id === '') throw new SapiFormatError(`${where}.id: missing problem id`);
  if (typeof v.status !== 'string' || !PROBLEM_STATUSES.includes(v.status as ProblemStatusName))
    throw new SapiFormatError(
      `${where}.status: ${JSON.stringify(v.status)} is not one of ${PROBLEM_STATUSES.join(', ')}`,
    );
  if (v.answer !== undefined && !isObject(v.answer))
    throw new SapiFormatError(`${where}.answer: expected an object`);
  return v as unknown as ProblemStatus;
}

function isNumberPair(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number');
}

/** Reads a solver description (v3), checking the fields the encoder relies on. */
export function readSolverDescription(v: unknown, where: string): SolverDescription {
  if (!isObject(v)) throw new SapiFormatError(`${where}: expected a solver description object`);
  const identity = v.identity;
  if (!isObject(identity) || typeof identity.name !== 'string')
    throw new SapiFormatError(`${where}.identity.name: missing solver name`);
  const p = v.properties;
  if (!isObject(p)) throw new SapiFormatError(`${where}.properties: missing`);
  return v as unknown as SolverDescription;
}

/** Whether a description is a structured (QPU-shaped) solver qaxai can encode `qp` problems for. */
export function isStructuredSolver(d: SolverDescription): boolean {
  const p = d.properties;
  return (
    Array.isArray(p.qubits) &&
    Array.isArray(p.couplers) &&
    p.couplers.every(isNumberPair) &&
    typeof p.num_qubits === 'number'
  );
}

export function solverIsOnline(d: SolverDescription): boolean {
  return (d.status ?? 'ONLINE').toLowerCase() === 'online';
}

/** `name;graph_id=<id>` as dwave-cloud-client prints an identity. */
export function formatIdentity(id: SolverIdentity): string {
  return id.version?.graph_id ? `${id.name};graph_id=${id.version.graph_id}` : id.name;
}
