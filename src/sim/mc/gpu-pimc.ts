/**
 * A gpu.js version of the PIMC Metropolis sweep (the action of pimc-kernel.ts), as a checkerboard: all cells
 * (slice k, spin i) with one slice class (k even / k odd / the last slice when P is odd) and one colour of the
 * interaction graph are independent, so each (slice class, colour) pair is one data-parallel kernel pass that
 * recomputes local fields by gathering over the CSR rows. One uniform per cell per sweep is supplied by the
 * caller (so a CPU run can replay it). Arithmetic is single precision, as on every gpu.js backend.
 *
 * Backends: 'webasm' (gpu.js's WebAssembly backend, CPU, f32x4 SIMD; runs anywhere) and 'webgpu' (needs an
 * adapter: probe with probeWebGpu() of ../gpu.ts). {@link checkerboardSweepF32} is the CPU replay in the same
 * order with the same single-precision rounding.
 */

import { GPU } from 'gpu.js';
import { WorkError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { type GpuMode, probeWebGpu } from '../gpu.js';
import { type Colouring, greedyColouring } from './colouring.js';

export type GpuPimcMode = GpuMode;

/** Slice classes of the checkerboard: 2 for even P, 3 for odd P (the last slice alone). */
export function sliceClassCount(P: number): number {
  return P % 2 === 0 ? 2 : 3;
}

function sliceClass(k: number, P: number): number {
  return P % 2 === 1 && k === P - 1 ? 2 : k % 2;
}

// gpu.js kernel source (parsed by gpu.js, not by TypeScript). Output [n, R·P]: thread.x = spin, thread.y =
// replica r·P + slice k; each replica (one read) is its own ring of P slices.
const KERNEL = `function (spins, rowPtr, colIdx, weights, linear, colour, uniforms, a, K, activeColour, activeClass) {
  const i = this.thread.x;
  const y = this.thread.y;
  const n = this.constants.n;
  const P = this.constants.P;
  const k = y % P;
  const base = y - k;
  const s = spins[y * n + i];
  let cls = k % 2;
  if (this.constants.oddP === 1 && k === P - 1) {
    cls = 2;
  }
  if (cls !== activeClass) {
    return s;
  }
  if (colour[i] !== activeColour) {
    return s;
  }
  let f = linear[i];
  const p0 = rowPtr[i];
  const p1 = rowPtr[i + 1];
  for (let p = p0; p < p1; p++) {
    f = f + weights[p] * spins[y * n + colIdx[p]];
  }
  let up = k + 1;
  if (up === P) {
    up = 0;
  }
  let dn = k - 1;
  if (k === 0) {
    dn = P - 1;
  }
  const dS = 2 * s * (K * (spins[(base + up) * n + i] + spins[(base + dn) * n + i]) - a * f);
  if (dS <= 0) {
    return -s;
  }
  if (uniforms[y * n + i] < Math.exp(-dS)) {
    return -s;
  }
  return s;
}`;

interface KernelFn {
  (...args: unknown[]): unknown;
  destroy?: () => void;
  kernel?: { constructor: { mode?: string }; fallbackReason?: string | null };
}

/** The checkerboard PIMC sweep on a gpu.js backend. */
export class GpuPimcSweeper {
  readonly colouring: Colouring;
  private readonly gpu: GPU;
  private readonly kernel: KernelFn;
  private readonly args: Float32Array[];

  private constructor(
    readonly model: CompiledModel,
    readonly numSlices: number,
    readonly mode: GpuPimcMode,
    /** Independent replicas (reads) swept together, each a ring of numSlices slices. */
    readonly replicas: number,
  ) {
    this.colouring = greedyColouring(model);
    this.gpu = new GPU({ mode } as ConstructorParameters<typeof GPU>[0]);
    let maxDegree = 0;
    for (let i = 0; i < model.n; i++)
      maxDegree = Math.max(maxDegree, model.rowPtr[i + 1]! - model.rowPtr[i]!);
    this.kernel = this.gpu.createKernel(KERNEL, {
      output: [model.n, numSlices * replicas],
      constants: { n: model.n, P: numSlices, oddP: numSlices % 2 },
      loopMaxIterations: maxDegree + 1,
      tactic: 'precision',
    } as Parameters<GPU['createKernel']>[1]) as unknown as KernelFn;
    this.args = [
      Float32Array.from(model.rowPtr),
      Float32Array.from(model.colIdx),
      Float32Array.from(model.weights),
      Float32Array.from(model.linear),
      Float32Array.from(this.colouring.colours),
    ];
  }

  static async create(
    model: CompiledModel,
    numSlices: number,
    mode: GpuPimcMode = 'webasm',
    replicas = 1,
  ): Promise<GpuPimcSweeper> {
    if (mode === 'webgpu' && !(await probeWebGpu()))
      throw new WorkError('gpu.js: no WebGPU adapter on this machine (use mode "webasm")');
    return new GpuPimcSweeper(model, numSlices, mode, replicas);
  }

  /** The backend gpu.js actually runs (it degrades to 'cpu' when it cannot take a kernel). */
  get backend(): string {
    return this.kernel.kernel?.constructor.mode ?? this.mode;
  }

  /**
   * One sweep of every replica: every (slice class, colour) pass in order. `spins` (±1; replica-major, then
   * slice-major: length replicas·P·n) is updated in place; `uniforms` has one draw per cell.
   */
  async sweep(spins: Float32Array, uniforms: Float32Array, a: number, K: number): Promise<void> {
    const { n } = this.model;
    const rowsTotal = this.numSlices * this.replicas;
    for (let cls = 0; cls < sliceClassCount(this.numSlices); cls++)
      for (let c = 0; c < this.colouring.numColours; c++) {
        const rows = (await this.kernel(spins, ...this.args, uniforms, a, K, c, cls)) as
          | Float32Array[]
          | Float32Array;
        if (rows instanceof Float32Array) spins.set(rows);
        else for (let k = 0; k < rowsTotal; k++) spins.set(rows[k]!, k * n);
      }
  }

  destroy(): void {
    this.kernel.destroy?.();
    this.gpu.destroy();
  }
}

/**
 * CPU replay of {@link GpuPimcSweeper.sweep}: the same passes, the same uniforms, and single-precision
 * rounding after every operation in the kernel's order (exp evaluated in double and rounded, as gpu.js does).
 */
export function checkerboardSweepF32(
  model: CompiledModel,
  colouring: Colouring,
  P: number,
  spins: Float32Array,
  uniforms: Float32Array,
  a: number,
  K: number,
): void {
  const f32 = Math.fround;
  const { n, rowPtr, colIdx } = model;
  const w = Float32Array.from(model.weights);
  const h = Float32Array.from(model.linear);
  const aa = f32(a);
  const KK = f32(K);
  const next = new Float32Array(spins.length);
  for (let cls = 0; cls < sliceClassCount(P); cls++)
    for (let c = 0; c < colouring.numColours; c++) {
      next.set(spins);
      for (let k = 0; k < P; k++) {
        if (sliceClass(k, P) !== cls) continue;
        const up = k + 1 === P ? 0 : k + 1;
        const dn = k === 0 ? P - 1 : k - 1;
        for (let i = 0; i < n; i++) {
          if (colouring.colours[i] !== c) continue;
          const s = spins[k * n + i]!;
          let f = h[i]!;
          for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++)
            f = f32(f + f32(w[p]! * spins[k * n + colIdx[p]!]!));
          const trot = f32(KK * f32(spins[up * n + i]! + spins[dn * n + i]!));
          const dS = f32(f32(2 * s) * f32(trot - f32(aa * f)));
          if (dS <= 0 || uniforms[k * n + i]! < f32(Math.exp(-dS))) next[k * n + i] = -s;
        }
      }
      spins.set(next);
    }
}
