/**
 * The anneal a problem asks for, as a validated path in µs: its anneal_schedule, or a forward anneal of
 * annealing_time (the solver's default when not given). A schedule starting at s = 1 is a reverse anneal,
 * which needs an initial_state with a value for every active qubit (./initial-state.ts); a forward anneal
 * takes none. The path then passes the general path rules (src/hamiltonian/schedule/path-rules.ts: first
 * t = 0, s within [0, 1]).
 *
 * Resolved disagreement: qpu-sim applied the initial_state and general path rules, the Leap client did not;
 * SAPI's reverse anneal is an anneal_schedule from s = 1 plus an initial_state, and a forward schedule starts
 * at (0, 0) (dwave.md §4.1), so both front ends now apply them.
 */

import { ParameterError } from '../../../errors.js';
import type { Vartype } from '../../../hamiltonian/bqm.js';
import { annealPath, forwardPath } from '../../../hamiltonian/schedule/paths.js';
import type { AnnealPath } from '../../../hamiltonian/schedule/types.js';
import { parseQpuInitialState } from './initial-state.js';
import type { AnnealRequest } from './parameters.js';

const FORWARD_ONLY =
  'initial_state: only reverse anneals (anneal_schedule starting at s = 1) take an initial_state';

/**
 * The path of `request` (from checkParameters) for a problem on `qubits`; undefined when neither a schedule
 * nor an annealing time is known (a solver without default_annealing_time).
 */
export function annealPathOf(
  request: AnnealRequest,
  initialState: unknown,
  qubits: Int32Array,
  vartype: Vartype,
  numQubits: number,
): AnnealPath | undefined {
  const initial =
    initialState === undefined ? undefined : parseQpuInitialState(initialState, qubits, vartype, numQubits);
  const points = request.schedule;
  if (!points) {
    if (initial) throw new ParameterError(FORWARD_ONLY, { field: 'initial_state' });
    return request.annealingTime === undefined ? undefined : forwardPath(request.annealingTime, 'us');
  }
  const reverse = points[0]?.[1] === 1;
  if (reverse && !initial)
    throw new ParameterError(
      'initial_state: a reverse anneal (anneal_schedule starting at s = 1) needs an initial_state',
      { field: 'initial_state' },
    );
  if (!reverse && initial) throw new ParameterError(FORWARD_ONLY, { field: 'initial_state' });
  return annealPath(points, 'us', initial, 'anneal_schedule');
}
