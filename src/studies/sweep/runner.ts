/**
 * Resumable sweeps: evaluate a list of points, writing each finished point atomically to
 * `<dir>/points/<id>.json`, so a crash or SIGKILL loses at most the points in flight and `resume` continues
 * with nothing lost and nothing redone. `<dir>/manifest.json` pins the sweep (a hash of every point spec): a
 * folder holding a different sweep is refused rather than mixed. When all points are done the tidy table is
 * written as `results.json` and `results.csv` (atomically). With `keepGoing` a failed point does not stop the
 * others: its error is recorded in `failures.json` and results.json's `failures`, and the sweep returns the
 * failures for the caller to report (a resumed sweep tries those points again).
 */

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CancelledError, InputError, QaError, type QaErrorCode, WorkError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

export type JsonLike = null | boolean | number | string | JsonLike[] | { [k: string]: JsonLike };

export interface SweepPoint {
  /** Stable id (file name safe); derived from the spec when omitted. */
  id?: string;
  spec: JsonLike;
}

export interface PointRecord<R> {
  id: string;
  spec: JsonLike;
  result: R;
  wallSeconds: number;
  finishedAt: string;
}

export interface SweepOptions<R> {
  dir: string;
  points: readonly SweepPoint[];
  /**
   * Evaluates one point; must be a pure function of the spec so a resumed sweep equals an uninterrupted one.
   * `point` names it (its id and the sweep's hash) for evaluators that send it elsewhere.
   */
  evaluate: (spec: JsonLike, signal: AbortSignal, point: { id: string; sweepHash: string }) => Promise<R>;
  /** Points evaluated at once (default 1; use more when evaluate dispatches to worker threads). */
  concurrency?: number;
  /** Continue a sweep already in `dir` (default false: an existing sweep there is an error). */
  resume?: boolean;
  /** What the sweep is, stored in the manifest (e.g. the command line). */
  description?: JsonLike;
  /** The command-line flag that names `dir`, for error messages (default --out). */
  dirFlag?: string;
  /** One table row per finished point (default: id, spec fields, result fields); nested values are flattened. */
  toRow?: (rec: PointRecord<R>) => Record<string, JsonLike>;
  onProgress?: (p: Progress & { skipped: number }) => void;
  signal?: AbortSignal;
  /** Record a failed point and go on with the others (default false: the first failure stops the sweep). */
  keepGoing?: boolean;
}

/** A point's error as data: qaxai's errors keep class, code and field; anything else is a bug. */
export interface PointError {
  name: string;
  code: QaErrorCode;
  /** 2: bad input (the same input fails again, never retried); 1: the work failed. */
  exitCode: 1 | 2;
  message: string;
  field?: string;
}

/** A point that failed in a `keepGoing` sweep, as failures.json records it. */
export interface PointFailure {
  id: string;
  spec: JsonLike;
  error: PointError;
}

export interface SweepResult<R> {
  dir: string;
  records: PointRecord<R>[];
  /** Points taken from disk (a resumed run). */
  reused: number;
  evaluated: number;
  resultsJson: string;
  resultsCsv: string;
  /** Points that failed (only with `keepGoing`; empty otherwise). */
  failures: PointFailure[];
}

/** JSON text with object keys sorted, so equal values hash equally. */
export function stableStringify(v: JsonLike): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(v[k]!)}`)
    .join(',')}}`;
}

/** A short content hash (16 hex digits of SHA-256): sweep manifests, point ids, input files of a study. */
export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

function hashOf(v: JsonLike): string {
  return contentHash(stableStringify(v));
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,120}$/;

function flattenRow(prefix: string, v: JsonLike, out: Record<string, JsonLike>): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) flattenRow(prefix ? `${prefix}.${k}` : k, x, out);
  } else out[prefix] = Array.isArray(v) ? JSON.stringify(v) : v;
}

