/**
 * Raw answers kept for provenance and offline replay. With `save_raw` (the `--save-raw DIR` flag) each
 * finished problem is written to `DIR/<problem_id>.json` (atomically) holding what was sent (solver identity,
 * type, params, the encoded `qp` data with its offset) and what came back (the full COMPLETED status with its
 * answer, exactly as received), plus the info keys the sampler added. No header, token or secret goes in.
 * {@link replayRawAnswer} decodes such a file into the same SampleSet the live run returned, without network.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import type { ProblemStatus, ProblemType, QpProblemData, SolverIdentity } from './models.js';
import { sampleSetFromQpAnswer } from './qp-coders.js';

export const RAW_FORMAT = 'qaxai-leap-raw';

export interface RawAnswerFile {
  format: typeof RAW_FORMAT;
  version: 1;
  saved_on: string;
  endpoint: string;
  solver: SolverIdentity;
  problem_id: string;
  label: string | undefined;
  type: ProblemType;
  offset: number;
  params: Record<string, unknown>;
  data: QpProblemData;
  status: ProblemStatus;
  info: Record<string, unknown>;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes the raw record (and sets `rec.info.raw_answer` to its path); returns its absolute path. */
export function saveRawAnswer(
  dir: string,
  rec: Omit<RawAnswerFile, 'format' | 'version' | 'saved_on'>,
): string {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const safe = rec.problem_id.replace(/[^A-Za-z0-9._-]/g, '_');
  const path = join(abs, `${safe}.json`);
  // the live SampleSet's info names the file; the file's info says the same, so a replay matches exactly
  rec.info.raw_answer = path;
  const doc: RawAnswerFile = { format: RAW_FORMAT, version: 1, saved_on: new Date().toISOString(), ...rec };
  writeAtomic(path, `${JSON.stringify(doc, null, 1)}\n`);
  return path;
}

/** Reads and checks a raw answer file (bad input names the field). */
export function readRawAnswerFile(path: string): RawAnswerFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: not a readable JSON file (${(e as Error).message})`, { field: 'RAW' });
  }
  const d = doc as Partial<RawAnswerFile>;
  if (!d || typeof d !== 'object' || d.format !== RAW_FORMAT)
    throw new InputError(`${path}: not a qaxai raw answer file (format must be "${RAW_FORMAT}")`, {
      field: 'RAW',
    });
  if (d.version !== 1)
    throw new InputError(`${path}: version ${String(d.version)} is not supported (1 is)`, {
      field: 'version',
    });
  if (d.type !== 'ising' && d.type !== 'qubo')
    throw new InputError(`${path}: type must be "ising" or "qubo"`, { field: 'type' });
  if (!d.status || typeof d.status !== 'object' || !d.status.answer)
    throw new InputError(`${path}: status.answer is missing (only completed problems can be replayed)`, {
      field: 'status.answer',
    });
  return d as RawAnswerFile;
}

/** The SampleSet of a saved answer, decoded offline (same rows, energies and info as the live run). */
export function replayRawAnswer(file: RawAnswerFile): SampleSet {
  return sampleSetFromQpAnswer(file.status.answer, {
    type: file.type,
    offset: file.offset,
    problemId: file.problem_id,
    label: file.label,
    info: file.info,
  });
}
