/**
 * initial_state as SAPI takes it: a dense list of num_qubits values (3 for unset qubits). A mapping
 * {qubit: value} (what the embedding composite hands down) is converted as dwave-cloud-client's
 * reformat_parameters does: values ≤ 0 become −1 (ising) or 0 (qubo), values > 0 become 1. A list is passed
 * through. The solver's rules (src/sim/qpu/rules) then check the result.
 */

import { ParameterError } from '../../errors.js';

function bad(message: string): never {
  throw new ParameterError(`initial_state: ${message}`, { field: 'initial_state' });
}

export function denseInitialState(v: unknown, numQubits: number, type: 'ising' | 'qubo'): number[] {
  if (Array.isArray(v)) {
    if (v.length === numQubits && v.every((x) => typeof x === 'number')) return v as number[];
    // a list of [qubit, value] pairs
    if (v.every((x) => Array.isArray(x) && x.length === 2))
      return denseInitialState(Object.fromEntries(v as Array<[number, number]>), numQubits, type);
    bad(`expected ${numQubits} values (one per qubit, 3 for unused) or a {qubit: value} mapping`);
  }
  if (typeof v !== 'object' || v === null) bad('expected a {qubit: value} mapping or a list');
  const out = new Array<number>(numQubits).fill(3);
  const low = type === 'ising' ? -1 : 0;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const q = Number(k);
    if (!Number.isInteger(q) || q < 0 || q >= numQubits)
      bad(`${JSON.stringify(k)} is not a qubit in [0, ${numQubits})`);
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`qubit ${q}: ${JSON.stringify(x)} is not a number`);
    out[q] = x > 0 ? 1 : low;
  }
  return out;
}
