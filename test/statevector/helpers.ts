import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import type { AnnealingSchedule, AnnealPath } from '../../src/hamiltonian/schedule/types.js';

/** A dimensionless schedule H = −Γ(s)Σσx + Λ(s)H_P (ħ = 1), for fixtures with their own shapes. */
export function customSchedule(
  gamma: (s: number) => number,
  lambda: (s: number) => number,
  name = 'custom',
): AnnealingSchedule {
  return {
    name,
    energyUnit: 'dimensionless',
    A: gamma,
    B: lambda,
    transverse: gamma,
    problem: lambda,
    angularFactor: 1,
    timeUnit: 'hbar/energy',
  };
}

export function forward(T: number): AnnealPath {
  return {
    kind: 'forward',
    points: [
      [0, 0],
      [T, 1],
    ],
    timeUnit: 'tau',
  };
}

export function ring(n: number, J = -1): BinaryQuadraticModel {
  const edges: [[number, number], number][] = [];
  for (let i = 0; i < n; i++) edges.push([[i, (i + 1) % n], J]);
  return BinaryQuadraticModel.fromIsing(
    Array.from({ length: n }, (_, i) => [i, 0] as [number, number]),
    edges,
  );
}

export function single(h: number): BinaryQuadraticModel {
  return BinaryQuadraticModel.fromIsing([[0, h]], []);
}
