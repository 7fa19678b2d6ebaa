/** Builds the SampleSet of a Monte Carlo run: one row per read, in the model's vartype, energies of the model. */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { type CompiledModel, energyOfRow } from '../../hamiltonian/compiled.js';
import { type SamplerInfo, SampleSet } from '../../hamiltonian/sample-set.js';

/** `spins`: numReads × n values ±1 in `bqm`'s variable order; `spinModel` = compileModel(bqm, 'SPIN'). */
export function readsToSampleSet(
  bqm: BinaryQuadraticModel,
  spinModel: CompiledModel,
  spins: Int8Array,
  info: SamplerInfo = {},
): SampleSet {
  const n = spinModel.n;
  const rows = n === 0 ? 0 : spins.length / n;
  const energy = new Float64Array(rows);
  for (let r = 0; r < rows; r++) energy[r] = energyOfRow(spinModel, spins, r * n);
  let samples = spins;
  if (bqm.vartype === 'BINARY') {
    samples = new Int8Array(spins.length);
    for (let k = 0; k < spins.length; k++) samples[k] = spins[k]! > 0 ? 1 : 0;
  }
  return new SampleSet({ variables: bqm.variables.toArray(), vartype: bqm.vartype, samples, energy, info });
}
