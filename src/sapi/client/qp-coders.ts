/**
 * The SAPI `qp` formats (dwave.md §1.4, §1.6), both directions, shared by the client and the SAPI server.
 *
 * Problem data:
 * - `lin`: one little-endian float64 per working qubit in `properties.qubits` order; the bias for an active
 *   qubit (0.0 when it only appears in couplings), NaN for an inactive one. Base64 with padding.
 * - `quad`: one float64 per coupler in `properties.couplers` order whose two ends are both active (others are
 *   left out, not NaN); 0.0 kept for active couplers without a bias.
 * - `offset` travels in `data`; SAPI energies exclude it and the client adds it back (as dwave-cloud-client).
 *
 * Answer:
 * - `active_variables`: int32 LE qubit indices; `energies`: float64 LE per row; `num_occurrences`: int32 LE per
 *   row (absent for answer_mode=raw).
 * - `solutions`: each row packed on its own and padded to whole bytes; the k-th active variable is bit
 *   `0x80 >> (k % 8)` of byte `k / 8` (MSB first); bit 1 is spin +1 (ising) or 1 (qubo), bit 0 is −1 or 0.
 *   This is not dimod's sample_data order (LSB-first uint32 words): the two share no code.
 */

import { InputError } from '../../errors.js';
import { BinaryQuadraticModel, type Vartype } from '../../hamiltonian/bqm.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import { checkStructure, type WorkingGraph } from '../../sim/qpu/rules/index.js';
import { SapiFormatError } from './errors.js';
import type { ProblemType, QpAnswer, QpProblemData } from './models.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard base64 strictly (length a multiple of 4, alphabet, padding). */
export function decodeBase64(text: unknown, field: string, fail: (m: string) => Error): Buffer {
  if (typeof text !== 'string') throw fail(`${field}: expected a base64 string`);
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw fail(`${field}: not valid base64`);
  return Buffer.from(text, 'base64');
}

export function encodeFloat64(values: ArrayLike<number>): string {
  const buf = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i]!, i * 8);
  return buf.toString('base64');
}

export function encodeInt32(values: ArrayLike<number>): string {
  const buf = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) buf.writeInt32LE(values[i]!, i * 4);
  return buf.toString('base64');
}

export function decodeFloat64(text: unknown, field: string, fail: (m: string) => Error): Float64Array {
  const buf = decodeBase64(text, field, fail);
  if (buf.length % 8 !== 0) throw fail(`${field}: ${buf.length} bytes is not a whole number of float64s`);
  const out = new Float64Array(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}

export function decodeInt32(text: unknown, field: string, fail: (m: string) => Error): Int32Array {
  const buf = decodeBase64(text, field, fail);
  if (buf.length % 4 !== 0) throw fail(`${field}: ${buf.length} bytes is not a whole number of int32s`);
  const out = new Int32Array(buf.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt32LE(i * 4);
  return out;
}

/** A solver's encoding order: its working qubits and couplers as SAPI lists them (also its working graph). */
export class QpEncoding implements WorkingGraph {
  readonly qubits: readonly number[];
  readonly couplers: ReadonlyArray<readonly [number, number]>;
  private readonly qubitPos = new Map<number, number>();
  private readonly couplerSet = new Set<string>();

  constructor(props: { qubits: readonly number[]; couplers: ReadonlyArray<readonly [number, number]> }) {
    this.qubits = props.qubits;
    this.couplers = props.couplers;
    props.qubits.forEach((q, i) => this.qubitPos.set(q, i));
    for (const [a, b] of props.couplers) this.couplerSet.add(pairKey(a, b));
  }

  hasNode(q: number): boolean {
    return this.qubitPos.has(q);
  }

  hasEdge(a: number, b: number): boolean {
    return this.couplerSet.has(pairKey(a, b));
  }

  describe(): string {
    return '';
  }
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

export function problemTypeOf(vartype: Vartype): ProblemType {
  return vartype === 'SPIN' ? 'ising' : 'qubo';
}

export function vartypeOf(type: string): Vartype {
  return type === 'qubo' ? 'BINARY' : 'SPIN';
}

/**
 * Encodes a model on qubit labels as `qp` data (biases as given: an ising problem for SPIN, a qubo for
 * BINARY). Undirected biases: the model's interaction (u, v) is the coupler's value whichever way it is
 * listed. The offset goes in `data.offset`.
 */
export function encodeQpProblem(
  enc: QpEncoding,
  bqm: BinaryQuadraticModel,
  solverName = 'the solver',
): QpProblemData {
  const qubits = checkStructure(bqm, enc, solverName);
  const lin = new Float64Array(enc.qubits.length).fill(Number.NaN);
  const index = new Map<number, number>();
  qubits.forEach((q, i) => index.set(q, i));
  enc.qubits.forEach((q, k) => {
    const i = index.get(q);
    if (i !== undefined) lin[k] = bqm.linearAt(i);
  });
  const quad: number[] = [];
  for (const [a, b] of enc.couplers) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined) continue;
    quad.push(bqm.neighborsAt(i).get(j) ?? 0);
  }
  return { format: 'qp', lin: encodeFloat64(lin), quad: encodeFloat64(quad), offset: bqm.offset };
}

export interface DecodedQpProblem {
  /** Active qubits with their linear biases, in `qubits` order. */
  linear: Array<[number, number]>;
  /** Couplers with both ends active, in `couplers` order. */
  quadratic: Array<[number, number, number]>;
  offset: number;
}

const inputFail = (m: string) => new InputError(m, { field: 'data' });

/** Decodes `qp` problem data against a solver's encoding (the server side); bad data is an InputError. */
export function decodeQpProblem(enc: QpEncoding, data: unknown): DecodedQpProblem {
  if (typeof data !== 'object' || data === null) throw inputFail('data: expected an object');
  const d = data as Record<string, unknown>;
  if (d.format !== 'qp')
    throw inputFail(`data.format: ${JSON.stringify(d.format)} is not supported; this solver takes "qp"`);
  const lin = decodeFloat64(d.lin, 'data.lin', inputFail);
  if (lin.length !== enc.qubits.length)
    throw inputFail(
      `data.lin: ${lin.length} values, but the solver has ${enc.qubits.length} working qubits (one value each, NaN if unused)`,
    );
  const active = new Set<number>();
  const linear: Array<[number, number]> = [];
  enc.qubits.forEach((q, k) => {
    const v = lin[k]!;
    if (Number.isNaN(v)) return;
    if (!Number.isFinite(v)) throw inputFail(`data.lin: qubit ${q} has bias ${v}`);
    active.add(q);
    linear.push([q, v]);
  });
  const quadVals = decodeFloat64(d.quad, 'data.quad', inputFail);
  const quadratic: Array<[number, number, number]> = [];
  let k = 0;
  for (const [a, b] of enc.couplers) {
    if (!active.has(a) || !active.has(b)) continue;
    if (k < quadVals.length) {
      const v = quadVals[k]!;
      if (!Number.isFinite(v))
        throw inputFail(`data.quad: coupler (${a}, ${b}) has bias ${v}; NaN is not allowed in quad`);
      quadratic.push([a, b, v]);
    }
    k++;
  }
  if (quadVals.length !== k)
    throw inputFail(
      `data.quad: ${quadVals.length} values, but ${k} couplers have both ends active (one value each, in couplers order)`,
    );
  const offset = d.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isFinite(offset))
    throw inputFail('data.offset: expected a finite number');
  return { linear, quadratic, offset };
}

