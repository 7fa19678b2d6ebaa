/**
 * Greedy proper colouring of a model's interaction graph (largest degree first, smallest free colour): spins of
 * one colour share no coupling, so a colour class can be updated in parallel.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';

export interface Colouring {
  colours: Int32Array;
  numColours: number;
}

export function greedyColouring(model: CompiledModel): Colouring {
  const { n, rowPtr, colIdx } = model;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => rowPtr[b + 1]! - rowPtr[b]! - (rowPtr[a + 1]! - rowPtr[a]!) || a - b,
  );
  const colours = new Int32Array(n).fill(-1);
  const used = new Int32Array(n + 1).fill(-1);
  let numColours = 0;
  for (const i of order) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const c = colours[colIdx[p]!]!;
      if (c >= 0) used[c] = i;
    }
    let c = 0;
    while (used[c] === i) c++;
    colours[i] = c;
    if (c + 1 > numColours) numColours = c + 1;
  }
  return { colours, numColours: Math.max(numColours, n > 0 ? 1 : 0) };
}
