/**
 * Units used with D-Wave schedules (cli.md, "Physics conventions"):
 * - energies are frequencies E/h in GHz; time evolution uses angular frequency ω = 2π·f in rad/ns;
 * - QPU times (annealing_time, anneal_schedule) are in µs; engines integrate in ns;
 * - temperature T in mK has thermal energy k_B·T/h = T × 0.020837 GHz (the value cli.md fixes;
 *   CODATA 2018 gives k_B/h = 20.836619 GHz/K exactly, see {@link K_B_OVER_H_GHZ_PER_MK_CODATA}).
 */

/** Radians per cycle: ω [rad/ns] = 2π × f [GHz]. */
export const RAD_PER_CYCLE = 2 * Math.PI;
/** Nanoseconds per microsecond. */
export const NS_PER_US = 1000;
/** k_B/h in GHz per mK, as cli.md fixes it (rounded CODATA value). */
export const K_B_OVER_H_GHZ_PER_MK = 0.020837;
/** k_B/h in GHz per mK from the exact SI constants (k_B = 1.380649e-23 J/K, h = 6.62607015e-34 J s). */
export const K_B_OVER_H_GHZ_PER_MK_CODATA = 1.380649e-23 / 6.62607015e-34 / 1e12;

/** f [GHz] → ω [rad/ns]. */
export function ghzToRadPerNs(f: number): number {
  return RAD_PER_CYCLE * f;
}

/** ω [rad/ns] → f [GHz]. */
export function radPerNsToGhz(w: number): number {
  return w / RAD_PER_CYCLE;
}

/** µs → ns. */
export function usToNs(t: number): number {
  return t * NS_PER_US;
}

/** ns → µs. */
export function nsToUs(t: number): number {
  return t / NS_PER_US;
}

/** Thermal energy k_B·T/h in GHz for T in mK. */
export function mkToGhz(temperatureMk: number): number {
  return temperatureMk * K_B_OVER_H_GHZ_PER_MK;
}

/** Temperature in mK whose thermal energy k_B·T/h is `f` GHz. */
export function ghzToMk(f: number): number {
  return f / K_B_OVER_H_GHZ_PER_MK;
}

/** Inverse temperature β = h/(k_B·T) in 1/GHz for T in mK; Boltzmann weights are exp(−β·E[GHz]). */
export function mkToBeta(temperatureMk: number): number {
  return 1 / mkToGhz(temperatureMk);
}

/**
 * Dimensionless inverse temperature for the *Ising* energy E_P = Σ h σ + Σ J σσ at anneal fraction s of a
 * GHz schedule: the classical part of H(s) is problem(s)·E_P = B(s)/2·E_P GHz, so β_P = β·B(s)/2.
 */
export function isingBetaAt(temperatureMk: number, problemGhz: number): number {
  return mkToBeta(temperatureMk) * problemGhz;
}
