/**
 * Checks a problem and its parameters against a solver's published limits before anything is sent (so a bad
 * request costs no QPU time and fails with exit 2 naming the parameter):
 * - parameters: names must be in properties.parameters (or start with x_, as dwave-cloud-client allows);
 *   num_reads within num_reads_range; annealing_time within annealing_time_range (fast_anneal_time_range with
 *   fast_anneal) and not together with anneal_schedule; anneal_schedule and h_gain_schedule by the QPU rules of
 *   src/hamiltonian/schedule/qpu-rules.ts; thermalization times within their ranges; answer_mode raw|histogram;
 *   flux_biases only with auto_scale false; anneal_offsets within anneal_offset_ranges.
 * - biases: with auto_scale (the default, true) the QPU rescales, so any finite biases go. With auto_scale
 *   false the Ising form (a qubo is converted, as the QPU does) must have h within h_range and J within
 *   j_range, or extended_j_range when the solver has one; then each qubit's summed J must be within
 *   per_qubit_coupling_range. fast_anneal needs zero linear biases.
 */

import { ParameterError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { formatLabel } from '../../hamiltonian/labels.js';
import {
  checkHGainSchedule,
  checkQpuAnnealingTime,
  checkQpuAnnealSchedule,
  type QpuScheduleProperties,
} from '../../hamiltonian/schedule/qpu-rules.js';
import type { SolverProperties } from './models.js';

type Point = readonly [number, number];

function bad(param: string, message: string): never {
  throw new ParameterError(`${param}: ${message}`, { field: param });
}

function readPoints(v: unknown, param: string): Point[] {
  if (
    !Array.isArray(v) ||
    v.some(
      (p) =>
        !Array.isArray(p) || p.length !== 2 || p.some((x) => typeof x !== 'number' || !Number.isFinite(x)),
    )
  )
    bad(param, 'expected a list of [t, value] pairs of finite numbers, e.g. [[0,0],[20,1]]');
  return v as Point[];
}

function within(v: number, range: readonly number[] | undefined, param: string, rangeName: string): void {
  if (!range) return;
  if (v < range[0]! || v > range[1]!) bad(param, `${v} is outside ${rangeName} [${range[0]}, ${range[1]}]`);
}

function scheduleProps(p: SolverProperties): QpuScheduleProperties | undefined {
  if (!p.annealing_time_range) return undefined;
  return {
    annealing_time_range: p.annealing_time_range,
    max_anneal_schedule_points: p.max_anneal_schedule_points ?? Number.POSITIVE_INFINITY,
    ...(p.fast_anneal_time_range ? { fast_anneal_time_range: p.fast_anneal_time_range } : {}),
    ...(p.h_gain_schedule_range ? { h_gain_schedule_range: p.h_gain_schedule_range } : {}),
    ...(p.max_h_gain_schedule_points !== undefined
      ? { max_h_gain_schedule_points: p.max_h_gain_schedule_points }
      : {}),
  };
}

/** Checks the parameters (not the biases) against the solver. */
export function checkParameters(
  params: Readonly<Record<string, unknown>>,
  p: SolverProperties,
  solverName: string,
): void {
  const known = p.parameters ?? {};
  for (const key of Object.keys(params))
    if (!(key in known) && !key.startsWith('x_'))
      throw new ParameterError(
        `${key}: solver ${solverName} has no such parameter; it takes ${Object.keys(known).sort().join(', ')} (and x_… research parameters)`,
        { field: key, unknown: true },
      );
  const fast = params.fast_anneal === true;
  if (params.fast_anneal !== undefined && typeof params.fast_anneal !== 'boolean')
    bad('fast_anneal', 'expected true or false');
  if (params.num_reads !== undefined) {
    const n = params.num_reads;
    if (typeof n !== 'number' || !Number.isInteger(n))
      bad('num_reads', `${JSON.stringify(n)} is not an integer`);
    within(n, p.num_reads_range, 'num_reads', 'num_reads_range');
  }
  if (params.annealing_time !== undefined && params.anneal_schedule !== undefined)
    bad('annealing_time', 'cannot be given together with anneal_schedule (a schedule sets its own duration)');
  const sp = scheduleProps(p);
  let lastAnnealTime = typeof p.default_annealing_time === 'number' ? p.default_annealing_time : undefined;
  if (params.annealing_time !== undefined) {
    const t = params.annealing_time;
    if (typeof t !== 'number' || !Number.isFinite(t))
      bad('annealing_time', `${JSON.stringify(t)} is not a number of µs`);
    if (sp) checkQpuAnnealingTime(t, sp, { fastAnneal: fast });
    lastAnnealTime = t;
  }
  if (params.anneal_schedule !== undefined) {
    const pts = readPoints(params.anneal_schedule, 'anneal_schedule');
    if (sp) checkQpuAnnealSchedule(pts, sp, { fastAnneal: fast });
    lastAnnealTime = pts[pts.length - 1]?.[0];
  }
  if (params.h_gain_schedule !== undefined) {
    const pts = readPoints(params.h_gain_schedule, 'h_gain_schedule');
    if (sp && lastAnnealTime !== undefined) checkHGainSchedule(pts, lastAnnealTime, sp, { fastAnneal: fast });
  }
  for (const [param, range] of [
    ['programming_thermalization', 'programming_thermalization_range'],
    ['readout_thermalization', 'readout_thermalization_range'],
  ] as const) {
    const v = params[param];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      bad(param, `${JSON.stringify(v)} is not a number of µs`);
    within(v, p[range] as number[] | undefined, param, range);
  }
  if (params.answer_mode !== undefined && params.answer_mode !== 'raw' && params.answer_mode !== 'histogram')
    bad('answer_mode', `${JSON.stringify(params.answer_mode)} is not one of raw, histogram`);
  for (const b of [
    'auto_scale',
    'flux_drift_compensation',
    'reduce_intersample_correlation',
    'reinitialize_state',
  ])
    if (params[b] !== undefined && typeof params[b] !== 'boolean') bad(b, 'expected true or false');
  if (params.flux_biases !== undefined && params.auto_scale !== false)
    bad('flux_biases', 'requires auto_scale false (the QPU cannot rescale a problem with flux biases)');
  for (const list of ['flux_biases', 'anneal_offsets'] as const) {
    const v = params[list];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length !== p.num_qubits || v.some((x) => typeof x !== 'number'))
      bad(list, `expected a list of ${p.num_qubits} numbers (one per qubit of the solver, working or not)`);
  }
  if (Array.isArray(params.anneal_offsets) && Array.isArray(p.anneal_offset_ranges)) {
    const ranges = p.anneal_offset_ranges as Array<[number, number] | null>;
    (params.anneal_offsets as number[]).forEach((o, q) => {
      const r = ranges[q];
      if (r && Number.isFinite(o) && o !== 0 && (o < r[0] || o > r[1]))
        bad(
          'anneal_offsets',
          `qubit ${q}: ${o} is outside its anneal_offset_ranges entry [${r[0]}, ${r[1]}]`,
        );
    });
  }
}

