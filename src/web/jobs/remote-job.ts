/**
 * The web app's jobs on the point queue (`qaxai serve --queue URL`): each explanation or lab job becomes a
 * `web` point that any `qaxai worker` runs with the same code as the in-process job workers (./run-job.ts),
 * so several machines serve one web app. What travels: the job's kind and its validated input (an uploaded
 * image as base64; the embedded model as `null`, which a worker reads from its own installation; any other
 * model folder by its path, which the workers must be able to read); back: the job's result, or its error
 * with the request's field names. Leap jobs use the worker's own DWAVE_API_* settings: no token travels.
 */

import { CancelledError, InputError, WorkError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import type { PointRequest } from '../../studies/queue/submitter.js';
import type { JsonLike } from '../../studies/sweep/runner.js';
import { defaultExplainerModelDir } from '../explainer-assets.js';
import { errorRecord } from '../http-error.js';
import type { ExplainInput, JobInput, JobKind } from './protocol.js';
import type { JobRunner } from './queue.js';
import { inRequestTerms } from './request-fields.js';
import { runJob } from './run-job.js';

interface WebPointSpec {
  kind: JobKind;
  input: Record<string, JsonLike>;
}

function encodeInput(kind: JobKind, input: JobInput, embeddedModelDir: string): Record<string, JsonLike> {
  if (kind !== 'explain') return input as unknown as Record<string, JsonLike>;
  const e = input as ExplainInput;
  return {
    ...(e as unknown as Record<string, JsonLike>),
    modelDir: e.modelDir === embeddedModelDir ? null : e.modelDir,
    image:
      e.image.kind === 'bytes'
        ? { kind: 'bytes', base64: Buffer.from(e.image.bytes).toString('base64'), name: e.image.name }
        : e.image,
  };
}

function decodeInput(kind: JobKind, input: Record<string, JsonLike>): JobInput {
  if (kind !== 'explain') return input as unknown as JobInput;
  const image = input.image as { kind: string; base64?: string; name?: string; index?: number };
  return {
    ...(input as unknown as ExplainInput),
    modelDir: typeof input.modelDir === 'string' ? input.modelDir : defaultExplainerModelDir(),
    image:
      image.kind === 'bytes'
        ? {
            kind: 'bytes',
            bytes: new Uint8Array(Buffer.from(image.base64 ?? '', 'base64')),
            name: image.name ?? '',
          }
        : { kind: 'embedded', index: image.index ?? 0 },
  };
}

/** A JobQueue runner that sends every job to the point queue. */
export function remoteJobRunner(
  queue: {
    run(p: PointRequest, o: { signal?: AbortSignal; onProgress?: (p: Progress) => void }): Promise<JsonLike>;
  },
  embeddedModelDir = defaultExplainerModelDir(),
): JobRunner {
  return (job, input, ctx) => {
    const spec: WebPointSpec = { kind: job.kind, input: encodeInput(job.kind, input, embeddedModelDir) };
    return queue.run(
      { kind: 'web', spec: spec as unknown as JsonLike, sweep: 'web' },
      { signal: ctx.signal, onProgress: ctx.onProgress },
    );
  };
}

/** Runs a `web` point (on a queue worker); errors keep their HTTP meaning (400: bad input, never retried). */
export async function runRemoteWebJob(
  spec: JsonLike,
  ctx: { signal?: AbortSignal; onProgress: (p: Progress) => void },
): Promise<JsonLike> {
  const s = spec as unknown as WebPointSpec;
  try {
    const result = await runJob(s.kind, decodeInput(s.kind, s.input), {
      signal: ctx.signal ?? new AbortController().signal,
      onProgress: ctx.onProgress,
    });
    return JSON.parse(JSON.stringify(result ?? null)) as JsonLike;
  } catch (e) {
    if (e instanceof CancelledError) throw e;
    const rec = inRequestTerms(s.kind, errorRecord(e));
    const o = {
      code: rec.code as InputError['code'],
      ...(rec.field !== undefined ? { field: rec.field } : {}),
    };
    throw rec.status === 400 ? new InputError(rec.message, o) : new WorkError(rec.message, o);
  }
}
