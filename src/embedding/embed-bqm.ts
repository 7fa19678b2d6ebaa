/**
 * Embedding a source BQM onto target qubits, exactly as dwave-system's `EmbeddedStructure.embed_bqm`:
 *
 * 1. the source model is converted to the smear vartype (SPIN by default, as EmbeddingComposite does);
 * 2. the linear bias of variable v is divided equally over the qubits of its chain;
 * 3. every target coupler inside a chain gets J = −chain_strength and the offset gains +chain_strength per such
 *    coupler (SPIN smearing; BINARY smearing adds 2·cs to both ends of each chain coupler and −4·cs on it), so an
 *    unbroken chain costs nothing and each broken chain coupler costs 2·chain_strength;
 * 4. the coupling J_uv is divided equally over all target couplers between chain(u) and chain(v);
 * 5. the result is converted back to the source vartype.
 *
 * A native embedding (all chains one qubit) is a relabelling and gets no chain strength. For unbroken chains
 * the embedded energy equals the source energy of the unembedded sample.
 */

import type { BinaryQuadraticModel, Vartype } from '../hamiltonian/bqm.js';
import { BinaryQuadraticModel as BQM } from '../hamiltonian/bqm.js';
import { formatLabel } from '../hamiltonian/labels.js';
import type { Topology } from '../topology/topology.js';
import { type ChainStrength, type ResolvedChainStrength, resolveChainStrength } from './chain-strength.js';
import type { Embedding } from './embedding.js';
import { EmbeddingError } from './embedding-error.js';
import { chainIndices, chainOwners, isChainConnected } from './validate.js';

/**
 * The target couplers of an embedding sorted into those inside each chain and those between chains
 * (dwave-system's EmbeddedStructure). Construction checks that every chain is made of target qubits, that
 * chains are disjoint and connected.
 */
export class EmbeddedStructure {
  /** Per chain index, its internal couplers as flat qubit pairs. */
  readonly chainEdges: Int32Array[];
  private readonly between = new Map<number, number[]>();

  constructor(
    readonly embedding: Embedding,
    readonly target: Topology,
    field = 'embedding',
  ) {
    const owner = chainOwners(embedding, target, field);
    const n = embedding.size;
    this.chainEdges = embedding.chains.map((chain, i) => {
      if (!isChainConnected(chain, target))
        throw new EmbeddingError(
          'disconnected-chain',
          `${field}: the chain of variable ${formatLabel(embedding.labels[i]!)} [${Array.from(chain).join(', ')}] is not connected in ${target.describe()}`,
          { field },
        );
      const out: number[] = [];
      for (const q of chain)
        for (const p of target.neighbors(q)) {
          const j = owner.get(p);
          if (j === i) {
            if (q < p) out.push(q, p);
          } else if (j !== undefined && i < j) {
            const key = i * n + j;
            let list = this.between.get(key);
            if (!list) this.between.set(key, (list = []));
            list.push(q, p);
          }
        }
      return Int32Array.from(out);
    });
  }

  /** Target couplers between the chains of embedding indices a and b, as flat pairs (qubit of a first). */
  interactionEdges(a: number, b: number): Int32Array {
    const n = this.embedding.size;
    const list = a < b ? this.between.get(a * n + b) : this.between.get(b * n + a);
    if (!list) return new Int32Array(0);
    const out = Int32Array.from(list);
    if (a > b) for (let k = 0; k < out.length; k += 2) [out[k], out[k + 1]] = [out[k + 1]!, out[k]!];
    return out;
  }

  get maxChainLength(): number {
    return this.embedding.maxChainLength;
  }
}

export interface EmbedBqmOptions {
  /** Default: uniform torque compensation (prefactor 1.414) of the source in the smear vartype. */
  chainStrength?: ChainStrength;
  /** Vartype in which linear biases are smeared over chains (default SPIN). */
  smearVartype?: Vartype;
  field?: string;
}

