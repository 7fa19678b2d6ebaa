/** How the statevector anneal checked its step (a type only, so the web front end can import it). */

export interface ConvergenceReport {
  /** Whether a second run at half the step was made. */
  checked: boolean;
  /** Step of the comparison run. */
  dtCompared: number | null;
  deltaSuccessProbability: number | null;
  deltaExpectedEnergy: number | null;
  /** |⟨ψ(dt)|ψ(dt/2)⟩|² (null when both states do not fit in memory). */
  fidelity: number | null;
  /** Estimated error of the reported success probability (Richardson, second order). */
  estimatedError: number | null;
  tolerance: number;
  converged: boolean | null;
  /** Runs made in all. */
  runs: number;
}
