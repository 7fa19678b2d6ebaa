/**
 * qpu-sim's readout phase: readout errors on the returned spins, and the answer: rows in the submitted
 * vartype, columns in qubit order, energies of the submitted (noise-free, unscaled) problem, offset included;
 * `histogram` answers aggregate identical rows and sort them by energy, `raw` answers keep read order.
 * `max_answers` (SAPI's meaning) keeps the max_answers lowest-energy distinct rows of a histogram, or the first
 * max_answers reads of a raw answer.
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { compileModel, energyOfRow } from '../../hamiltonian/compiled.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import type { Rng } from '../rng.js';

/** Flips each spin with probability `p` in place (one draw per spin, in row-major order, when p > 0). */
export function applyReadoutErrors(spins: Int8Array, p: number, rng: Rng): void {
  if (p > 0) for (let k = 0; k < spins.length; k++) if (rng.next() < p) spins[k] = -spins[k]!;
}

export type AnswerMode = 'histogram' | 'raw';

/** The answer of `numReads` reads: `spins` row-major ±1 in the model order of `bqm`, on `qubits`. */
export function answerSampleSet(
  bqm: BinaryQuadraticModel,
  qubits: Int32Array,
  spins: Int8Array,
  numReads: number,
  answerMode: AnswerMode,
  maxAnswers = numReads,
): SampleSet {
  const n = qubits.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => qubits[a]! - qubits[b]!);
  const binary = bqm.vartype === 'BINARY';
  const submitted = compileModel(bqm);
  const energy = new Float64Array(numReads);
  const samples = new Int8Array(numReads * n);
  const row = new Int8Array(n);
  for (let r = 0; r < numReads; r++) {
    for (let i = 0; i < n; i++) row[i] = binary ? (spins[r * n + i]! > 0 ? 1 : 0) : spins[r * n + i]!;
    energy[r] = n === 0 ? bqm.offset : energyOfRow(submitted, row);
    for (let k = 0; k < n; k++) samples[r * n + k] = row[order[k]!]!;
  }
  const ss = new SampleSet({
    variables: order.map((i) => qubits[i]!),
    vartype: bqm.vartype,
    samples,
    energy,
    vectors: {
      num_occurrences: { dataType: 'int32', shape: [numReads], data: new Array(numReads).fill(1) },
    },
  });
  if (answerMode === 'histogram') return ss.aggregate().truncate(maxAnswers);
  return maxAnswers < numReads ? ss.select([...Array(maxAnswers).keys()]) : ss;
}
