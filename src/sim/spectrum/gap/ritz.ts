/**
 * Rayleigh–Ritz data for the certification bound (./lower-bound.ts): each evaluated point's vectors of levels
 * 0…g with their Σσx, H_P and overlap blocks, and the cross blocks with its neighbours' vectors. A point costs
 * one Σσx product per vector; everything else is dot products.
 */

import type { Diagonal } from '../../statevector/diagonal.js';
import { smallestDiagonalStates } from '../levels.js';
import { matvec } from '../matvec.js';
import { dot } from '../vector-ops.js';
import type { CrossBlock, Point, ProjectedPair } from './types.js';

/** What the blocks are computed from. */
export interface RitzContext {
  n: number;
  N: number;
  diag: Diagonal;
  /** Vectors per point: levels 0…g. */
  kGap: number;
}

/** Cross blocks of neighbouring points: `get(A)?.get(B)` with A left of B, A's vectors as rows. */
export type CrossBlocks = Map<Point, Map<Point, CrossBlock>>;

/** Σ_z E(z)·a(z)·b(z). */
function problemDot(diag: Diagonal, a: Float64Array, b: Float64Array): number {
  let acc = 0;
  const N = a.length;
  if (diag.kind === 'levels') {
    const { level, e0, q } = diag;
    for (let z = 0; z < N; z++) {
      const t = a[z]! * b[z]!;
      if (t !== 0) acc += (e0 + level[z]! * q) * t;
    }
  } else {
    const E = diag.energies;
    for (let z = 0; z < N; z++) acc += E[z]! * a[z]! * b[z]!;
  }
  return acc;
}

/** Eigenvectors of the closed-form ends: |+⟩ where H is the driver alone, the g + 1 lowest basis states where it is H_P alone. */
function exactStates(ctx: RitzContext, p: Point): Float64Array[] {
  const { N, diag, kGap } = ctx;
  if (p.lambda === 0 && p.gamma > 0) return [new Float64Array(N).fill(1 / Math.sqrt(N))];
  if (p.gamma === 0 && p.lambda > 0)
    return smallestDiagonalStates(diag, kGap).map((z) => {
      const v = new Float64Array(N);
      v[z] = 1;
      return v;
    });
  return [];
}

/**
 * Gives p (just inserted between `left` and `right`) its Ritz block and the cross blocks with its neighbours'
 * vectors; returns the Hamiltonian products spent.
 */
export function attachRitz(
  ctx: RitzContext,
  p: Point,
  left: Point | undefined,
  right: Point | undefined,
  cross: CrossBlocks,
): number {
  const { n, N, diag, kGap } = ctx;
  const Y = p.vectors ? p.vectors.slice(0, kGap) : exactStates(ctx, p);
  if (Y.length === 0) return 0;
  const r = Y.length;
  const XY = Y.map((y) => {
    const out = new Float64Array(N);
    matvec(y, out, n, diag, -1, 0, undefined);
    return out;
  });
  /** Rows: `other`; columns: p's vectors. */
  const block = (other: Float64Array[]): CrossBlock => {
    const a = other.length;
    const X = new Float64Array(a * r);
    const P = new Float64Array(a * r);
    const G = new Float64Array(a * r);
    for (let i = 0; i < a; i++)
      for (let j = 0; j < r; j++) {
        X[i * r + j] = dot(other[i]!, XY[j]!);
        P[i * r + j] = problemDot(diag, other[i]!, Y[j]!);
        G[i * r + j] = dot(other[i]!, Y[j]!);
      }
    return { X, P, G };
  };
  p.ritz = { Y, ...block(Y) };
  if (left?.ritz && left.ritz.Y.length > 0) {
    if (!cross.has(left)) cross.set(left, new Map());
    cross.get(left)!.set(p, block(left.ritz.Y));
  }
  if (right?.ritz && right.ritz.Y.length > 0) {
    // stored as (p rows) × (right columns)
    const t = block(right.ritz.Y);
    const b = right.ritz.Y.length;
    const tr = (M: Float64Array) => {
      const o = new Float64Array(r * b);
      for (let u = 0; u < b; u++) for (let v = 0; v < r; v++) o[v * b + u] = M[u * r + v]!;
      return o;
    };
    if (!cross.has(p)) cross.set(p, new Map());
    cross.get(p)!.set(right, { X: tr(t.X), P: tr(t.P), G: tr(t.G) });
  }
  return r;
}

/** The Rayleigh–Ritz subspace of neighbours A < B, when both carry vectors. */
export function projectedPair(cross: CrossBlocks, A: Point, B: Point): ProjectedPair | undefined {
  const c = cross.get(A)?.get(B);
  if (!c || !A.ritz || !B.ritz) return undefined;
  return { a: A.ritz, b: B.ritz, cross: c };
}
