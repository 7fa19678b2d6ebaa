/**
 * Initial states (cli.md): a forward anneal starts in the ground state of H at the path's first point —
 * |+⟩^n when Λ(s0) = 0 (`linear`), else the Lanczos ground state of −Γ(s0)Σσx + Λ(s0)H_P (D-Wave tables,
 * where B(0) > 0); a reverse anneal starts in its classical state.
 */

import { ModelError } from '../../errors.js';
import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import { lanczosGround } from '../spectrum/lanczos.js';
import type { Diagonal } from './diagonal.js';
import { basisIndexOf } from './problem-energies.js';

/** Whether the forward start needs Lanczos (and its extra memory). */
export function needsLanczosStart(schedule: AnnealingSchedule, path: AnnealPath): boolean {
  return path.kind === 'forward' && schedule.problem(path.points[0]![1]) !== 0;
}

/** Writes the initial state into the interleaved `amps` (length 2·2^n). */
export function prepareInitialState(
  amps: Float64Array,
  n: number,
  diag: Diagonal,
  schedule: AnnealingSchedule,
  path: AnnealPath,
): { kind: 'plus' | 'ground' | 'classical'; energy?: number } {
  const N = 2 ** n;
  amps.fill(0);
  if (path.kind === 'reverse') {
    const st = path.initialState!;
    if (st.length !== n)
      throw new ModelError(`initial state has ${st.length} values but the model has ${n} variables`, {
        field: 'initial_state',
      });
    amps[2 * basisIndexOf(st)] = 1;
    return { kind: 'classical' };
  }
  const s0 = path.points[0]![1];
  const gamma = schedule.transverse(s0);
  const lambda = schedule.problem(s0);
  if (lambda === 0 && gamma > 0) {
    const v = 1 / Math.sqrt(N);
    for (let z = 0; z < N; z++) amps[2 * z] = v;
    return { kind: 'plus' };
  }
  const g = lanczosGround(n, diag, gamma, lambda, { tol: 1e-12 });
  for (let z = 0; z < N; z++) amps[2 * z] = g.vector[z]!;
  return { kind: 'ground', energy: g.energy };
}
