/**
 * `qaxai serve`: the explainer web app and the anneal lab (Fastify). Binds 127.0.0.1 by default, answers only
 * requests whose Host header names this server (so other web sites cannot reach it through DNS rebinding) and
 * takes state-changing requests only from its own pages (./request-guards.ts).
 *
 * API (JSON; errors are `{ error: { code, message, field?, status } }`), one plugin per resource in ./routes/:
 *   GET  /api/info                       samplers, schedules, generators, limits, explainer availability
 *   GET  /api/schedules/:name            A(s), B(s) of a schedule (published table or linear)
 *   GET  /api/explainer/images           the embedded evaluation images; /api/explainer/images/:i.png one of them
 *   POST /api/uploads/image              multipart file (PNG/JPEG) -> { id }, kept in memory
 *   POST /api/problems                   multipart file or JSON { document, name? } (any model format) -> summary
 *   POST /api/problems/generate          { kind, n, seed } -> summary;  GET /api/problems/:id[/dimod.json]
 *   POST /api/jobs/:kind                 explain | gap | anneal | study | sample -> 202 { job } (?wait=1: 200 { job, result })
 *   GET  /api/jobs, /api/jobs/:id        status;  DELETE /api/jobs/:id cancels
 *   GET  /api/jobs/:id/events            server-sent events: status, progress, end
 *   GET  /api/jobs/:id/result[.csv]      the result as JSON or CSV;  /api/jobs/:id/sampleset.json (dimod)
 * Everything else is the built front end (dist/web-ui), served by ./routes/static-pages.ts.
 */

import { availableParallelism } from 'node:os';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { parseRedisUrl } from '../studies/queue/redis-target.js';
import { PointSubmitter } from '../studies/queue/submitter.js';
import { parseStrictJson } from '../util/strict-json.js';
import { setWebErrorHandler, webFrameworkErrors } from './error-replies.js';
import { defaultExplainerModelDir, loadExplainerAssets } from './explainer-assets.js';
import { HttpError } from './http-error.js';
import type { RequestContext } from './job-requests.js';
import { JobQueue } from './jobs/queue.js';
import { remoteJobRunner } from './jobs/remote-job.js';
import { JobWorkerPool } from './jobs/worker-pool.js';
import { ProblemStore } from './problems.js';
import { addRequestGuards } from './request-guards.js';
import { explainerImageRoutes } from './routes/explainer-images.js';
import { infoRoutes } from './routes/info.js';
import { jobEventRoutes } from './routes/job-events.js';
import { jobRoutes } from './routes/jobs.js';
import { problemRoutes } from './routes/problems.js';
import { scheduleRoutes } from './routes/schedules.js';
import { setStaticPages } from './routes/static-pages.js';
import { uploadRoutes } from './routes/uploads.js';
import { webSamplers } from './samplers.js';
import { defaultUiDir, StaticFiles } from './static-files.js';
import { UploadStore } from './uploads.js';
import type { WebContext } from './web-context.js';

export { defaultExplainerModelDir } from './explainer-assets.js';

export interface WebServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Built front end (default dist/web-ui of the package). */
  uiDir?: string;
  /** Explainer model folder (default: the embedded Fashion-MNIST model). */
  modelDir?: string;
  /** Job workers (default min(2, available parallelism)). */
  workers?: number;
  /** Jobs that may wait (default 256). */
  maxQueued?: number;
  /** JSON body limit, bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Upload limit per file, bytes (default 5 MiB). */
  uploadLimit?: number;
  /** Heap limit per job worker, MiB. */
  workerHeapMb?: number;
  logger?: boolean;
  /** Redis URL of a point queue: jobs run on `qaxai worker`s (./jobs/remote-job.ts) instead of in-process. */
  queue?: string;
}

/** Jobs a server with --queue keeps in flight on the workers (the rest wait in its own queue). */
const QUEUE_CONCURRENCY = 64;

function loopbackHost(h: string): boolean {
  return h === '127.0.0.1' || h === 'localhost' || h === '::1' || h === '[::1]';
}

export interface WebApp {
  app: FastifyInstance;
  queue: JobQueue;
  pool: JobWorkerPool;
  /** Accept only these Host headers (undefined: any). */
  setAllowedHosts(hosts: Set<string> | undefined): void;
  close(): Promise<void>;
}

