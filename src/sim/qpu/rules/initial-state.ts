/**
 * QPU-style initial states for reverse anneals, in the forms SAPI and dwave-system accept: an object
 * {qubit: value}, a list of [qubit, value] pairs, or a dense list with one value per qubit index
 * (0 … num_qubits−1; 3 marks unused qubits). Values are ±1 for Ising problems and 0/1 for QUBOs (3 = unused).
 * Every active qubit of the problem must get a value.
 */

import { ParameterError } from '../../../errors.js';
import type { Vartype } from '../../../hamiltonian/bqm.js';

const FIELD = 'initial_state';

function fail(msg: string): never {
  throw new ParameterError(`${FIELD}: ${msg}`, { field: FIELD });
}

/** Returns ±1 per active qubit, in the order of `qubits`. */
export function parseQpuInitialState(
  v: unknown,
  qubits: Int32Array,
  vartype: Vartype,
  numQubits: number,
): Int8Array {
  const given = new Map<number, unknown>();
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const q = Number(k);
      if (!Number.isInteger(q) || q < 0) fail(`key ${JSON.stringify(k)} is not a qubit index`);
      given.set(q, x);
    }
  } else if (Array.isArray(v)) {
    const pairs = v.length > 0 && v.every((x) => Array.isArray(x));
    if (pairs) {
      v.forEach((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2 || !Number.isInteger(pair[0]))
          fail(`entry ${i} is not a [qubit, value] pair: ${JSON.stringify(pair)}`);
        given.set(pair[0] as number, pair[1]);
      });
    } else {
      if (v.length !== numQubits)
        fail(
          `a dense list needs one value per qubit index (num_qubits = ${numQubits}, 3 for unused qubits); got ${v.length} values. Give an object {qubit: value} or [[qubit, value], …] instead`,
        );
      v.forEach((x, q) => {
        given.set(q, x);
      });
    }
  } else
    fail(
      'expected an object {qubit: value}, a list of [qubit, value] pairs, or a dense list over all qubits',
    );
  const out = new Int8Array(qubits.length);
  const ok = vartype === 'SPIN' ? 'use −1 or +1' : 'use 0 or 1 (QUBO problem)';
  qubits.forEach((q, i) => {
    if (!given.has(q)) fail(`active qubit ${q} has no value`);
    const x = given.get(q);
    if (vartype === 'SPIN' ? x !== 1 && x !== -1 : x !== 0 && x !== 1)
      fail(`qubit ${q} has value ${JSON.stringify(x)}; ${ok}`);
    out[i] = vartype === 'SPIN' ? (x as number) : x === 1 ? 1 : -1;
  });
  return out;
}