/** The model a decoded problem describes, on qubit labels (offset included when asked). */
export function qpProblemToBqm(
  p: DecodedQpProblem,
  type: ProblemType,
  withOffset = true,
): BinaryQuadraticModel {
  const bqm = new BinaryQuadraticModel(vartypeOf(type), withOffset ? p.offset : 0);
  for (const [q, b] of p.linear) bqm.addLinear(q, b);
  for (const [a, b, v] of p.quadratic) bqm.addQuadratic(a, b, v);
  return bqm;
}

export interface QpAnswerRows {
  /** Qubits that were active, in the order of the columns of `samples`. */
  activeVariables: readonly number[];
  /** Row-major values, ±1 (ising) or 0/1 (qubo). */
  samples: Int8Array;
  /** Energies without the problem offset. */
  energies: ArrayLike<number>;
  /** Omitted for answer_mode=raw. */
  numOccurrences?: ArrayLike<number>;
  /** properties.num_qubits. */
  numVariables: number;
  timing?: Record<string, number>;
}

/** Packs rows MSB-first, each row padded to whole bytes. */
export function packSolutions(samples: Int8Array, rows: number, width: number): Buffer {
  const bytesPerRow = Math.ceil(width / 8);
  const buf = Buffer.alloc(rows * bytesPerRow);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < width; k++)
      if (samples[r * width + k]! > 0) buf[r * bytesPerRow + (k >> 3)]! |= 0x80 >> (k & 7);
  return buf;
}

/** Encodes answer rows as a `qp` answer (the server side). */
export function encodeQpAnswer(a: QpAnswerRows): QpAnswer {
  const rows = a.energies.length;
  const width = a.activeVariables.length;
  const out: QpAnswer = {
    format: 'qp',
    num_variables: a.numVariables,
    active_variables: encodeInt32(a.activeVariables),
    solutions: packSolutions(a.samples, rows, width).toString('base64'),
    energies: encodeFloat64(a.energies),
    timing: a.timing ?? {},
  };
  if (a.numOccurrences) out.num_occurrences = encodeInt32(a.numOccurrences);
  return out;
}

export interface DecodedQpAnswer {
  activeVariables: Int32Array;
  /** Row-major, columns in activeVariables order, ±1 (ising) or 0/1 (qubo). */
  samples: Int8Array;
  /** As sent (without offset). */
  energies: Float64Array;
  numOccurrences: Int32Array | undefined;
  numVariables: number;
  timing: Record<string, number>;
  offset: number | undefined;
}

const formatFail = (m: string) => new SapiFormatError(m);

