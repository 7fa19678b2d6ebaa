/**
 * Chain strengths as dwave-system computes them (dwave/embedding/chain_strength.py). The value is the
 * magnitude of the SPIN coupling −chain_strength put on every coupler inside a chain (a broken chain edge
 * costs 2·chain_strength). {@link embedBqm} evaluates it on the source model converted to the smear vartype,
 * as dwave-system's `EmbeddedStructure.embed_bqm` does (SPIN under EmbeddingComposite).
 */

import { ParameterError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { labelKeyedObject } from '../hamiltonian/label-json.js';
import { formatLabel, type Label, labelFromKeyToken, labelKey } from '../hamiltonian/labels.js';
import type { Embedding } from './embedding.js';

/** dwave-system's default prefactor (the decimal 1.414, not √2). */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: dwave-system uses exactly 1.414
export const DEFAULT_UTC_PREFACTOR = 1.414;

/**
 * Uniform torque compensation: prefactor · sqrt(Σ J² / num_interactions) · sqrt(mean degree), the mean degree
 * taken over all variables; 1 when the model has no interactions. Computed on `bqm` as given.
 */
export function uniformTorqueCompensation(
  bqm: BinaryQuadraticModel,
  prefactor = DEFAULT_UTC_PREFACTOR,
): number {
  const m = bqm.numInteractions;
  if (m === 0) return 1;
  let sq = 0;
  for (const [, , b] of bqm.interactions()) sq += b * b;
  let deg = 0;
  for (let i = 0; i < bqm.numVariables; i++) deg += bqm.degreeAt(i);
  const meanDegree = deg / bqm.numVariables;
  return prefactor * Math.sqrt(sq / m) * Math.sqrt(meanDegree);
}

/**
 * prefactor · the largest |bias| (linear or quadratic) of `bqm` as given; 1 when the model has no interactions
 * (no chain strength is needed then), as dwave-system.
 */
export function scaledChainStrength(bqm: BinaryQuadraticModel, prefactor = 1): number {
  if (bqm.numInteractions === 0) return 1;
  const { linear, quadratic } = bqm.maxAbsBiases();
  return prefactor * Math.max(linear, quadratic);
}

/** A chain strength: one value, one per variable, a method name, or a function of (smeared model, embedding). */
export type ChainStrength =
  | number
  | 'uniform_torque_compensation'
  | 'scaled'
  | ReadonlyMap<Label, number>
  | Readonly<Record<string, number>>
  | ((bqm: BinaryQuadraticModel, embedding: Embedding) => number | ReadonlyMap<Label, number>);

/** The resolved strength: one number, or per variable (by source index). */
export type ResolvedChainStrength = number | Float64Array;

function checkStrength(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ParameterError(`chain_strength: ${what} is ${JSON.stringify(v)}; expected a finite number`, {
      field: 'chain_strength',
    });
  return v;
}

/**
 * Resolves a {@link ChainStrength} for `source` (the source model in the smear vartype, whose variable order
 * indexes the result). Per-variable maps must name every variable.
 */
export function resolveChainStrength(
  cs: ChainStrength | undefined,
  source: BinaryQuadraticModel,
  embedding: Embedding,
): ResolvedChainStrength {
  if (cs === undefined || cs === 'uniform_torque_compensation') return uniformTorqueCompensation(source);
  if (cs === 'scaled') return scaledChainStrength(source);
  if (typeof cs === 'number') return checkStrength(cs, 'the value');
  if (typeof cs === 'string')
    throw new ParameterError(
      `chain_strength: ${JSON.stringify(cs)} is not a chain strength; give a number, a {variable: strength} object, "uniform_torque_compensation" or "scaled"`,
      { field: 'chain_strength' },
    );
  const value = typeof cs === 'function' ? cs(source, embedding) : cs;
  if (typeof value === 'number') return checkStrength(value, 'the value');
  const out = new Float64Array(source.numVariables);
  const byKey = new Map<string | number, number>();
  if (value instanceof Map)
    for (const [k, v] of value as ReadonlyMap<Label, number>) byKey.set(labelKey(k), v);
  else
    for (const [k, v] of Object.entries(value as Record<string, number>))
      byKey.set(labelKey(labelFromKeyToken(k, 'chain_strength')), v);
  const get = (l: Label) => byKey.get(labelKey(l));
  for (let i = 0; i < out.length; i++) {
    const l = source.variables.at(i);
    const v = get(l);
    if (v === undefined)
      throw new ParameterError(`chain_strength: no strength given for variable ${formatLabel(l)}`, {
        field: 'chain_strength',
      });
    out[i] = checkStrength(v, `the strength of ${formatLabel(l)}`);
  }
  return out;
}

/** JSON form of a resolved strength for info.embedding_context (a number or {label: strength}). */
export function chainStrengthToJson(
  cs: ResolvedChainStrength,
  labels: readonly Label[],
): number | { [label: string]: number } {
  if (typeof cs === 'number') return cs;
  return labelKeyedObject(labels, (i) => cs[i]!, 'chain_strength');
}
