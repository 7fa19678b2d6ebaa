/**
 * Memory budget of a statevector run. The engine refuses, before allocating, a problem whose arrays would not
 * fit: the limit is the smaller of a hard cap (24 GiB, or QAXAI_MAX_MEMORY_BYTES) and 90 % of the machine's
 * memory, and the run must also fit in the memory free now.
 */

import { freemem, totalmem } from 'node:os';
import { CapacityError } from '../../errors.js';

export const HARD_CAP_BYTES = 24 * 2 ** 30;

/** Largest n the engine addresses at all (basis indices and typed-array lengths). */
export const MAX_QUBITS = 30;

export interface MemoryPlan {
  /** Complex float64 state: 16·2^n. */
  state: number;
  /** Diagonal at its peak (float64 energies plus uint16 levels): 10·2^n. */
  diagonal: number;
  /** Extra vectors: Lanczos initial state (3 real vectors), previous state for the fidelity check. */
  extra: number;
  total: number;
}

export function statevectorMemory(
  n: number,
  opts: { lanczosStart?: boolean; keepPrevious?: boolean } = {},
): MemoryPlan {
  const N = 2 ** n;
  const state = 16 * N;
  const diagonal = 10 * N;
  const extra = (opts.lanczosStart ? 24 * N : 0) + (opts.keepPrevious ? 16 * N : 0);
  return { state, diagonal, extra, total: state + diagonal + extra };
}

export function memoryLimit(): number {
  const env = Number(process.env.QAXAI_MAX_MEMORY_BYTES);
  const cap = Number.isFinite(env) && env > 0 ? env : HARD_CAP_BYTES;
  return Math.min(cap, 0.9 * totalmem());
}

const BINARY_UNITS = ['TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** Bytes for messages: KiB … YiB, and beyond that the decimal exponent ("1.2e+30 bytes"). */
export function formatBytes(b: number): string {
  if (b >= 2 ** 40) {
    const k = Math.min(BINARY_UNITS.length - 1, Math.floor(Math.log2(b) / 10) - 4);
    const v = b / 2 ** (10 * (k + 4));
    if (v < 1024) return `${v.toFixed(v >= 10 ? 0 : 1)} ${BINARY_UNITS[k]}`;
    return `${b.toExponential(1)} bytes`;
  }
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(b >= 10 * 2 ** 30 ? 0 : 1)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(0)} MiB`;
  return `${Math.ceil(b / 1024)} KiB`;
}

/**
 * What an n-qubit plan needs, for messages: {@link formatBytes} of its total while that is a finite float, else
 * the state alone as a power of two with its decimal size ("2^1000000 × 16 bytes ≈ 10^301031 bytes").
 */
export function formatPlanBytes(n: number, plan: MemoryPlan): string {
  if (Number.isFinite(plan.total)) return formatBytes(plan.total);
  return `more than 2^${n} × 16 bytes ≈ 10^${Math.floor(Math.log10(16) + n * Math.log10(2))} bytes`;
}

/** Whether `bytes` fit both the limit and the free memory (without throwing). */
export function fits(bytes: number): boolean {
  return bytes <= memoryLimit() && bytes <= freemem() + 256 * 2 ** 20;
}

/** Throws a CapacityError naming the bytes needed when an n-qubit run does not fit. */
export function checkCapacity(n: number, plan: MemoryPlan, what = 'statevector simulation'): void {
  if (n > MAX_QUBITS)
    throw new CapacityError(
      `${what}: ${n} qubits is past the engine's limit of ${MAX_QUBITS} (it would need ${formatPlanBytes(n, plan)})`,
      { field: 'model' },
    );
  const limit = memoryLimit();
  if (plan.total > limit)
    throw new CapacityError(
      `${what} of ${n} qubits needs ${formatBytes(plan.total)} (${plan.total} bytes: state ${formatBytes(plan.state)}, ` +
        `diagonal ${formatBytes(plan.diagonal)}, work ${formatBytes(plan.extra)}) but the limit is ${formatBytes(limit)}; ` +
        `n ≤ ${largestFitting(limit)} fits (set QAXAI_MAX_MEMORY_BYTES to change the cap)`,
      { field: 'model' },
    );
  const free = freemem();
  if (plan.total > free + 256 * 2 ** 20)
    throw new CapacityError(
      `${what} of ${n} qubits needs ${formatBytes(plan.total)} (${plan.total} bytes) but only ${formatBytes(free)} of memory is free now`,
      { field: 'model' },
    );
}

function largestFitting(limit: number): number {
  let n = 0;
  while (n < MAX_QUBITS && statevectorMemory(n + 1).total <= limit) n++;
  return n;
}
