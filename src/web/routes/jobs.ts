/**
 * Jobs: `POST /api/jobs/:kind` (explain | gap | anneal | study | sample) -> 202 { job } with its Location
 * (`?wait=1`: 200 { job, result }, or the failed job's error status); `GET /api/jobs`, `GET /api/jobs/:id`
 * status; `DELETE /api/jobs/:id` cancels; downloads `…/result` (JSON), `…/result.csv`, `…/sampleset.json`.
 * Progress as server-sent events is ./job-events.ts.
 */

import type { FastifyPluginAsync } from 'fastify';
import { jobCsv, jobSampleSet, resultOf } from '../downloads.js';
import { HttpError } from '../http-error.js';
import { parseJobRequest } from '../job-requests.js';
import { JOB_KINDS, type JobKind } from '../jobs/protocol.js';
import type { Job, JobQueue } from '../jobs/queue.js';
import type { WebContext } from '../web-context.js';

type WithId = { Params: { id: string } };

/** The job, or 404 saying finished jobs are dropped after a while. */
export function jobOr404(queue: JobQueue, id: string): Job {
  const j = queue.get(id);
  if (!j)
    throw new HttpError(
      404,
      `job ${JSON.stringify(id)} is not known (finished jobs are kept for a while, then dropped)`,
    );
  return j;
}

export const jobRoutes: FastifyPluginAsync<WebContext> = async (app, { queue, requests: ctx }) => {
  app.post<{ Params: { kind: string }; Querystring: { wait?: string } }>(
    '/api/jobs/:kind',
    async (req, reply) => {
      const kind = req.params.kind as JobKind;
      if (!JOB_KINDS.includes(kind))
        throw new HttpError(
          404,
          `no job kind ${JSON.stringify(req.params.kind)}; kinds: ${JOB_KINDS.join(', ')}`,
        );
      const { input, summary } = await parseJobRequest(kind, req.body, ctx);
      const job = queue.submit(kind, input, summary);
      if (req.query.wait === '1' || req.query.wait === 'true') {
        const done = (await queue.wait(job.id))!;
        if (done.status === 'done') return { job: queue.view(done), result: done.result };
        // a job that failed answers with its error's status (400 for input the engine refused, 409 cancelled)
        const error = done.error ?? { code: 'QA_WORK_FAILED', message: `job ${done.status}`, status: 500 };
        reply.code(error.status);
        return { job: queue.view(done), error };
      }
      reply.code(202).header('location', `/api/jobs/${job.id}`);
      return { job: queue.view(job) };
    },
  );

  app.get('/api/jobs', async () => ({ jobs: queue.list().map((j) => queue.view(j)), queue: queue.stats() }));
  app.get<WithId>('/api/jobs/:id', async (req) => ({ job: queue.view(jobOr404(queue, req.params.id)) }));
  app.delete<WithId>('/api/jobs/:id', async (req, reply) => {
    const j = jobOr404(queue, req.params.id);
    const cancelled = queue.cancel(j.id);
    reply.code(cancelled ? 202 : 200);
    return { cancelled, job: queue.view(j) };
  });

  app.get<WithId>('/api/jobs/:id/result', async (req) => resultOf(jobOr404(queue, req.params.id)));
  app.get<WithId>('/api/jobs/:id/result.csv', async (req, reply) => {
    const j = jobOr404(queue, req.params.id);
    const csv = jobCsv(j);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${j.kind}-${j.id.slice(0, 8)}.csv"`);
    return csv;
  });
  app.get<WithId>('/api/jobs/:id/sampleset.json', async (req, reply) => {
    const j = jobOr404(queue, req.params.id);
    const doc = jobSampleSet(j);
    reply.header(
      'content-disposition',
      `attachment; filename="${j.kind}-${j.id.slice(0, 8)}.sampleset.json"`,
    );
    return doc;
  });
};
