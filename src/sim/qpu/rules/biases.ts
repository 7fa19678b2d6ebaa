/**
 * The bias rules:
 * - fast_anneal: the problem's linear biases (h, or the QUBO diagonal) are all 0 (dwave.md §4.1);
 * - auto_scale false: on the Ising form (a QUBO converted, as the QPU does) h within h_range, J within
 *   extended_j_range (else j_range), and the total J of each qubit within per_qubit_coupling_range or of each
 *   coupler group within per_group_coupling_range. With auto_scale on (the default) the QPU rescales
 *   (./scaling.ts), so any finite biases go.
 */

import { ParameterError } from '../../../errors.js';
import type { BinaryQuadraticModel } from '../../../hamiltonian/bqm.js';
import type { CompiledModel } from '../../../hamiltonian/compiled.js';
import { formatLabel } from '../../../hamiltonian/labels.js';
import type { QpuSolverProperties } from './properties.js';
import { couplerRange, couplingTotals } from './scaling.js';

/**
 * fast_anneal needs zero linear biases. Resolved disagreement: the Leap client checked the submitted biases,
 * qpu-sim the Ising form (where a QUBO's couplings add to h); SAPI states the rule on the submitted h and QUBO
 * diagonal (dwave.md §4.1), so the submitted biases are checked.
 */
export function checkFastAnnealBiases(bqm: BinaryQuadraticModel): void {
  for (let i = 0; i < bqm.numVariables; i++)
    if (bqm.linearAt(i) !== 0)
      throw new ParameterError(
        `fast_anneal: linear biases h (and QUBO diagonal terms) must be 0 with fast_anneal, but variable ${formatLabel(bqm.variables.at(i))} has ${bqm.linearAt(i)}; drop fast_anneal or the linear biases`,
        { field: 'fast_anneal' },
      );
}

function outside(x: number, r: readonly [number, number]): boolean {
  return x < r[0] || x > r[1];
}

/**
 * With auto_scale false, throws ParameterError naming the first h, J or coupling total outside its range (and
 * the value and range). `ising` is the Ising form on `qubits`; `qubo` says it came from a QUBO.
 *
 * Resolved disagreements: the Leap client checked the per-qubit totals only when some J used the extended
 * range, and knew no per-group range; qpu-sim always checked them, per qubit or per coupler group. The QPU's auto_scale rule always includes the
 * coupling limit (dwave.md §4.1), and J within j_range alone cannot break it on Advantage or Advantage2, so
 * the totals are always checked. The messages are qpu-sim's (`h[q] = …`), which its tests and CLI tests assert.
 */
export function checkBiasRanges(
  qubits: Int32Array,
  ising: CompiledModel,
  p: QpuSolverProperties,
  qubo: boolean,
): void {
  const form = qubo ? ' (Ising form of the QUBO)' : '';
  const fail = (what: string): never => {
    throw new ParameterError(
      `auto_scale is false and ${what}${form}; give values within the ranges or set auto_scale true`,
      { field: 'auto_scale' },
    );
  };
  const hr = p.h_range;
  if (hr)
    for (let i = 0; i < ising.n; i++)
      if (outside(ising.linear[i]!, hr))
        fail(`h[${qubits[i]}] = ${ising.linear[i]} is outside h_range [${hr[0]}, ${hr[1]}]`);
  const jr = couplerRange(p);
  if (jr)
    for (let k = 0; k < ising.edgeW.length; k++) {
      const J = ising.edgeW[k]!;
      if (outside(J, jr.range)) {
        const u = qubits[ising.edgeU[k]!]!;
        const v = qubits[ising.edgeV[k]!]!;
        fail(
          `J[${Math.min(u, v)}, ${Math.max(u, v)}] = ${J} is outside ${jr.name} [${jr.range[0]}, ${jr.range[1]}]`,
        );
      }
    }
  const c = couplingTotals(qubits, ising, p);
  if (c)
    c.totals.forEach((x, i) => {
      if (outside(x, c.range))
        fail(
          `the total coupling ${x} on ${c.name === 'per_group_coupling_range' ? 'a coupler group of ' : ''}qubit ${c.owner[i]} is outside ${c.name} [${c.range[0]}, ${c.range[1]}]`,
        );
    });
}
