/**
 * Downloads of finished jobs: the result as JSON, tables as CSV (spectra: s then one column per level; studies:
 * one row per annealing time; anneals: one row; sample sets: one row per sample with energy and occurrences),
 * and dimod SampleSet JSON where the job produced samples.
 */

import { HttpError } from './http-error.js';
import type { Job } from './jobs/queue.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: string[], rows: unknown[][]): string {
  return `${[header.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;
}

const SCALAR = (v: unknown) => v === null || ['number', 'string', 'boolean'].includes(typeof v);

function recordsCsv(records: Record<string, unknown>[]): string {
  const keys: string[] = [];
  for (const r of records)
    for (const [k, v] of Object.entries(r)) if (SCALAR(v) && !keys.includes(k)) keys.push(k);
  return table(
    keys,
    records.map((r) => keys.map((k) => r[k])),
  );
}

interface SampleSetDoc {
  variable_labels: unknown[];
  vectors: Record<string, { data: number[] }>;
  sample_data: { data: number[][] };
  variable_type: string;
}

function sampleSetCsv(doc: SampleSetDoc): string {
  const labels = doc.variable_labels.map((l) => (Array.isArray(l) ? JSON.stringify(l) : String(l)));
  const n = labels.length;
  const energy = doc.vectors.energy?.data ?? [];
  const occ = doc.vectors.num_occurrences?.data ?? [];
  const binary = doc.variable_type === 'BINARY';
  const rows = doc.sample_data.data.map((words, r) => {
    const vals: number[] = [];
    for (let i = 0; i < n; i++) {
      const bit = ((words[Math.floor(i / 32)] ?? 0) >>> (i % 32)) & 1;
      vals.push(binary ? bit : bit ? 1 : -1);
    }
    return [...vals, energy[r], occ[r]];
  });
  return table([...labels, 'energy', 'num_occurrences'], rows);
}

export function resultOf(job: Job): Record<string, unknown> {
  if (job.status !== 'done' || job.result === undefined)
    throw new HttpError(409, `job ${job.id} is ${job.status}; its result is available once it is done`);
  return job.result as Record<string, unknown>;
}

export function jobCsv(job: Job): string {
  const r = resultOf(job);
  switch (job.kind) {
    case 'gap': {
      const s = r.s as number[];
      const levels = r.levels as number[][];
      const gaps = r.gaps as number[];
      const k = levels[0]?.length ?? 0;
      return table(
        ['s', ...Array.from({ length: k }, (_, j) => `E${j}`), 'gap'],
        s.map((x, i) => [x, ...(levels[i] ?? []), gaps[i]]),
      );
    }
    case 'study':
      return recordsCsv(r.rows as Record<string, unknown>[]);
    case 'anneal':
      return recordsCsv([r]);
    case 'sample':
      return sampleSetCsv(r.sampleSet as SampleSetDoc);
    case 'explain': {
      const q = r.qubo as { kept: number[]; h: number[]; J: number[][] };
      const sel = new Set(r.selectedMaps as number[]);
      return table(
        ['map', 'h', 'selected', ...q.kept.map((k) => `J_${k}`)],
        q.kept.map((k, p) => [k, q.h[p], sel.has(k), ...(q.J[p] ?? [])]),
      );
    }
  }
}

export function jobSampleSet(job: Job): unknown {
  const r = resultOf(job);
  if (!r.sampleSet)
    throw new HttpError(
      404,
      `job ${job.id} (${job.kind}) has no sample set; sample jobs and pimc anneals do`,
    );
  return r.sampleSet;
}
