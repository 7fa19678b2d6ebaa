/**
 * BinaryQuadraticModel: labelled linear and quadratic biases plus an offset, as dimod has it.
 *
 * Energy conventions (stated once, used everywhere):
 * - SPIN (σ ∈ {−1,+1}):   E(σ) = Σ_i h_i σ_i + Σ_{i<j} J_ij σ_i σ_j + offset
 * - BINARY (x ∈ {0,1}):   E(x) = Σ_i a_i x_i + Σ_{i<j} b_ij x_i x_j + offset
 * - Conversion uses x = (1 + σ)/2 exactly as dimod's change_vartype, so energies are preserved.
 * Quadratic keys are unordered pairs: adding (u,v) and then (v,u) accumulates on one interaction.
 */

import { ModelError } from '../errors.js';
import { describeJsonValue } from '../util/strict-json.js';
import { formatLabel, type Label } from './labels.js';
import { Variables } from './variables.js';

export type Vartype = 'SPIN' | 'BINARY';

export const VARTYPES: readonly Vartype[] = ['SPIN', 'BINARY'];

/** Parses a vartype name (case-insensitive, also dimod's aliases 'ising'/'qubo'); throws naming `field`. */
export function parseVartype(v: unknown, field = 'vartype'): Vartype {
  if (typeof v === 'string') {
    const u = v.toUpperCase();
    if (u === 'SPIN' || u === 'ISING') return 'SPIN';
    if (u === 'BINARY' || u === 'QUBO') return 'BINARY';
  }
  const shown = typeof v === 'string' ? JSON.stringify(v) : describeJsonValue(v);
  throw new ModelError(`${field}: ${shown} is not a vartype; use "SPIN" or "BINARY"`, { field });
}

/**
 * Largest energy bound Σ|h| + Σ|J| + |offset| a model may have: float64's largest value ÷ 16, so that every
 * energy, every energy difference and the model in the other vartype (whose bound is at most 9× larger) stay
 * finite numbers.
 */
export const MAX_ENERGY_BOUND = Number.MAX_VALUE / 16;

/**
 * Refuses a model whose biases are finite one by one but whose energies may not be (`J = 1.7e308` twice): a
 * ModelError naming `field` when {@link BinaryQuadraticModel.energyBound} exceeds {@link MAX_ENERGY_BOUND}.
 */
export function checkEnergyBound(bqm: BinaryQuadraticModel, field = 'model'): void {
  const bound = bqm.energyBound();
  if (!(bound <= MAX_ENERGY_BOUND))
    throw new ModelError(
      `${field}: the energy bound Σ|h| + Σ|J| + |offset| is ${bound === Number.POSITIVE_INFINITY ? 'past the largest float64 (the sum overflows)' : bound.toExponential(3)}; ` +
        `energies are only computed exactly up to ${MAX_ENERGY_BOUND.toExponential(3)} (the largest float64 ÷ 16, room for ` +
        'energy differences and a change of vartype): rescale the biases',
      { field },
    );
}

function assertFiniteBias(v: number, what: () => string, field?: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ModelError(`${what()} is ${String(v)}; biases must be finite numbers`, field ? { field } : {});
}

export class BinaryQuadraticModel {
  readonly vartype: Vartype;
  readonly variables = new Variables();
  private readonly lin: number[] = [];
  private readonly adj: Map<number, number>[] = [];
  private nInteractions = 0;
  private off = 0;

  constructor(vartype: Vartype, offset = 0) {
    this.vartype = vartype;
    this.offset = offset;
  }

  /** Ising model from h and J (iterables of entries or plain maps); both key orders of J add. */
  static fromIsing(
    h: Iterable<readonly [Label, number]>,
    J: Iterable<readonly [readonly [Label, Label], number]>,
    offset = 0,
  ): BinaryQuadraticModel {
    const bqm = new BinaryQuadraticModel('SPIN', offset);
    for (const [v, b] of h) bqm.addLinear(v, b);
    for (const [[u, v], b] of J) bqm.addQuadratic(u, v, b);
    return bqm;
  }

