/**
 * What travels through the point queue (BullMQ on Redis), and nothing else:
 *   - a job per point: {@link PointJobData} — the point's kind and JSON spec, the content hashes and base names
 *     of the input files it reads (their text is stored once per content as a blob, {@link blobKey}), the qaxai
 *     version that made it, and the sweep it belongs to. Its job id is the content hash of all that
 *     ({@link pointJobId}), so a point is queued once however often it is submitted.
 *   - the point's result: the JSON the kind's evaluation returns (BullMQ's `returnvalue`);
 *   - or its error: {@link encodeError}'s text (class, code, field, message), never a stack.
 * Nothing else is sent: no credentials, no environment, no local paths beyond those already in a spec.
 */

import { readFileSync } from 'node:fs';
import { InputError, type QaErrorCode, WorkError } from '../../errors.js';
import { contentHash, type JsonLike, type PointError, pointError, stableStringify } from '../sweep/runner.js';

/** Format of {@link PointJobData}; a worker refuses another. */
export const WIRE_FORMAT = 1;

/** The BullMQ queue every qaxai point goes through. */
export const POINT_QUEUE = 'qaxai-points';

/** A file a point reads: its base name (kept for its extension) and content hash (the blob's key). */
export interface FileRef {
  name: string;
  hash: string;
}

export interface PointJobData {
  wire: number;
  /** qaxai version of the submitter: a worker of another version refuses the point. */
  qaxai: string;
  kind: string;
  spec: JsonLike;
  files: Record<string, FileRef>;
  /** The sweep (study, fit, demo) the point belongs to, for `qaxai queue status|clean`. */
  sweep: string;
}

let version: string | undefined;

/** This qaxai's version (package.json). */
export function qaxaiVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}

/** Job id: kind and the content hash of everything that determines the result (BullMQ ids may not hold ':'). */
export function pointJobId(d: Omit<PointJobData, 'sweep'>): string {
  const files = Object.fromEntries(Object.entries(d.files).map(([k, f]) => [k, f.hash]));
  return `${d.kind}.${contentHash(stableStringify({ wire: d.wire, qaxai: d.qaxai, kind: d.kind, spec: d.spec, files }))}`;
}

/** The Redis key of a file's text (kept beside BullMQ's keys, expiring with the jobs). */
export const blobKey = (hash: string) => `qaxai:blob:${hash}`;

/** How long finished jobs and blobs stay in Redis for a submitter to collect (seconds). */
export const RETAIN_SECONDS = 7 * 24 * 3600;

const ERROR_PREFIX = 'qaxai-error ';

/** An error as it travels (the sweep runner's PointError: class, code, exit code, field, message). */
export type WireError = PointError;

/** A thrown error as a WireError. */
export const toWireError = pointError;

/** An error as one line of text (BullMQ's failedReason). */
export function encodeError(e: WireError): string {
  return `${ERROR_PREFIX}${JSON.stringify(e)}`;
}

/** The error of a failedReason; text that is not {@link encodeError}'s (e.g. a stalled job's) is a work failure. */
export function decodeError(reason: string | undefined): WireError {
  if (reason?.startsWith(ERROR_PREFIX)) {
    try {
      return JSON.parse(reason.slice(ERROR_PREFIX.length)) as WireError;
    } catch {
      // fall through
    }
  }
  return { name: 'WorkError', code: 'QA_WORK_FAILED', exitCode: 1, message: reason || 'the point failed' };
}

/** A WireError as the error class the local run would have thrown (InputError: exit 2; WorkError: exit 1). */
export function errorFromWire(e: WireError): InputError | WorkError {
  const field = e.field !== undefined ? { field: e.field } : {};
  return e.exitCode === 2
    ? new InputError(e.message, { code: e.code as QaErrorCode, ...field })
    : new WorkError(e.message, { code: e.code as QaErrorCode, ...field });
}
