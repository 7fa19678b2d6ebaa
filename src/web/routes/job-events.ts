/**
 * `GET /api/jobs/:id/events`: a job's life as server-sent events — `status` (the job's view) at once and on
 * every change, `progress` as the job reports it, `end` once it is done, failed or cancelled; a comment line
 * every 15 s keeps proxies from closing the stream.
 */

import type { FastifyPluginAsync } from 'fastify';
import type { JobEvent } from '../jobs/queue.js';
import type { WebContext } from '../web-context.js';
import { jobOr404 } from './jobs.js';

export const jobEventRoutes: FastifyPluginAsync<WebContext> = async (app, { queue }) => {
  app.get<{ Params: { id: string } }>('/api/jobs/:id/events', (req, reply) => {
    const job = jobOr404(queue, req.params.id);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    let closed = false;
    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      unsubscribe();
      res.end();
    };
    const ping = setInterval(() => res.write(': ping\n\n'), 15000);
    const view = queue.view(job);
    send('status', view);
    const finished = (s: string) => s === 'done' || s === 'failed' || s === 'cancelled';
    let unsubscribe: () => void = () => undefined;
    if (finished(job.status)) {
      send('end', view);
      end();
      return;
    }
    unsubscribe = queue.subscribe(job.id, (e: JobEvent) => {
      if (e.type === 'progress') send('progress', e.progress);
      else {
        send('status', e.job);
        if (finished(e.job.status)) {
          send('end', e.job);
          end();
        }
      }
    });
    req.raw.on('close', end);
  });
};