export async function buildWebApp(o: WebServerOptions = {}): Promise<WebApp> {
  const limits = {
    bodyBytes: o.bodyLimit ?? 2 * 2 ** 20,
    uploadBytes: o.uploadLimit ?? 5 * 2 ** 20,
    workers: o.workers ?? Math.max(1, Math.min(2, availableParallelism())),
  };
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: limits.bodyBytes,
    return503OnClosing: true,
    // event streams stay open; closing the server must not wait for them
    forceCloseConnections: true,
    frameworkErrors: webFrameworkErrors(limits),
  });
  // JSON bodies go through the strict reader, as files do: duplicate keys refused, nesting bounded, and the key
  // order kept (integer-like labels are not reordered), each error a 400 naming `body`
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    if (text === '') return done(new HttpError(400, 'body: empty JSON body', { field: 'body' }), undefined);
    try {
      done(null, parseStrictJson(text as string, { source: 'body', allowNonFinite: false }));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  const explainer = loadExplainerAssets(o.modelDir ?? defaultExplainerModelDir());
  const pool = new JobWorkerPool({
    size: limits.workers,
    ...(o.workerHeapMb ? { maxOldGenerationSizeMb: o.workerHeapMb } : {}),
    // the engines inside a job share the machine with the other workers
    env: { QAXAI_THREADS: String(Math.max(1, Math.floor(availableParallelism() / limits.workers))) },
  });
  const points = o.queue ? await PointSubmitter.open(parseRedisUrl(o.queue)) : undefined;
  const queue = new JobQueue({
    runner: points
      ? remoteJobRunner(points, defaultExplainerModelDir())
      : (job, input, ctx) => pool.run(job.id, job.kind, input, ctx),
    concurrency: points ? QUEUE_CONCURRENCY : limits.workers,
    maxQueued: o.maxQueued ?? 256,
    retain: 200,
    retainBytes: 256 * 2 ** 20,
  });
  const problems = new ProblemStore();
  const uploads = new UploadStore();
  const requests: RequestContext = {
    problems,
    uploads,
    ...(explainer.modelOk
      ? { modelDir: explainer.modelDir }
      : { explainerMissing: `no TensorFlow.js model at ${explainer.modelDir}` }),
    defaultExplainSampler: webSamplers.has('statevector') ? 'statevector' : 'exact',
  };
  const web: WebContext = { queue, problems, uploads, requests, explainer, limits };

  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: {
      fileSize: limits.uploadBytes,
      files: 1,
      fields: 4,
      fieldSize: 1000,
      parts: 5,
      headerPairs: 100,
    },
  });
  let allowedHosts: Set<string> | undefined;
  addRequestGuards(app, { allowedHosts: () => allowedHosts, uploadBytes: limits.uploadBytes });
  setWebErrorHandler(app, limits);
  setStaticPages(app, new StaticFiles(o.uiDir ?? defaultUiDir()));

  await app.register(infoRoutes, web);
  await app.register(scheduleRoutes);
  await app.register(explainerImageRoutes, web);
  await app.register(uploadRoutes, web);
  await app.register(problemRoutes, web);
  await app.register(jobRoutes, web);
  await app.register(jobEventRoutes, web);

  return {
    app,
    queue,
    pool,
    setAllowedHosts(hosts) {
      allowedHosts = hosts;
    },
    async close() {
      queue.cancelAll();
      await app.close();
      await pool.close();
      await points?.close();
    },
  };
}

export interface RunningServer extends WebApp {
  url: string;
}

/** Builds the app and listens (127.0.0.1:8080 unless told otherwise). */
export async function startWebServer(o: WebServerOptions = {}): Promise<RunningServer> {
  const web = await buildWebApp(o);
  const host = o.host ?? '127.0.0.1';
  try {
    await web.app.listen({ host, port: o.port ?? 8080 });
  } catch (e) {
    await web.close();
    throw e;
  }
  const addr = web.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (o.port ?? 8080);
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : shown}:${port}/`;
  // Host-header check (DNS rebinding): loopback names always; the bound host when it is not a wildcard
  const hosts = new Set<string>([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (!loopbackHost(host) && host !== '0.0.0.0' && host !== '::') hosts.add(`${shown}:${port}`.toLowerCase());
  // listening on every interface: any Host is accepted (the user chose to expose the server)
  web.setAllowedHosts(host === '0.0.0.0' || host === '::' ? undefined : hosts);
  return { ...web, url };
}
