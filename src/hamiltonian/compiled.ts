/**
 * The compiled, index-based form of a BQM that kernels run on: linear biases and a symmetric CSR coupling
 * matrix in typed arrays, plus the edge list (u < v). Labels stay on the main thread in `labels`.
 *
 * Samples handed to kernels are row-major Int8Array rows of length n: ±1 for SPIN, 0/1 for BINARY.
 * The typed arrays can be copied into SharedArrayBuffers and sent to worker threads (see {@link toTransferable}).
 */

import { type BinaryQuadraticModel, checkEnergyBound, type Vartype } from './bqm.js';
import type { Label } from './labels.js';

export interface CompiledModel {
  readonly n: number;
  readonly vartype: Vartype;
  readonly offset: number;
  /** Linear biases h_i (SPIN) or a_i (BINARY). */
  readonly linear: Float64Array;
  /** CSR row pointers (length n+1) of the symmetric coupling matrix: both (i,j) and (j,i) are stored. */
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly weights: Float64Array;
  /** Each interaction once: edgeU[k] < edgeV[k]. */
  readonly edgeU: Int32Array;
  readonly edgeV: Int32Array;
  readonly edgeW: Float64Array;
}

export interface LabelledCompiledModel extends CompiledModel {
  readonly labels: readonly Label[];
}

/**
 * Sorts a CSR row [start, end) by column, carrying the weights (columns are distinct). Rows usually arrive sorted
 * (variables added in order), which is checked first.
 */
function sortRow(col: Int32Array, w: Float64Array, start: number, end: number): void {
  let sorted = true;
  for (let q = start + 1; q < end && sorted; q++) sorted = col[q - 1]! < col[q]!;
  if (sorted) return;
  const pairs: [number, number][] = [];
  for (let q = start; q < end; q++) pairs.push([col[q]!, w[q]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  for (let q = start; q < end; q++) [col[q], w[q]] = pairs[q - start]!;
}

/** Compiles a BQM, optionally converting its vartype first (kernels usually want SPIN). */
export function compileModel(
  bqm: BinaryQuadraticModel,
  vartype: Vartype = bqm.vartype,
): LabelledCompiledModel {
  checkEnergyBound(bqm);
  const m = vartype === bqm.vartype ? bqm : bqm.changeVartype(vartype);
  const n = m.numVariables;
  const linear = new Float64Array(n);
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    linear[i] = m.linearAt(i);
    rowPtr[i + 1] = rowPtr[i]! + m.degreeAt(i);
  }
  const nnz = rowPtr[n]!;
  const colIdx = new Int32Array(nnz);
  const weights = new Float64Array(nnz);
  const ne = m.numInteractions;
  const edgeU = new Int32Array(ne);
  const edgeV = new Int32Array(ne);
  const edgeW = new Float64Array(ne);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const start = rowPtr[i]!;
    let p = start;
    m.neighborsAt(i).forEach((w, j) => {
      colIdx[p] = j;
      weights[p] = w;
      p++;
    });
    sortRow(colIdx, weights, start, p);
    for (let q = start; q < p; q++) {
      const j = colIdx[q]!;
      if (i < j) {
        edgeU[e] = i;
        edgeV[e] = j;
        edgeW[e] = weights[q]!;
        e++;
      }
    }
  }
  return {
    n,
    vartype,
    offset: m.offset,
    linear,
    rowPtr,
    colIdx,
    weights,
    edgeU,
    edgeV,
    edgeW,
    labels: m.variables.toArray(),
  };
}

/** Energy of one row of `samples` starting at `offset` (length n). */
export function energyOfRow(model: CompiledModel, samples: ArrayLike<number>, offset = 0): number {
  let e = model.offset;
  const { linear, edgeU, edgeV, edgeW } = model;
  for (let i = 0; i < model.n; i++) e += linear[i]! * samples[offset + i]!;
  for (let k = 0; k < edgeW.length; k++)
    e += edgeW[k]! * samples[offset + edgeU[k]!]! * samples[offset + edgeV[k]!]!;
  return e;
}

/** Energies of `numRows` row-major samples (batched); writes into `out` when given. */
export function energies(
  model: CompiledModel,
  samples: ArrayLike<number>,
  numRows: number,
  out: Float64Array = new Float64Array(numRows),
): Float64Array {
  for (let r = 0; r < numRows; r++) out[r] = energyOfRow(model, samples, r * model.n);
  return out;
}

/**
 * Local fields of a SPIN model at a state: f_i = h_i + Σ_j J_ij σ_j, so flipping σ_i changes the energy by
 * ΔE_i = −2 σ_i f_i.
 */
export function localFields(
  model: CompiledModel,
  spins: ArrayLike<number>,
  out = new Float64Array(model.n),
): Float64Array {
  const { rowPtr, colIdx, weights, linear } = model;
  for (let i = 0; i < model.n; i++) {
    let f = linear[i]!;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) f += weights[p]! * spins[colIdx[p]!]!;
    out[i] = f;
  }
  return out;
}

/** Copies the numeric arrays into SharedArrayBuffers so worker threads can read them without copies. */
export function toShared(model: CompiledModel): CompiledModel {
  const share = <T extends Float64Array | Int32Array>(a: T): T => {
    const Ctor = a.constructor as { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
    const sab = new SharedArrayBuffer(a.length * Ctor.BYTES_PER_ELEMENT);
    const out = new Ctor(sab);
    out.set(a);
    return out;
  };
  return {
    n: model.n,
    vartype: model.vartype,
    offset: model.offset,
    linear: share(model.linear),
    rowPtr: share(model.rowPtr),
    colIdx: share(model.colIdx),
    weights: share(model.weights),
    edgeU: share(model.edgeU),
    edgeV: share(model.edgeV),
    edgeW: share(model.edgeW),
  };
}
