/**
 * Where each qpu-sim engine models the QPU, after D-Wave's three regimes of an anneal (QPU documentation,
 * "Fast-Anneal Protocol"): coherent (too fast for the environment to act: a closed system; the fast-anneal
 * protocol's nanosecond anneals), non-equilibrium, and quasistatic (the system follows equilibrium most of
 * the way). The thermal engines (pimc, svmc, svmc-tf) sample the open, thermalizing system, and qpu-sim was
 * calibrated on 62.5 µs anneals; they are taken as valid from 0.5 µs, the shortest anneal of the standard
 * protocol (annealing_time_range). The statevector engine is closed-system dynamics: the coherent regime, so
 * the shorter side of that bound.
 */

import { STATEVECTOR_MAX_QUBITS } from './engines.js';
import type { QpuEngine } from './qpu-parameters.js';

/** Shortest anneal (µs) the thermal engines are taken to model: the standard protocol's minimum. */
export const THERMAL_VALIDITY_MIN_US = 0.5;

/** info.warnings of a run on `engine` lasting `durationUs` with `n` active qubits. */
export function engineWarnings(engine: QpuEngine, durationUs: number, n: number): string[] {
  const d = `${Number(durationUs.toPrecision(4))} µs`;
  if (engine === 'statevector')
    return durationUs >= THERMAL_VALIDITY_MIN_US
      ? [
          `the anneal lasts ${d}: the statevector engine evolves a closed system, but anneals of ${THERMAL_VALIDITY_MIN_US} µs and longer on the QPU are open-system (thermal) dynamics; x_engine pimc models those`,
        ]
      : [];
  if (durationUs >= THERMAL_VALIDITY_MIN_US) return [];
  const offer =
    n <= STATEVECTOR_MAX_QUBITS
      ? `run it as closed-system dynamics with x_engine: statevector (${n} active qubits; up to ${STATEVECTOR_MAX_QUBITS})`
      : `the statevector engine, which models that regime, takes at most ${STATEVECTOR_MAX_QUBITS} active qubits (this problem has ${n})`;
  return [
    `the anneal lasts ${d}, shorter than the ${THERMAL_VALIDITY_MIN_US} µs from which the thermal ${engine} engine models the QPU: anneals this fast are in the coherent regime, where thermal sampling is the wrong model; ${offer}`,
  ];
}