  /** QUBO model from Q; a key (u,u) is linear; (u,v) and (v,u) both add. */
  static fromQubo(Q: Iterable<readonly [readonly [Label, Label], number]>, offset = 0): BinaryQuadraticModel {
    const bqm = new BinaryQuadraticModel('BINARY', offset);
    for (const [[u, v], b] of Q) {
      if (sameLabel(u, v)) bqm.addLinear(u, b);
      else bqm.addQuadratic(u, v, b);
    }
    return bqm;
  }

  get offset(): number {
    return this.off;
  }

  set offset(v: number) {
    assertFiniteBias(v, () => 'offset', 'offset');
    this.off = v;
  }

  get numVariables(): number {
    return this.variables.size;
  }

  get numInteractions(): number {
    return this.nInteractions;
  }

  /** Adds a variable (bias 0) if absent and returns its index. */
  addVariable(label: Label): number {
    const i = this.variables.add(label);
    if (i === this.lin.length) {
      this.lin.push(0);
      this.adj.push(new Map());
    }
    return i;
  }

  addLinear(label: Label, bias: number): void {
    assertFiniteBias(bias, () => `linear bias of ${formatLabel(label)}`);
    const i = this.addVariable(label);
    this.lin[i]! += bias;
  }

  addQuadratic(u: Label, v: Label, bias: number): void {
    if (sameLabel(u, v))
      throw new ModelError(
        `self-loop on ${formatLabel(u)}: an interaction needs two different variables` +
          (this.vartype === 'BINARY' ? ' (a QUBO diagonal entry is a linear bias)' : ''),
      );
    assertFiniteBias(bias, () => `quadratic bias of (${formatLabel(u)}, ${formatLabel(v)})`);
    const i = this.addVariable(u);
    const j = this.addVariable(v);
    this.addQuadraticByIndex(i, j, bias);
  }

  /** Adds to the interaction between two existing variable indices. */
  addQuadraticByIndex(i: number, j: number, bias: number): void {
    if (i === j) throw new ModelError(`self-loop on variable index ${i}`);
    const ai = this.adj[i]!;
    const prev = ai.get(j);
    if (prev === undefined) this.nInteractions++;
    const nv = (prev ?? 0) + bias;
    ai.set(j, nv);
    this.adj[j]!.set(i, nv);
  }

  getLinear(label: Label): number {
    return this.lin[this.variables.require(label)]!;
  }

  getQuadratic(u: Label, v: Label): number | undefined {
    return this.adj[this.variables.require(u)]!.get(this.variables.require(v));
  }

  /** Linear bias by index. */
  linearAt(i: number): number {
    return this.lin[i]!;
  }

  /** Neighbours of variable index i with their biases. */
  neighborsAt(i: number): ReadonlyMap<number, number> {
    return this.adj[i]!;
  }

  degreeAt(i: number): number {
    return this.adj[i]!.size;
  }

  /** Every interaction once, as [i, j, bias] with i < j (indices into {@link variables}). */
  *interactions(): Generator<[number, number, number]> {
    for (let i = 0; i < this.adj.length; i++) for (const [j, b] of this.adj[i]!) if (i < j) yield [i, j, b];
  }

  /** Energy of one sample given by index order (values ±1 for SPIN, 0/1 for BINARY). */
  energyOf(sample: ArrayLike<number>): number {
    let e = this.off;
    for (let i = 0; i < this.lin.length; i++) {
      const si = sample[i]!;
      e += this.lin[i]! * si;
      for (const [j, b] of this.adj[i]!) if (i < j) e += b * si * sample[j]!;
    }
    return e;
  }

  /** Energy of a sample given as a label -> value map or record; every variable must be present. */
  energy(sample: ReadonlyMap<Label, number> | Readonly<Record<string, number>>): number {
    const arr = new Float64Array(this.numVariables);
    for (let i = 0; i < arr.length; i++) {
      const l = this.variables.at(i);
      const v =
        sample instanceof Map
          ? sample.get(l)
          : (sample as Record<string, number>)[typeof l === 'object' ? JSON.stringify(l) : String(l)];
      if (v === undefined) throw new ModelError(`sample has no value for variable ${formatLabel(l)}`);
      arr[i] = v;
    }
    return this.energyOf(arr);
  }