/** Checks the model's biases against the solver's ranges as auto_scale and fast_anneal require. */
export function checkBiases(
  bqm: BinaryQuadraticModel,
  params: Readonly<Record<string, unknown>>,
  p: SolverProperties,
): void {
  if (params.fast_anneal === true)
    for (let i = 0; i < bqm.numVariables; i++)
      if (bqm.linearAt(i) !== 0)
        bad(
          'fast_anneal',
          `needs zero linear biases (h and the QUBO diagonal), but variable ${formatLabel(bqm.variables.at(i))} has ${bqm.linearAt(i)}`,
        );
  if (params.auto_scale !== false) return;
  const spin = bqm.vartype === 'SPIN' ? bqm : bqm.changeVartype('SPIN');
  const hr = p.h_range;
  const jr = p.extended_j_range ?? p.j_range;
  for (let i = 0; i < spin.numVariables; i++) {
    const h = spin.linearAt(i);
    if (hr && (h < hr[0] || h > hr[1]))
      bad(
        'auto_scale',
        `false, but h of qubit ${formatLabel(spin.variables.at(i))} is ${h}, outside h_range [${hr[0]}, ${hr[1]}]; scale the model or leave auto_scale on`,
      );
  }
  let extended = false;
  for (const [i, j, b] of spin.interactions()) {
    if (jr && (b < jr[0] || b > jr[1]))
      bad(
        'auto_scale',
        `false, but J of coupler (${formatLabel(spin.variables.at(i))}, ${formatLabel(spin.variables.at(j))}) is ${b}, outside ${p.extended_j_range ? 'extended_j_range' : 'j_range'} [${jr[0]}, ${jr[1]}]; scale the model or leave auto_scale on`,
      );
    if (p.j_range && (b < p.j_range[0] || b > p.j_range[1])) extended = true;
  }
  const pq = p.per_qubit_coupling_range;
  if (extended && pq)
    for (let i = 0; i < spin.numVariables; i++) {
      let sum = 0;
      for (const b of spin.neighborsAt(i).values()) sum += b;
      if (sum < pq[0] || sum > pq[1])
        bad(
          'auto_scale',
          `false with couplings in the extended J range, but qubit ${formatLabel(spin.variables.at(i))} has total J ${sum}, outside per_qubit_coupling_range [${pq[0]}, ${pq[1]}]`,
        );
    }
}

/**
 * initial_state as SAPI takes it: a dense list of num_qubits values (3 for unset qubits). A mapping
 * {qubit: value} (what the embedding composite hands down) is converted as dwave-cloud-client does: values ≤ 0
 * become −1 (ising) or 0 (qubo), values > 0 become 1. A list is passed through.
 */
export function denseInitialState(v: unknown, numQubits: number, type: 'ising' | 'qubo'): number[] {
  if (Array.isArray(v)) {
    if (v.length === numQubits && v.every((x) => typeof x === 'number')) return v as number[];
    // a list of [qubit, value] pairs
    if (v.every((x) => Array.isArray(x) && x.length === 2))
      return denseInitialState(Object.fromEntries(v as Array<[number, number]>), numQubits, type);
    bad(
      'initial_state',
      `expected ${numQubits} values (one per qubit, 3 for unused) or a {qubit: value} mapping`,
    );
  }
  if (typeof v !== 'object' || v === null)
    bad('initial_state', 'expected a {qubit: value} mapping or a list');
  const out = new Array<number>(numQubits).fill(3);
  const low = type === 'ising' ? -1 : 0;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const q = Number(k);
    if (!Number.isInteger(q) || q < 0 || q >= numQubits)
      bad('initial_state', `${JSON.stringify(k)} is not a qubit in [0, ${numQubits})`);
    if (typeof x !== 'number' || !Number.isFinite(x))
      bad('initial_state', `qubit ${q}: ${JSON.stringify(x)} is not a number`);
    out[q] = x > 0 ? 1 : low;
  }
  return out;
}
