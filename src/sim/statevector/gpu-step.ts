/**
 * The Trotter step as gpu.js kernels (single precision): one data-parallel pass for the diagonal phase and
 * one per qubit rotation, each output cell one real component of the interleaved state (thread x: amplitude
 * z = ⌊x/2⌋, component x mod 2). Same conventions as ./kernels.ts; ψ(z) *= exp(−iφE(z)) then exp(iθσx) per
 * qubit.
 *
 * Backends: 'webasm' (gpu.js's WebAssembly backend: f32x4 SIMD on the CPU, runs anywhere; the CI check) and
 * 'webgpu' (WGSL compute shaders; needs an adapter — in Node through the `webgpu` (Dawn) package, probed by
 * probeWebGpu() of ../gpu.ts; kernel calls then return Promises, which {@link GpuTrotter.step} awaits). Outputs are
 * pipelined (kept on the device for webgpu, plain arrays for webasm) between the passes of a step.
 */

import { GPU } from 'gpu.js';
import { WorkError } from '../../errors.js';

import { type GpuMode, probeWebGpu } from '../gpu.js';

export type GpuStepMode = GpuMode;

const ROTATE = `function (a, c, s, bit) {
  const x = this.thread.x;
  const z = Math.floor(x / 2);
  const comp = x - 2 * z;
  const hi = Math.floor(z / bit);
  let p = z + bit;
  if (hi % 2 === 1) {
    p = z - bit;
  }
  if (comp === 0) {
    return c * a[2 * z] - s * a[2 * p + 1];
  }
  return c * a[2 * z + 1] + s * a[2 * p];
}`;

const PHASE = `function (a, e, phi) {
  const x = this.thread.x;
  const z = Math.floor(x / 2);
  const comp = x - 2 * z;
  const ph = phi * e[z];
  const pr = Math.cos(ph);
  const pi = 0 - Math.sin(ph);
  const re = a[2 * z];
  const im = a[2 * z + 1];
  if (comp === 0) {
    return re * pr - im * pi;
  }
  return re * pi + im * pr;
}`;

interface KernelFn {
  (...args: unknown[]): unknown;
  destroy?: () => void;
  kernel?: { constructor: { mode?: string }; fallbackReason?: string | null };
}

export class GpuTrotter {
  private readonly gpu: GPU;
  private readonly rotate: KernelFn;
  private readonly phaseKernel: KernelFn;
  private readonly energies: Float32Array;

  private constructor(
    readonly n: number,
    energies: ArrayLike<number>,
    readonly mode: GpuStepMode,
  ) {
    this.gpu = new GPU({ mode } as ConstructorParameters<typeof GPU>[0]);
    const settings = { output: [2 * 2 ** n], pipeline: true, tactic: 'precision' };
    this.rotate = this.gpu.createKernel(
      ROTATE,
      settings as Parameters<GPU['createKernel']>[1],
    ) as unknown as KernelFn;
    this.phaseKernel = this.gpu.createKernel(
      PHASE,
      settings as Parameters<GPU['createKernel']>[1],
    ) as unknown as KernelFn;
    this.energies = Float32Array.from(energies);
  }

  /** A step runner for H_P's energies E(z) (length 2^n). */
  static async create(
    n: number,
    energies: ArrayLike<number>,
    mode: GpuStepMode = 'webasm',
  ): Promise<GpuTrotter> {
    if (mode === 'webgpu' && !(await probeWebGpu()))
      throw new WorkError('gpu.js: no WebGPU adapter on this machine (use the webasm backend)');
    return new GpuTrotter(n, energies, mode);
  }

  /** The backend gpu.js actually runs (it degrades to 'cpu' when it cannot take a kernel). */
  get backend(): string {
    return this.rotate.kernel?.constructor.mode ?? this.mode;
  }

  /**
   * One fused step D(phi) then Π exp(iθσx) ((c, s) = (cos θ, sin θ)) on an interleaved float32 state;
   * returns the new state (a device handle under webgpu pipelines, a Float32Array under webasm).
   */
  async step(a: unknown, phi: number, c: number, s: number): Promise<unknown> {
    let cur = await this.phase(a, phi);
    for (let q = 0; q < this.n; q++) cur = await this.rotate(cur, c, s, 2 ** q);
    return cur;
  }

  /** The diagonal phase alone, ψ(z) *= exp(−iφE(z)) (the closing half step of a Strang sequence). */
  async phase(a: unknown, phi: number): Promise<unknown> {
    return phi !== 0 ? await this.phaseKernel(a, this.energies, phi) : a;
  }

  /** Reads a state back as a Float32Array. */
  async read(a: unknown): Promise<Float32Array> {
    if (a instanceof Float32Array) return a;
    const h = a as { toArray?: () => unknown };
    const v = h.toArray ? await h.toArray() : a;
    return v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
  }

  destroy(): void {
    this.rotate.destroy?.();
    this.phaseKernel.destroy?.();
    this.gpu.destroy();
  }
}
