/**
 * Which gpu.js backend the GPU kernels of the engines run on (ADR 0005): WebGPU where an adapter answers, else
 * gpu.js's WebAssembly backend on the CPU.
 */

import { GPU } from 'gpu.js';

/** gpu.js backends the engines use. */
export type GpuMode = 'webasm' | 'webgpu';

let webGpuProbe: Promise<boolean> | undefined;

/**
 * Whether a WebGPU adapter exists. In Node without `navigator.gpu`, tries the `webgpu` (Dawn) bindings and, when
 * they load and answer with an adapter, installs them as navigator.gpu for gpu.js. Never throws.
 */
export function probeWebGpu(): Promise<boolean> {
  webGpuProbe ??= (async () => {
    try {
      const g = globalThis as { navigator?: { gpu?: unknown } };
      if (!g.navigator?.gpu) {
        const mod = (await import('webgpu' as string)) as {
          create(flags: string[]): unknown;
          globals: object;
        };
        const gpu = mod.create([]) as { requestAdapter(): Promise<unknown> };
        if (!(await gpu.requestAdapter())) return false;
        Object.assign(globalThis, mod.globals);
        if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
        else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
      }
      return GPU.isWebGPUSupported && (await GPU.isWebGPUAvailable());
    } catch {
      return false;
    }
  })();
  return webGpuProbe;
}

/** The gpu.js backend that runs here: 'webgpu' when an adapter answers, else 'webasm'. */
export async function availableGpuMode(): Promise<GpuMode> {
  return (await probeWebGpu()) ? 'webgpu' : 'webasm';
}