export interface EmbeddedBqm {
  /** The target model on qubit labels, in the source vartype. */
  bqm: BinaryQuadraticModel;
  /** The chain strength used (undefined for a native embedding, which needs none). */
  chainStrength: ResolvedChainStrength | undefined;
  structure: EmbeddedStructure;
}

/** Embeds `source` with `embedding` onto `target` (see the module comment). */
export function embedBqm(
  source: BinaryQuadraticModel,
  embedding: Embedding | EmbeddedStructure,
  target: Topology,
  opts: EmbedBqmOptions = {},
): EmbeddedBqm {
  const field = opts.field ?? 'embedding';
  const structure =
    embedding instanceof EmbeddedStructure ? embedding : new EmbeddedStructure(embedding, target, field);
  const emb = structure.embedding;
  const idx = chainIndices(emb, source.variables.toArray(), field);
  const missingEdge = (u: number, v: number): never => {
    throw new EmbeddingError(
      'missing-edge',
      `${field}: interaction (${formatLabel(source.variables.at(u))}, ${formatLabel(source.variables.at(v))}) has no coupler between its chains in ${target.describe()}`,
      { field },
    );
  };

  if (idx.every((i) => emb.chains[i]!.length === 1)) {
    const out = new BQM(source.vartype, source.offset);
    for (let i = 0; i < source.numVariables; i++) out.addLinear(emb.chains[idx[i]!]![0]!, source.linearAt(i));
    for (const [u, v, b] of source.interactions()) {
      const qu = emb.chains[idx[u]!]![0]!;
      const qv = emb.chains[idx[v]!]![0]!;
      if (!target.hasEdge(qu, qv)) missingEdge(u, v);
      out.addQuadratic(qu, qv, b);
    }
    return { bqm: out, chainStrength: undefined, structure };
  }

  const smear = opts.smearVartype ?? 'SPIN';
  const src = source.vartype === smear ? source : source.changeVartype(smear);
  // as dwave-system: the strength is a function of the model in the smear vartype
  const cs = resolveChainStrength(opts.chainStrength, src, emb);
  const out = new BQM(smear, src.offset);
  let offset = 0;
  for (let i = 0; i < src.numVariables; i++) {
    const c = idx[i]!;
    const chain = emb.chains[c]!;
    const strength = typeof cs === 'number' ? cs : cs[i]!;
    const bias = src.linearAt(i) / chain.length;
    if (chain.length === 1) out.addVariable(chain[0]!);
    else {
      const ce = structure.chainEdges[c]!;
      if (smear === 'SPIN') {
        for (let k = 0; k < ce.length; k += 2) out.addQuadratic(ce[k]!, ce[k + 1]!, -strength);
        offset += (strength * ce.length) / 2;
      } else {
        for (let k = 0; k < ce.length; k += 2) {
          out.addLinear(ce[k]!, 2 * strength);
          out.addLinear(ce[k + 1]!, 2 * strength);
        }
        for (let k = 0; k < ce.length; k += 2) out.addQuadratic(ce[k]!, ce[k + 1]!, -4 * strength);
      }
    }
    for (const q of chain) out.addLinear(q, bias);
  }
  out.offset = out.offset + offset;
  for (const [u, v, b] of src.interactions()) {
    const ie = structure.interactionEdges(idx[u]!, idx[v]!);
    if (ie.length === 0) missingEdge(u, v);
    const share = b / (ie.length / 2);
    for (let k = 0; k < ie.length; k += 2) out.addQuadratic(ie[k]!, ie[k + 1]!, share);
  }
  const bqm = out.vartype === source.vartype ? out : out.changeVartype(source.vartype);
  return { bqm, chainStrength: cs, structure };
}

/**
 * Spreads a source-space state over chains: every qubit of chain(v) gets the value of v (dwave-system's
 * `_embed_state`). `state` maps source indices (in `source` variable order) to values.
 */
export function embedState(
  values: ArrayLike<number>,
  source: BinaryQuadraticModel,
  embedding: Embedding,
): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < source.numVariables; i++) {
    const chain = embedding.require(source.variables.at(i), 'initial_state');
    for (const q of chain) out.set(q, values[i]!);
  }
  return out;
}