function csvCell(v: JsonLike | undefined): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : typeof v === 'number' && !Number.isFinite(v) ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV (columns: union of row keys in first-seen order). */
export function toCsv(rows: readonly Record<string, JsonLike>[]): string {
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`;
}

export async function runSweep<R extends JsonLike>(opts: SweepOptions<R>): Promise<SweepResult<R>> {
  const dir = resolve(opts.dir);
  const pointsDir = join(dir, 'points');
  const points = opts.points.map((p) => {
    const id = p.id ?? hashOf(p.spec);
    if (!SAFE_ID.test(id))
      throw new InputError(`sweep point id ${JSON.stringify(id)} is not a safe file name`);
    return { id, spec: p.spec };
  });
  const ids = new Set<string>();
  for (const p of points) {
    if (ids.has(p.id))
      throw new InputError(`sweep point ${p.id} appears twice; every point must be distinct`);
    ids.add(p.id);
  }
  const sweepHash = hashOf(points.map((p) => [p.id, p.spec]) as JsonLike);
  const dirFlag = opts.dirFlag ?? '--out';
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    let manifest: { sweepHash?: string };
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch {
      throw new InputError(`${manifestPath} is unreadable; remove the folder or choose another ${dirFlag}`, {
        field: dirFlag,
      });
    }
    if (!opts.resume)
      throw new InputError(
        `${dir} already holds a sweep; pass --resume to continue it or choose another ${dirFlag}`,
        {
          field: dirFlag,
        },
      );
    if (manifest.sweepHash !== sweepHash)
      throw new InputError(
        `${dir} holds a different sweep (other points or settings); resume it with the same arguments, or choose another ${dirFlag}`,
        { field: '--resume' },
      );
  } else {
    writeFileAtomic(
      manifestPath,
      `${JSON.stringify({ version: 1, createdAt: new Date().toISOString(), sweepHash, description: opts.description ?? null, points: points.map((p) => p.id) }, null, 2)}\n`,
    );
  }

  const done = new Map<string, PointRecord<R>>();
  if (existsSync(pointsDir))
    for (const f of readdirSync(pointsDir)) {
      if (!f.endsWith('.json')) continue; // temp files of an interrupted write are ignored
      const id = f.slice(0, -5);
      if (!ids.has(id)) continue;
      try {
        const rec = JSON.parse(readFileSync(join(pointsDir, f), 'utf8')) as PointRecord<R>;
        if (
          rec.id === id &&
          stableStringify(rec.spec) === stableStringify(points.find((p) => p.id === id)!.spec)
        )
          done.set(id, rec);
      } catch {
        // an unreadable point file is recomputed
      }
    }
  const reused = done.size;
  const todo = points.filter((p) => !done.has(p.id));
  const total = points.length;
  opts.onProgress?.({ done: reused, total, label: 'points', skipped: reused });

  const inner = new AbortController();
  const onAbort = () => inner.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  let failure: unknown;
  const failures: PointFailure[] = [];
  const worker = async (): Promise<void> => {
    while (next < todo.length && failure === undefined) {
      if (inner.signal.aborted)
        throw new CancelledError('sweep cancelled; finished points are saved, run again with --resume');
      const p = todo[next++]!;
      const t0 = performance.now();
      try {
        const result = await opts.evaluate(p.spec, inner.signal, { id: p.id, sweepHash });
        const rec: PointRecord<R> = {
          id: p.id,
          spec: p.spec,
          result,
          wallSeconds: (performance.now() - t0) / 1000,
          finishedAt: new Date().toISOString(),
        };
        writeFileAtomic(join(pointsDir, `${p.id}.json`), `${JSON.stringify(rec)}\n`);
        done.set(p.id, rec);
        opts.onProgress?.({ done: done.size, total, label: 'points', skipped: reused });
      } catch (e) {
        if (opts.keepGoing && !(e instanceof CancelledError) && !inner.signal.aborted) {
          failures.push({ id: p.id, spec: p.spec, error: pointError(e) });
          continue;
        }
        failure ??= e;
        inner.abort(e);
      }
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, todo.length || 1)) }, worker),
    );
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
  // in the sweep's point order, whatever order concurrent points failed in (so reports do not depend on timing)
  const order = new Map(todo.map((p, k) => [p.id, k]));
  failures.sort((a, b) => order.get(a.id)! - order.get(b.id)!);

  const records = points.flatMap((p) => done.get(p.id) ?? []);
  // the tidy table: one flat row per point (nested objects become dotted columns, arrays JSON text)
  const rows = records.map((rec) => {
    const row: Record<string, JsonLike> = {};
    if (opts.toRow) flattenRow('', opts.toRow(rec) as JsonLike, row);
    else {
      row.id = rec.id;
      flattenRow('', rec.spec, row);
      flattenRow('', rec.result, row);
    }
    return row;
  });
  if (failures.length > 0)
    writeFileAtomic(join(dir, 'failures.json'), `${JSON.stringify(failures, null, 2)}\n`);
  const resultsJson = writeFileAtomic(
    join(dir, 'results.json'),
    `${JSON.stringify({ sweepHash, rows, ...(failures.length > 0 ? { failures } : {}) }, null, 2)}\n`,
  );
  const resultsCsv = writeFileAtomic(join(dir, 'results.csv'), toCsv(rows));
  return { dir, records, reused, evaluated: todo.length, resultsJson, resultsCsv, failures };
}

export function pointError(e: unknown): PointError {
  if (e instanceof QaError)
    return {
      name: e.name,
      code: e.code,
      exitCode: e.exitCode,
      message: e.message,
      ...(e.field !== undefined ? { field: e.field } : {}),
    };
  return {
    name: 'Error',
    code: 'QA_INTERNAL',
    exitCode: 1,
    message: `internal error (this is a bug in qaxai): ${(e as Error)?.message ?? String(e)}`,
  };
}

/**
 * The error to stop with when a `keepGoing` sweep had failures: an InputError when every failure was bad input
 * (exit 2), else a WorkError (exit 1); it names the first failure and where the others are recorded.
 */
export function sweepFailureError(
  r: Pick<SweepResult<JsonLike>, 'dir' | 'failures' | 'records'>,
  resumeHint: string,
): QaError {
  const f = r.failures[0]!;
  const total = r.failures.length + r.records.length;
  const message = `${r.failures.length} of ${total} points failed (${f.id}: ${f.error.message}); the errors are in ${join(r.dir, 'failures.json')} and the ${r.records.length} finished points are saved; ${resumeHint}`;
  return r.failures.every((x) => x.error.exitCode === 2)
    ? new InputError(message, f.error.field !== undefined ? { field: f.error.field } : {})
    : new WorkError(message);
}