/** Decodes a `qp` answer strictly; anything inconsistent is a SapiFormatError naming the field. */
export function decodeQpAnswer(answer: unknown, type: ProblemType): DecodedQpAnswer {
  if (typeof answer !== 'object' || answer === null) throw formatFail('answer: expected an object');
  const a = answer as Record<string, unknown>;
  if (a.format !== 'qp')
    throw formatFail(`answer.format: ${JSON.stringify(a.format)}; qaxai decodes only "qp" answers`);
  const numVariables = a.num_variables;
  if (typeof numVariables !== 'number' || !Number.isInteger(numVariables) || numVariables < 0)
    throw formatFail('answer.num_variables: expected a non-negative integer');
  const active = decodeInt32(a.active_variables, 'answer.active_variables', formatFail);
  const seen = new Set<number>();
  for (const q of active) {
    if (q < 0 || q >= numVariables)
      throw formatFail(`answer.active_variables: qubit ${q} is outside [0, ${numVariables})`);
    if (seen.has(q)) throw formatFail(`answer.active_variables: qubit ${q} is listed twice`);
    seen.add(q);
  }
  const energies = decodeFloat64(a.energies, 'answer.energies', formatFail);
  const rows = energies.length;
  const bad = energies.findIndex((e) => !Number.isFinite(e));
  if (bad >= 0) throw formatFail(`answer.energies: row ${bad} is ${energies[bad]}, not a finite energy`);
  let numOccurrences: Int32Array | undefined;
  if (a.num_occurrences !== undefined && a.num_occurrences !== null) {
    numOccurrences = decodeInt32(a.num_occurrences, 'answer.num_occurrences', formatFail);
    if (numOccurrences.length !== rows)
      throw formatFail(`answer.num_occurrences: ${numOccurrences.length} values for ${rows} energies`);
    for (const c of numOccurrences) if (c < 0) throw formatFail('answer.num_occurrences: a negative count');
  }
  const width = active.length;
  const bytesPerRow = Math.ceil(width / 8);
  const bits = decodeBase64(a.solutions, 'answer.solutions', formatFail);
  // dwave-cloud-client (decode_qp_numpy) splits the bytes evenly over the rows and drops each row's padding,
  // so a row may carry more padding than ceil(width/8) bytes; accept exactly that, nothing looser.
  const stride = rows === 0 ? bytesPerRow : bits.length / rows;
  if ((rows === 0 && bits.length !== 0) || !Number.isInteger(stride) || stride < bytesPerRow)
    throw formatFail(
      `answer.solutions: ${bits.length} bytes, but ${rows} rows of ${width} active variables need ${rows * bytesPerRow}`,
    );
  const off = type === 'ising' ? -1 : 0;
  const samples = new Int8Array(rows * width);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < width; k++)
      samples[r * width + k] = bits[r * stride + (k >> 3)]! & (0x80 >> (k & 7)) ? 1 : off;
  const timing = (typeof a.timing === 'object' && a.timing !== null ? a.timing : {}) as Record<
    string,
    number
  >;
  if (a.offset !== undefined && (typeof a.offset !== 'number' || !Number.isFinite(a.offset)))
    throw formatFail('answer.offset: expected a finite number');
  const offset = typeof a.offset === 'number' ? a.offset : undefined;
  return { activeVariables: active, samples, energies, numOccurrences, numVariables, timing, offset };
}

export interface AnswerContext {
  type: ProblemType;
  /** The submitted offset; added to every energy unless the answer carries its own `offset`. */
  offset: number;
  problemId: string;
  label?: string | undefined;
  /** More info keys (sampler, parameters, solver…). */
  info?: Record<string, unknown>;
}

/**
 * A dimod-style SampleSet from a `qp` answer, as DWaveSampler returns it: variables = the active qubits in
 * ascending order, energies + offset, num_occurrences int32 (all 1 for raw answers), info.timing (SAPI µs
 * keys), info.problem_id and info.problem_label.
 */
export function sampleSetFromQpAnswer(answer: unknown, ctx: AnswerContext): SampleSet {
  const d = decodeQpAnswer(answer, ctx.type);
  const width = d.activeVariables.length;
  const order = [...d.activeVariables.keys()].sort((x, y) => d.activeVariables[x]! - d.activeVariables[y]!);
  const rows = d.energies.length;
  const samples = new Int8Array(rows * width);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < width; c++) samples[r * width + c] = d.samples[r * width + order[c]!]!;
  const offset = d.offset ?? ctx.offset;
  const energy = Array.from(d.energies, (e) => e + offset);
  const occ = d.numOccurrences ? Array.from(d.numOccurrences) : new Array<number>(rows).fill(1);
  const info: Record<string, unknown> = { ...(ctx.info ?? {}), timing: d.timing, problem_id: ctx.problemId };
  if (ctx.label !== undefined) info.problem_label = ctx.label;
  return new SampleSet({
    variables: order.map((k) => d.activeVariables[k]!),
    vartype: vartypeOf(ctx.type),
    samples,
    energy,
    vectors: {
      energy: { dataType: 'float64', shape: [rows], data: energy },
      num_occurrences: { dataType: 'int32', shape: [rows], data: occ },
    },
    info,
  });
}