  /** A deep copy. */
  copy(): BinaryQuadraticModel {
    const c = new BinaryQuadraticModel(this.vartype, this.off);
    for (const l of this.variables) c.addVariable(l);
    for (let i = 0; i < this.lin.length; i++) c.lin[i] = this.lin[i]!;
    for (const [i, j, b] of this.interactions()) c.addQuadraticByIndex(i, j, b);
    return c;
  }

  /**
   * The same model in the other vartype (dimod's change_vartype; energies are preserved).
   * SPIN -> BINARY: a_i = 2h_i − 2Σ_j J_ij, b_ij = 4J_ij, offset' = offset − Σh + ΣJ.
   * BINARY -> SPIN: h_i = a_i/2 + Σ_j b_ij/4, J_ij = b_ij/4, offset' = offset + Σa/2 + Σb/4.
   */
  changeVartype(vartype: Vartype): BinaryQuadraticModel {
    if (vartype === this.vartype) return this.copy();
    const out = new BinaryQuadraticModel(vartype);
    for (const l of this.variables) out.addVariable(l);
    let offset = this.off;
    if (vartype === 'BINARY') {
      for (let i = 0; i < this.lin.length; i++) {
        out.lin[i] = 2 * this.lin[i]!;
        offset -= this.lin[i]!;
      }
      for (const [i, j, b] of this.interactions()) {
        out.addQuadraticByIndex(i, j, 4 * b);
        out.lin[i]! -= 2 * b;
        out.lin[j]! -= 2 * b;
        offset += b;
      }
    } else {
      for (let i = 0; i < this.lin.length; i++) {
        out.lin[i] = this.lin[i]! / 2;
        offset += this.lin[i]! / 2;
      }
      for (const [i, j, b] of this.interactions()) {
        out.addQuadraticByIndex(i, j, b / 4);
        out.lin[i]! += b / 4;
        out.lin[j]! += b / 4;
        offset += b / 4;
      }
    }
    out.offset = offset;
    return out;
  }

  /** SPIN form as plain maps (h, J keyed by label pairs), handy for printing and tests. */
  toIsing(): { h: Map<Label, number>; J: Array<[Label, Label, number]>; offset: number } {
    const m = this.vartype === 'SPIN' ? this : this.changeVartype('SPIN');
    const h = new Map<Label, number>();
    for (let i = 0; i < m.numVariables; i++) h.set(m.variables.at(i), m.lin[i]!);
    const J: Array<[Label, Label, number]> = [];
    for (const [i, j, b] of m.interactions()) J.push([m.variables.at(i), m.variables.at(j), b]);
    return { h, J, offset: m.offset };
  }

  /** A copy with labels mapped by `mapping` (labels it does not name stay); the result must stay one-to-one. */
  relabel(mapping: (l: Label) => Label): BinaryQuadraticModel {
    const out = new BinaryQuadraticModel(this.vartype, this.off);
    for (const l of this.variables) out.variables.addUnique(mapping(l), 'relabel');
    for (let i = 0; i < this.lin.length; i++) {
      out.lin.push(this.lin[i]!);
      out.adj.push(new Map());
    }
    for (const [i, j, b] of this.interactions()) out.addQuadraticByIndex(i, j, b);
    return out;
  }

  /** Σ|h| + Σ|J| + |offset|: no energy of the model is larger in magnitude (Infinity when the sum overflows). */
  energyBound(): number {
    let s = Math.abs(this.off);
    for (const b of this.lin) s += Math.abs(b);
    // the order of interactions(), without its per-interaction arrays (this runs on every compile)
    for (let i = 0; i < this.adj.length; i++)
      this.adj[i]!.forEach((b, j) => {
        if (i < j) s += Math.abs(b);
      });
    return s;
  }

  /** Largest absolute linear and quadratic biases (0 when absent). */
  maxAbsBiases(): { linear: number; quadratic: number } {
    let l = 0;
    let q = 0;
    for (const b of this.lin) l = Math.max(l, Math.abs(b));
    for (const [, , b] of this.interactions()) q = Math.max(q, Math.abs(b));
    return { linear: l, quadratic: q };
  }
}

function sameLabel(u: Label, v: Label): boolean {
  if (typeof u !== 'object' || typeof v !== 'object') return u === v;
  return JSON.stringify(u) === JSON.stringify(v);
}

/** Alias, as dimod has it. */
export { BinaryQuadraticModel as BQM };
