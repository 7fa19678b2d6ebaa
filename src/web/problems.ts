/**
 * The anneal lab's problems: uploaded models (any format cli.md names, detected by content) and generated ones
 * (random spin glass, ferromagnetic and frustrated rings, random-field chain), kept in memory by id (bounded,
 * least recently used first out) — never written to disk. Jobs refer to a problem by id or carry one inline.
 */

import { randomUUID } from 'node:crypto';
import { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { bqmToDimodJson } from '../hamiltonian/io/dimod-bqm.js';
import { type ModelFileFormat, modelFromBytes } from '../hamiltonian/io/model-file.js';
import { modelFromJsonText, modelFromJsonValue } from '../hamiltonian/io/model-json.js';
import { labelToKeyToken } from '../hamiltonian/labels.js';
import { Rng } from '../sim/rng.js';
import { Fields } from './body-fields.js';
import { HttpError } from './http-error.js';
import type { ProblemInput } from './jobs/protocol.js';

export type GeneratorKind = 'spin-glass' | 'ferromagnetic-ring' | 'frustrated-ring' | 'random-field-chain';
export const GENERATORS: readonly { kind: GeneratorKind; summary: string }[] = [
  {
    kind: 'spin-glass',
    summary: 'Sherrington–Kirkpatrick spin glass: J_ij = ±1 on every pair, h = 0 (seeded)',
  },
  {
    kind: 'ferromagnetic-ring',
    summary: 'ring of J = −1 couplers with a small field h_0 = −0.5 that picks one ground state',
  },
  { kind: 'frustrated-ring', summary: 'antiferromagnetic ring (J = +1); odd n is frustrated and degenerate' },
  {
    kind: 'random-field-chain',
    summary: 'open ferromagnetic chain (J = −1) with random fields h_i ∈ [−1, 1] (seeded)',
  },
];

/** Largest generated problem (uploads may be larger; each job kind has its own limit). */
export const GENERATE_MAX_N = 64;

export interface StoredProblem {
  id: string;
  name: string;
  format: ModelFileFormat | 'generated';
  bqm: BinaryQuadraticModel;
  createdAt: number;
}

export function generateProblem(kind: GeneratorKind, n: number, seed: number): BinaryQuadraticModel {
  const bqm = new BinaryQuadraticModel('SPIN');
  for (let i = 0; i < n; i++) bqm.addLinear(i, 0);
  const rng = Rng.fromSeed(seed);
  switch (kind) {
    case 'spin-glass':
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) bqm.addQuadratic(i, j, rng.nextSpin());
      break;
    case 'ferromagnetic-ring':
      for (let i = 0; i < n; i++) if (n > 1 && (n > 2 || i === 0)) bqm.addQuadratic(i, (i + 1) % n, -1);
      bqm.addLinear(0, -0.5);
      break;
    case 'frustrated-ring':
      for (let i = 0; i < n; i++) if (n > 1 && (n > 2 || i === 0)) bqm.addQuadratic(i, (i + 1) % n, 1);
      break;
    case 'random-field-chain':
      for (let i = 0; i < n; i++) bqm.addLinear(i, Math.round((2 * rng.nextDouble() - 1) * 100) / 100);
      for (let i = 0; i + 1 < n; i++) bqm.addQuadratic(i, i + 1, -1);
      break;
  }
  return bqm;
}

/** A summary of a problem for the page: sizes, and h and J as a matrix for small problems. */
export function problemSummary(p: StoredProblem): Record<string, unknown> {
  const { bqm } = p;
  const n = bqm.numVariables;
  const labels = bqm.variables.toArray().map((l) => labelToKeyToken(l));
  const small = n <= 64;
  const J: number[][] | null = small ? Array.from({ length: n }, () => new Array<number>(n).fill(0)) : null;
  if (J) for (const [i, j, b] of bqm.interactions()) J[i]![j] = J[j]![i] = b;
  return {
    id: p.id,
    name: p.name,
    format: p.format,
    vartype: bqm.vartype,
    numVariables: n,
    numInteractions: bqm.numInteractions,
    offset: bqm.offset,
    labels: small ? labels : labels.slice(0, 64),
    h: small ? Array.from({ length: n }, (_, i) => bqm.linearAt(i)) : null,
    J,
  };
}

export class ProblemStore {
  private readonly items = new Map<string, StoredProblem>();
  constructor(private readonly capacity = 64) {}

  private put(p: StoredProblem): StoredProblem {
    this.items.set(p.id, p);
    while (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
    return p;
  }

  get(id: string): StoredProblem {
    const p = this.items.get(id);
    if (!p)
      throw new HttpError(
        404,
        `problem ${JSON.stringify(id)} is not known (problems are kept in memory; upload or generate it again)`,
        {
          field: 'problem',
        },
      );
    this.items.delete(id);
    this.items.set(id, p);
    return p;
  }

  addText(text: string, name: string): StoredProblem {
    const { bqm, format } = modelFromJsonText(text, 'problem');
    return this.put({ id: randomUUID(), name, format, bqm, createdAt: Date.now() });
  }

  /** An uploaded file: dimod's binary BQM file or model JSON, detected by content. */
  addBytes(bytes: Uint8Array, name: string): StoredProblem {
    const { bqm, format } = modelFromBytes(bytes, 'problem');
    return this.put({ id: randomUUID(), name, format, bqm, createdAt: Date.now() });
  }

  addValue(doc: unknown, name: string): StoredProblem {
    const { bqm, format } = modelFromJsonValue(doc, 'problem');
    return this.put({ id: randomUUID(), name, format, bqm, createdAt: Date.now() });
  }

  generate(body: unknown): StoredProblem {
    const f = Fields.of(body);
    const kind = f.string('kind', { values: GENERATORS.map((g) => g.kind) }) as GeneratorKind | undefined;
    if (!kind) return f.fail('kind', `missing; one of ${GENERATORS.map((g) => g.kind).join(', ')}`);
    const n = f.number('n', { integer: true, min: 1, max: GENERATE_MAX_N }, 8);
    const seed = f.number('seed', { integer: true, min: 0, max: 2 ** 32 - 1 }, 1);
    f.done();
    const bqm = generateProblem(kind, n, seed);
    const name = `${kind} n=${n}${kind === 'spin-glass' || kind === 'random-field-chain' ? ` seed=${seed}` : ''}`;
    return this.put({ id: randomUUID(), name, format: 'generated', bqm, createdAt: Date.now() });
  }
}

/** The worker's form of a stored problem. */
export function problemInput(p: StoredProblem): ProblemInput {
  return {
    name: p.name,
    dimod: bqmToDimodJson(p.bqm) as unknown as Record<string, unknown>,
    labels: p.bqm.variables.toArray(),
  };
}
