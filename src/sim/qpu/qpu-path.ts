/**
 * qpu-sim's anneal path phase: the forward anneal of `annealing_time` or the `anneal_schedule` points (a
 * reverse anneal when they start at s = 1, which then needs an `initial_state`), checked against the solver's
 * schedule rules, with the fast-anneal protocol's conditions. Times in µs.
 */

import { ParameterError } from '../../errors.js';
import type { Vartype } from '../../hamiltonian/bqm.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { annealPath, forwardPath, parseAnnealPoints } from '../../hamiltonian/schedule/paths.js';
import { checkQpuAnnealingTime, checkQpuAnnealSchedule } from '../../hamiltonian/schedule/qpu-rules.js';
import type { AnnealPath } from '../../hamiltonian/schedule/types.js';
import type { ResolvedParameters } from '../sampler.js';
import { parseQpuInitialState } from './initial-state.js';
import type { QpuProfile } from './profiles.js';
import type { QpuParameters } from './qpu-parameters.js';

export interface QpuPath {
  path: AnnealPath;
  /** The fast-anneal protocol (the profile's fast schedule sheet). */
  fast: boolean;
  /** The schedule sheet the anneal follows. */
  scheduleName: string;
  /** The reverse anneal's start state in model order (±1), when one was given. */
  initial: Int8Array | undefined;
}

function onlyReverseTakesInitialState(): never {
  throw new ParameterError(
    'initial_state: only reverse anneals (anneal_schedule starting at s = 1) take an initial_state',
    { field: 'initial_state' },
  );
}

/** The anneal path of a run on `prof`; `model` is the SPIN model on `qubits` (submitted vartype `vartype`). */
export function qpuAnnealPath(
  p: ResolvedParameters<QpuParameters>,
  prof: QpuProfile,
  model: CompiledModel,
  qubits: Int32Array,
  vartype: Vartype,
  numQubits: number,
): QpuPath {
  const fast = p.fast_anneal;
  if (fast && !prof.fast_anneal_time_range)
    throw new ParameterError(`fast_anneal: ${prof.name} has no fast-anneal protocol`, {
      field: 'fast_anneal',
    });
  if (fast && model.linear.some((h) => h !== 0))
    throw new ParameterError(
      'fast_anneal: linear biases h (and QUBO diagonal terms) must be 0 with fast_anneal',
      { field: 'fast_anneal' },
    );
  const rules = {
    annealing_time_range: prof.annealing_time_range,
    max_anneal_schedule_points: prof.max_anneal_schedule_points,
    ...(prof.fast_anneal_time_range ? { fast_anneal_time_range: prof.fast_anneal_time_range } : {}),
  };
  if (p.annealing_time !== undefined && p.anneal_schedule !== undefined)
    throw new ParameterError('annealing_time: give annealing_time or anneal_schedule, not both', {
      field: 'annealing_time',
    });
  const initial =
    p.initial_state === undefined
      ? undefined
      : parseQpuInitialState(p.initial_state, qubits, vartype, numQubits);
  const scheduleName = fast ? prof.fastSchedule! : prof.schedule;
  if (p.anneal_schedule === undefined) {
    const T = p.annealing_time ?? prof.default_annealing_time;
    checkQpuAnnealingTime(T, rules, { fastAnneal: fast });
    if (initial) onlyReverseTakesInitialState();
    return { path: forwardPath(T, 'us'), fast, scheduleName, initial };
  }
  const raw = p.anneal_schedule;
  const points = parseAnnealPoints(typeof raw === 'string' ? raw : JSON.stringify(raw), 'anneal_schedule');
  checkQpuAnnealSchedule(points, rules, { fastAnneal: fast });
  const reverse = points[0]![1] === 1;
  if (reverse && !initial)
    throw new ParameterError(
      'initial_state: a reverse anneal (anneal_schedule starting at s = 1) needs an initial_state',
      { field: 'initial_state' },
    );
  if (!reverse && initial) onlyReverseTakesInitialState();
  return { path: annealPath(points, 'us', initial, 'anneal_schedule'), fast, scheduleName, initial };
}
