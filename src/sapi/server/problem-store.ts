/**
 * The server's problem queue: accepted problems wait PENDING in submission order; each solver's worker (off
 * the request path, one problem at a time by default) takes its next one, marks it IN_PROGRESS, runs the solver's sampler and stores the `qp` answer
 * (COMPLETED), the error (FAILED) or the cancellation (CANCELLED). Long polls wait here for any of their
 * problems to reach a terminal status. Finished problems are kept (up to `maxProblems`, oldest finished
 * dropped first) so statuses, answers and info can be fetched again.
 *
 * Answers follow SAPI (dwave.md §1.6): energies of the submitted, unscaled problem without its offset (the
 * client adds it); answer_mode "histogram" (default) = unique rows sorted by energy with num_occurrences,
 * "raw" = one row per read in read order without num_occurrences.
 */

import { randomUUID } from 'node:crypto';
import { CancelledError, QaError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import type {
  ProblemStatus,
  ProblemStatusName,
  ProblemType,
  QpAnswer,
  QpProblemData,
} from '../client/models.js';
import { encodeQpAnswer } from '../client/qp-coders.js';
import type { SapiGeneration } from './negotiation.js';
import { type CatalogEntry, problemSolverField } from './solver-catalog.js';

export interface StoredProblem {
  id: string;
  entry: CatalogEntry;
  type: ProblemType;
  data: QpProblemData;
  params: Record<string, unknown>;
  label: string | null;
  /** The decoded model; released once the problem is finished. */
  bqm: BinaryQuadraticModel | undefined;
  status: ProblemStatusName;
  submittedOn: string;
  solvedOn: string | null;
  answer?: QpAnswer;
  errorMessage?: string;
  messages: Array<{ timestamp: string; severity: string; message: string }>;
  abort: AbortController;
  seq: number;
}

const TERMINAL = new Set<ProblemStatusName>(['COMPLETED', 'FAILED', 'CANCELLED']);

export interface ProblemStoreOptions {
  /** Problems run at once per solver (a QPU runs one; default 1). */
  workers?: number;
  maxProblems?: number;
  log?: (line: string) => void;
}

export class ProblemStore {
  private readonly problems = new Map<string, StoredProblem>();
  private readonly queue: StoredProblem[] = [];
  private readonly waiters = new Set<{ ids: Set<string>; wake: () => void }>();
  /** Problems in progress per solver (each solver is its own QPU with its own queue order). */
  private readonly running = new Map<string, number>();
  private seq = 0;
  private closed = false;
  private readonly workers: number;
  private readonly maxProblems: number;
  /** How many problems were ever accepted (tests check for duplicates with it). */
  accepted = 0;

  constructor(private readonly options: ProblemStoreOptions = {}) {
    this.workers = Math.max(1, options.workers ?? 1);
    this.maxProblems = options.maxProblems ?? 10_000;
  }

  get size(): number {
    return this.problems.size;
  }

  get(id: string): StoredProblem | undefined {
    return this.problems.get(id);
  }

  all(): StoredProblem[] {
    return [...this.problems.values()].sort((a, b) => a.seq - b.seq);
  }

  add(
    p: Omit<StoredProblem, 'id' | 'status' | 'submittedOn' | 'solvedOn' | 'abort' | 'seq' | 'messages'>,
  ): StoredProblem {
    const stored: StoredProblem = {
      ...p,
      id: randomUUID(),
      status: 'PENDING',
      submittedOn: new Date().toISOString(),
      solvedOn: null,
      abort: new AbortController(),
      seq: this.seq++,
      messages: [],
    };
    this.problems.set(stored.id, stored);
    this.queue.push(stored);
    this.accepted++;
    this.evict();
    setImmediate(() => this.pump());
    return stored;
  }

  /** Cancels: 'cancelled' (was pending), 'cancelling' (in progress: aborted, may still complete), 'finished'. */
  cancel(id: string): 'cancelled' | 'cancelling' | 'finished' | undefined {
    const p = this.problems.get(id);
    if (!p) return undefined;
    if (p.status === 'PENDING') {
      const i = this.queue.indexOf(p);
      if (i >= 0) this.queue.splice(i, 1);
      this.finish(p, 'CANCELLED');
      return 'cancelled';
    }
    if (p.status === 'IN_PROGRESS') {
      p.abort.abort(new CancelledError('cancelled by request'));
      return 'cancelling';
    }
    return 'finished';
  }

  /** Resolves when any of `ids` is terminal, after `timeoutMs`, or when `signal` fires. */
  waitAny(ids: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const set = new Set(ids);
    if (ids.some((id) => TERMINAL.has(this.problems.get(id)?.status ?? 'COMPLETED')))
      return Promise.resolve();
    return new Promise((resolve) => {
      const w = {
        ids: set,
        wake: () => {
          clearTimeout(t);
          signal?.removeEventListener('abort', w.wake);
          this.waiters.delete(w);
          resolve();
        },
      };
      const t = setTimeout(w.wake, timeoutMs);
      signal?.addEventListener('abort', w.wake, { once: true });
      this.waiters.add(w);
    });
  }

  /**
   * The SAPI status object (with the answer when asked and available), its `solver` in representation
   * generation `g` (../negotiation.ts).
   */
  statusOf(p: StoredProblem, withAnswer: boolean, g: SapiGeneration): ProblemStatus {
    const s: ProblemStatus = {
      id: p.id,
      type: p.type,
      solver: problemSolverField(p.entry, g),
      label: p.label,
      status: p.status,
      submitted_on: p.submittedOn,
      solved_on: p.solvedOn,
    };
    if (p.status === 'FAILED') s.error_message = p.errorMessage ?? 'failed';
    if (withAnswer && p.status === 'COMPLETED' && p.answer) s.answer = p.answer;
    return s;
  }

  /**
   * Stops: problems in progress are aborted (they end CANCELLED), pending ones are CANCELLED without running;
   * returns the ids of each, for the server's shutdown report. Long polls are woken.
   */
  close(): { cancelled: string[]; notRun: string[] } {
    this.closed = true;
    const cancelled: string[] = [];
    for (const p of this.problems.values())
      if (p.status === 'IN_PROGRESS') {
        cancelled.push(p.id);
        p.abort.abort(new CancelledError('server closing'));
      }
    const notRun = this.queue.splice(0).map((p) => {
      this.finish(p, 'CANCELLED', { error: 'the server stopped before the problem ran' });
      return p.id;
    });
    for (const w of [...this.waiters]) w.wake();
    return { cancelled, notRun };
  }

  private evict(): void {
    if (this.problems.size <= this.maxProblems) return;
    for (const p of this.all()) {
      if (this.problems.size <= this.maxProblems) break;
      if (TERMINAL.has(p.status)) this.problems.delete(p.id);
    }
  }

  private finish(
    p: StoredProblem,
    status: ProblemStatusName,
    extra: { answer?: QpAnswer; error?: string } = {},
  ): void {
    p.status = status;
    p.solvedOn = new Date().toISOString();
    p.bqm = undefined;
    if (extra.answer) p.answer = extra.answer;
    if (extra.error !== undefined) p.errorMessage = extra.error;
    this.options.log?.(`problem ${p.id} ${status}${extra.error ? `: ${extra.error}` : ''}`);
    for (const w of [...this.waiters]) if (w.ids.has(p.id)) w.wake();
  }

  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.queue.length; ) {
      const p = this.queue[i]!;
      const busy = this.running.get(p.entry.name) ?? 0;
      if (busy >= this.workers) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.running.set(p.entry.name, busy + 1);
      p.status = 'IN_PROGRESS';
      this.run(p).finally(() => {
        this.running.set(p.entry.name, (this.running.get(p.entry.name) ?? 1) - 1);
        setImmediate(() => this.pump());
      });
    }
  }

  private async run(p: StoredProblem): Promise<void> {
    const sampler = p.entry.sampler;
    const bqm = p.bqm;
    if (!bqm) return;
    const answerMode = p.params.answer_mode === 'raw' ? 'raw' : 'histogram';
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p.params)) {
      if (k === 'initial_state' && k in sampler.parameters) params[k] = initialStateMapping(v, bqm);
      else if (k in sampler.parameters) params[k] = v;
      else if (k !== 'answer_mode')
        p.messages.push({
          timestamp: new Date().toISOString(),
          severity: 'info',
          message: `parameter ${k} is accepted but has no effect on this emulator`,
        });
    }
    try {
      // never on this thread: it answers the HTTP requests (status polls, cancels) while the problem runs
      const ss = await sampler.sample(bqm, params, { signal: p.abort.signal, offMainThread: true });
      if (p.abort.signal.aborted) {
        this.finish(p, 'CANCELLED');
        return;
      }
      this.finish(p, 'COMPLETED', { answer: this.answerOf(p, bqm, ss, answerMode) });
    } catch (e) {
      if (p.abort.signal.aborted) this.finish(p, 'CANCELLED');
      else
        this.finish(p, 'FAILED', {
          error: e instanceof QaError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`,
        });
    }
  }

  private answerOf(
    p: StoredProblem,
    bqm: BinaryQuadraticModel,
    raw: SampleSet,
    mode: 'raw' | 'histogram',
  ): QpAnswer {
    const active = (bqm.variables.toArray() as number[]).slice().sort((a, b) => a - b);
    let ss = raw.vartype === bqm.vartype ? raw : raw.changeVartype(bqm.vartype);
    ss = ss.reorder(active);
    const width = active.length;
    const occ = ss.vectors.num_occurrences!.data as number[];
    const pos = active.map((q) => bqm.variables.indexOf(q)!);
    const energyOf = (row: Int8Array) => {
      const x = new Int8Array(width);
      for (let c = 0; c < width; c++) x[pos[c]!] = row[c]!;
      return bqm.energyOf(x) - bqm.offset;
    };
    const timing = numericRecord(ss.info.timing);
    if (mode === 'raw') {
      const rows: Int8Array[] = [];
      for (let r = 0; r < ss.numRows; r++) for (let k = 0; k < (occ[r] ?? 1); k++) rows.push(ss.row(r));
      const samples = new Int8Array(rows.length * width);
      rows.forEach((row, r) => samples.set(row, r * width));
      return encodeQpAnswer({
        activeVariables: active,
        samples,
        energies: rows.map(energyOf),
        numVariables: p.entry.description.properties.num_qubits,
        timing,
      });
    }
    const agg = ss.aggregate();
    const energies = Array.from({ length: agg.numRows }, (_, r) => energyOf(agg.row(r)));
    const order = [...energies.keys()].sort((a, b) => energies[a]! - energies[b]! || a - b);
    const samples = new Int8Array(order.length * width);
    order.forEach((r, k) => samples.set(agg.row(r), k * width));
    const aggOcc = agg.vectors.num_occurrences!.data as number[];
    return encodeQpAnswer({
      activeVariables: active,
      samples,
      energies: order.map((r) => energies[r]!),
      numOccurrences: order.map((r) => aggOcc[r]!),
      numVariables: p.entry.description.properties.num_qubits,
      timing,
    });
  }
}

/**
 * SAPI's dense initial_state (one value per qubit, 3 = unused) as the {qubit: value} mapping samplers take
 * (what the embedding composite hands a structured sampler); other forms pass through.
 */
function initialStateMapping(v: unknown, bqm: BinaryQuadraticModel): unknown {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) return v;
  const out: Record<string, number> = {};
  for (const q of bqm.variables)
    if (typeof q === 'number' && v[q] !== undefined && v[q] !== 3) out[String(q)] = v[q];
  return out;
}

function numericRecord(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  return out;
}
