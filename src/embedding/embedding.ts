/**
 * Minor embeddings: each source (logical) variable is represented by a chain, a non-empty set of target
 * qubits that must be connected in the target graph and disjoint from every other chain; every source
 * interaction must be realised by at least one target coupler between the two chains (dwave-system's
 * `EmbeddedStructure`, minorminer's output). Chains keep the order they were given in.
 *
 * JSON form (minorminer / dimod): `{"0": [4021, 4036], "a": [2990]}`; a key that is a decimal integer is the
 * integer label (src/hamiltonian/labels.ts), a key that is a JSON array is a tuple label.
 */

import { labelKeyedObject } from '../hamiltonian/label-json.js';
import {
  formatLabel,
  jsonLabelProblem,
  type Label,
  type LabelKey,
  labelFromKeyToken,
  labelKey,
} from '../hamiltonian/labels.js';
import { orderedEntries } from '../util/json-key-order.js';
import { EmbeddingError } from './embedding-error.js';

export class Embedding {
  readonly labels: readonly Label[];
  /** Chains of qubit labels, one per entry of {@link labels}. Do not modify. */
  readonly chains: readonly Int32Array[];
  private readonly index = new Map<LabelKey, number>();

  private constructor(labels: Label[], chains: Int32Array[]) {
    this.labels = labels;
    this.chains = chains;
    labels.forEach((l, i) => this.index.set(labelKey(l), i));
  }

  /**
   * Builds an embedding from (label, chain) entries or a Map. Chains must be non-empty lists of distinct
   * integer qubit labels; labels must be distinct (EmbeddingError naming the first offender).
   */
  static from(entries: Iterable<readonly [Label, Iterable<number>]>, field = 'embedding'): Embedding {
    const labels: Label[] = [];
    const chains: Int32Array[] = [];
    const seen = new Set<LabelKey>();
    for (const [label, chain] of entries) {
      const key = labelKey(label);
      if (seen.has(key))
        throw new EmbeddingError('missing-chain', `${field}: variable ${formatLabel(label)} has two chains`, {
          field,
        });
      seen.add(key);
      const qs = Array.from(chain);
      if (qs.length === 0)
        throw new EmbeddingError(
          'empty-chain',
          `${field}: the chain of variable ${formatLabel(label)} is empty`,
          {
            field,
          },
        );
      const inChain = new Set<number>();
      for (const q of qs) {
        if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > 0x7ffffffe)
          throw new EmbeddingError(
            'not-a-qubit',
            `${field}: the chain of variable ${formatLabel(label)} holds ${JSON.stringify(q)}, which is not a qubit label (an integer ≥ 0)`,
            { field },
          );
        if (inChain.has(q))
          throw new EmbeddingError(
            'repeated-qubit',
            `${field}: the chain of variable ${formatLabel(label)} lists qubit ${q} twice`,
            { field },
          );
        inChain.add(q);
      }
      labels.push(label);
      chains.push(Int32Array.from(qs));
    }
    return new Embedding(labels, chains);
  }

  get size(): number {
    return this.labels.length;
  }

  has(label: Label): boolean {
    return this.index.has(labelKey(label));
  }

  indexOf(label: Label): number | undefined {
    return this.index.get(labelKey(label));
  }

  /** The chain of `label`, or undefined. */
  chain(label: Label): Int32Array | undefined {
    const i = this.index.get(labelKey(label));
    return i === undefined ? undefined : this.chains[i];
  }

  /** The chain of `label`; EmbeddingError naming the variable when it has none. */
  require(label: Label, field = 'embedding'): Int32Array {
    const c = this.chain(label);
    if (!c)
      throw new EmbeddingError('missing-chain', `${field}: variable ${formatLabel(label)} has no chain`, {
        field,
      });
    return c;
  }

  /** Length of the longest chain (0 for an empty embedding). */
  get maxChainLength(): number {
    let m = 0;
    for (const c of this.chains) m = Math.max(m, c.length);
    return m;
  }

  /** Total number of qubits over all chains. */
  get numQubits(): number {
    let s = 0;
    for (const c of this.chains) s += c.length;
    return s;
  }

  /** True when every chain is a single qubit (a native embedding: no chains to handle). */
  get isNative(): boolean {
    return this.chains.every((c) => c.length === 1);
  }

  *entries(): Generator<[Label, Int32Array]> {
    for (let i = 0; i < this.labels.length; i++) yield [this.labels[i]!, this.chains[i]!];
  }

  /** The embedding restricted to `labels` (each must have a chain), in that order. */
  subset(labels: Iterable<Label>, field = 'embedding'): Embedding {
    const out: [Label, Int32Array][] = [];
    for (const l of labels) out.push([l, this.require(l, field)]);
    return Embedding.from(out, field);
  }

  /** The same chains under new labels, `labels[i]` for chain i. */
  relabel(labels: readonly Label[]): Embedding {
    if (labels.length !== this.size)
      throw new EmbeddingError('missing-chain', `relabel: ${labels.length} labels for ${this.size} chains`);
    return Embedding.from(labels.map((l, i) => [l, this.chains[i]!] as const));
  }

  /** `{"label": [qubits…]}` as minorminer and dimod write embeddings. */
  toJSON(): { [label: string]: number[] } {
    return labelKeyedObject(this.labels, (i) => Array.from(this.chains[i]!), 'embedding');
  }
}

/** Reads a JSON object key as a label: decimal integers are integer labels, JSON arrays tuple labels. */
function keyToLabel(key: string, field: string): Label {
  if (key.startsWith('[')) {
    let v: unknown;
    try {
      v = JSON.parse(key);
    } catch {
      // not a tuple: a string label
    }
    if (Array.isArray(v)) {
      const problem = jsonLabelProblem(v);
      if (problem) throw new EmbeddingError('invalid-json', `${field}: ${problem}`, { field });
      return v as Label;
    }
  }
  return labelFromKeyToken(key, field);
}

/**
 * Reads an embedding document `{"label": [q, …], …}` (minorminer / dimod form). Chains may also be given as
 * a single integer. Errors name the key at fault as `source["key"]`. Chains keep the order of the keys as written.
 */
export function embeddingFromJson(doc: unknown, source = 'embedding'): Embedding {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new EmbeddingError(
      'invalid-json',
      `${source}: expected a JSON object mapping each variable to its chain of qubits, e.g. {"0": [4021, 4036]}`,
      { field: source },
    );
  const entries: [Label, number[]][] = [];
  for (const [key, value] of orderedEntries(doc as Record<string, unknown>)) {
    const field = `${source}[${JSON.stringify(key)}]`;
    let chain: unknown[];
    if (typeof value === 'number') chain = [value];
    else if (Array.isArray(value)) chain = value;
    else
      throw new EmbeddingError(
        'invalid-json',
        `${field}: expected an array of qubit labels, got ${JSON.stringify(value)}`,
        {
          field,
        },
      );
    entries.push([keyToLabel(key, field), chain as number[]]);
  }
  return Embedding.from(entries, source);
}
