/**
 * Choosing a solver when no name is given: the configured feature filter (Ocean's `solver = {"qpu": true,
 * "num_qubits__gte": 5000}` form, a supported subset) or, by default, the online QPU with the most working
 * qubits (DWaveSampler's order_by='-num_active_qubits').
 */

import { LeapConfigError } from './errors.js';
import { isStructuredSolver, type SolverDescription, solverIsOnline } from './models.js';

type Pred = (d: SolverDescription) => boolean;

function numActive(d: SolverDescription): number {
  return Array.isArray(d.properties.qubits) ? d.properties.qubits.length : 0;
}

const FEATURES: Record<string, (v: unknown) => Pred> = {
  name: (v) => (d) => d.identity.name === v,
  name__regex: (v) => {
    const re = new RegExp(`^(?:${String(v)})$`);
    return (d) => re.test(d.identity.name);
  },
  qpu: (v) => (d) =>
    (d.properties.category === 'qpu' || (!d.properties.category && isStructuredSolver(d))) === v,
  online: (v) => (d) => solverIsOnline(d) === v,
  category: (v) => (d) => d.properties.category === v,
  topology__type: (v) => (d) => d.properties.topology?.type === v,
  num_qubits: (v) => (d) => d.properties.num_qubits === v,
  num_qubits__gte: (v) => (d) => d.properties.num_qubits >= Number(v),
  num_qubits__gt: (v) => (d) => d.properties.num_qubits > Number(v),
  num_qubits__lte: (v) => (d) => d.properties.num_qubits <= Number(v),
  num_qubits__lt: (v) => (d) => d.properties.num_qubits < Number(v),
  num_active_qubits__gte: (v) => (d) => numActive(d) >= Number(v),
  num_active_qubits__lte: (v) => (d) => numActive(d) <= Number(v),
};

/** Parses the configured solver filter (a JSON object) into predicates. */
export function parseSolverFilter(spec: string): Pred[] {
  let obj: unknown;
  try {
    obj = JSON.parse(spec);
  } catch (e) {
    throw new LeapConfigError(
      `solver: ${JSON.stringify(spec)} is neither a solver name nor a JSON filter (${(e as Error).message})`,
      {
        field: 'solver',
      },
    );
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw new LeapConfigError('solver: a filter must be a JSON object such as {"qpu": true}', {
      field: 'solver',
    });
  return Object.entries(obj).map(([k, v]) => {
    const f = FEATURES[k];
    if (!f)
      throw new LeapConfigError(
        `solver: filter key ${JSON.stringify(k)} is not supported; qaxai understands ${Object.keys(FEATURES).join(', ')}`,
        { field: 'solver' },
      );
    return f(v);
  });
}

/** Picks a solver: the filter (default: online QPUs), largest working graph first. */
export function selectSolver(
  list: readonly SolverDescription[],
  spec: string | undefined,
): SolverDescription {
  const preds = spec ? parseSolverFilter(spec) : [];
  const candidates = list
    .filter((d) => isStructuredSolver(d) && solverIsOnline(d))
    .filter((d) => preds.every((p) => p(d)))
    .sort((a, b) => numActive(b) - numActive(a));
  const first = candidates[0];
  if (!first)
    throw new LeapConfigError(
      `no online QPU solver${spec ? ` matches ${spec}` : ''}; solvers here: ${list.map((d) => `${d.identity.name} (${d.status ?? '?'})`).join(', ') || '(none)'}`,
      { field: 'solver' },
    );
  return first;
}
