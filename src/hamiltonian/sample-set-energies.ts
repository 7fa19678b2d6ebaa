/**
 * Energies of a sample set's rows on a model. The variable sets must be equal (the order may differ); a
 * missing or extra variable is a SampleSetError naming it. Samples in the other vartype are converted.
 */

import { SampleSetError } from '../errors.js';
import type { BinaryQuadraticModel } from './bqm.js';
import { compileModel, energyOfRow } from './compiled.js';
import { formatLabel, labelKey } from './labels.js';
import type { SampleSet } from './sample-set.js';

/** Throws unless `ss` has exactly the model's variables; `what` names the sample set in messages. */
export function assertSameVariables(bqm: BinaryQuadraticModel, ss: SampleSet, what = 'SAMPLESET'): void {
  const inSet = new Set(ss.variables.map(labelKey));
  const missing = bqm.variables.toArray().filter((l) => !inSet.has(labelKey(l)));
  if (missing.length)
    throw new SampleSetError(
      `${what} has no column for model variable${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).map(formatLabel).join(', ')}` +
        (missing.length > 5 ? ` and ${missing.length - 5} more` : ''),
      { field: 'variable_labels' },
    );
  const extra = ss.variables.filter((l) => !bqm.variables.has(l));
  if (extra.length)
    throw new SampleSetError(
      `${what} has variable${extra.length > 1 ? 's' : ''} ${extra.slice(0, 5).map(formatLabel).join(', ')}` +
        `${extra.length > 5 ? ` and ${extra.length - 5} more` : ''} that the model does not have`,
      { field: 'variable_labels' },
    );
}

/** The sample set with columns in the model's order and the model's vartype. */
export function alignToModel(bqm: BinaryQuadraticModel, ss: SampleSet, what = 'SAMPLESET'): SampleSet {
  assertSameVariables(bqm, ss, what);
  const rows = ss.reorder(bqm.variables.toArray());
  return rows.vartype === bqm.vartype ? rows : rows.changeVartype(bqm.vartype);
}

/** Energy of every row of `ss` on `bqm` (rows in the sample set's order). */
export function energiesOnModel(bqm: BinaryQuadraticModel, ss: SampleSet, what = 'SAMPLESET'): Float64Array {
  const aligned = alignToModel(bqm, ss, what);
  const model = compileModel(bqm);
  const out = new Float64Array(aligned.numRows);
  for (let r = 0; r < aligned.numRows; r++) out[r] = energyOfRow(model, aligned.samples, r * model.n);
  return out;
}
