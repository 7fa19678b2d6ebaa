/**
 * Dense exact diagonalisation of H = −Γ Σ_i σ^x_i + Λ H_P for small n (reference answers for tests, the
 * spectrum of small problems, exact Gibbs averages). Basis convention of ../statevector/problem-energies.ts:
 * bit i of the index is qubit i, bit 0 ↔ σ_i = +1. H is real symmetric; eigenvalues come out ascending.
 *
 * Units: whatever Γ and Λ are in (GHz for D-Wave tables with Γ = A/2, Λ = B/2; dimensionless for `linear`);
 * β in the inverse unit.
 */

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { CapacityError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { problemEnergies } from '../statevector/problem-energies.js';

/** Largest n the dense path accepts (2^12 = 4096 rows). */
export const DENSE_MAX_QUBITS = 12;

/** Dense H(Γ, Λ) as an ml-matrix Matrix (2^n × 2^n). `energies` (H_P's diagonal) is computed when omitted. */
export function denseHamiltonian(
  model: CompiledModel,
  gamma: number,
  lambda: number,
  energies: ArrayLike<number> = problemEnergies(model),
): Matrix {
  const n = model.n;
  if (n > DENSE_MAX_QUBITS)
    throw new CapacityError(
      `dense diagonalisation handles n ≤ ${DENSE_MAX_QUBITS} qubits; this model has ${n}`,
    );
  const N = 2 ** n;
  const H = new Matrix(N, N);
  for (let z = 0; z < N; z++) {
    H.set(z, z, lambda * energies[z]!);
    for (let i = 0; i < n; i++) H.set(z, z ^ (1 << i), -gamma);
  }
  return H;
}

export interface Eigensystem {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns, in the order of `values`; real and orthonormal. */
  vectors: Matrix;
}

/** Full eigensystem of a real symmetric matrix, eigenvalues ascending. */
export function symmetricEigensystem(H: Matrix): Eigensystem {
  const evd = new EigenvalueDecomposition(H, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((a, b) => raw[a]! - raw[b]!);
  const V = evd.eigenvectorMatrix;
  const vectors = new Matrix(V.rows, V.columns);
  order.forEach((src, dst) => {
    for (let r = 0; r < V.rows; r++) vectors.set(r, dst, V.get(r, src));
  });
  return { values: Float64Array.from(order, (i) => raw[i]!), vectors };
}

/** Eigensystem of H(Γ, Λ) = −Γ Σσx + Λ H_P (n ≤ 12). */
export function denseEigensystem(
  model: CompiledModel,
  gamma: number,
  lambda: number,
  energies?: ArrayLike<number>,
): Eigensystem {
  return symmetricEigensystem(denseHamiltonian(model, gamma, lambda, energies));
}

export interface ThermalState {
  /** ⟨z|ρ|z⟩ for each basis state z, ρ = e^{−βH}/Z. */
  probabilities: Float64Array;
  /** ⟨H⟩ = Tr[ρH]. */
  energy: number;
  /** ln Z (with the ground energy shifted out: ln Σ e^{−β(E_k − E_0)} − βE_0). */
  logZ: number;
}

/** Exact Gibbs state diagonal for inverse temperature β (in the inverse energy unit of H). */
export function thermalState(eig: Eigensystem, beta: number): ThermalState {
  const { values, vectors } = eig;
  const N = values.length;
  const e0 = values[0]!;
  const w = new Float64Array(N);
  let Z = 0;
  for (let k = 0; k < N; k++) {
    w[k] = Math.exp(-beta * (values[k]! - e0));
    Z += w[k]!;
  }
  let energy = 0;
  const probabilities = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    const p = w[k]! / Z;
    energy += p * values[k]!;
    if (p < 1e-300) continue;
    for (let z = 0; z < N; z++) {
      const v = vectors.get(z, k);
      probabilities[z]! += p * v * v;
    }
  }
  return { probabilities, energy, logZ: Math.log(Z) - beta * e0 };
}

/** Thermal expectation of a diagonal observable O(z) (e.g. σ^z_i, σ^z_iσ^z_j, H_P). */
export function thermalDiagonalExpectation(state: ThermalState, observable: (z: number) => number): number {
  let s = 0;
  const p = state.probabilities;
  for (let z = 0; z < p.length; z++) s += p[z]! * observable(z);
  return s;
}
