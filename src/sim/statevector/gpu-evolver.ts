/**
 * The plan runner of the gpu.js backend (./gpu-step.ts): uploads the state as float32, runs the fused steps
 * and the closing phase as gpu.js kernels (WebGPU compute shaders where an adapter exists, else gpu.js's
 * WebAssembly backend on the CPU), and copies the state back into the float64 amplitudes at checkpoints and at
 * the end. Single precision: a step's rounding error is ≈ 1e-7 relative per pass (tested against the float64
 * reference).
 */

import { type Diagonal, energyAt } from './diagonal.js';
import { type GpuStepMode, GpuTrotter } from './gpu-step.js';
import type { StepPlan } from './plan.js';
import type { Evolver } from './threaded.js';

export interface GpuEvolver extends Evolver {
  /** Copies the device state into the float64 amplitudes (for checkpoints). */
  sync(): Promise<void>;
  /** The backend gpu.js actually ran ('webgpu', 'webasm', or 'cpu' where gpu.js fell back to plain JS). */
  readonly backend: string;
}

export async function gpuEvolver(
  amps: Float64Array,
  n: number,
  diag: Diagonal,
  plan: StepPlan,
  mode: GpuStepMode,
): Promise<GpuEvolver> {
  const N = 2 ** n;
  const energies = new Float64Array(N);
  for (let z = 0; z < N; z++) energies[z] = energyAt(diag, z);
  const g = await GpuTrotter.create(n, energies, mode);
  const d = plan.data;
  let cur: unknown = Float32Array.from(amps);
  const sync = async () => {
    amps.set(await g.read(cur));
  };
  return {
    threads: 1,
    get backend() {
      return g.backend;
    },
    run: async (k0, k1) => {
      for (let k = k0; k < k1; k++) cur = await g.step(cur, d[3 * k]!, d[3 * k + 1]!, d[3 * k + 2]!);
    },
    phase: async (phi) => {
      cur = await g.phase(cur, phi);
    },
    sync,
    end: async () => {
      try {
        await sync();
      } finally {
        g.destroy();
      }
    },
  };
}
