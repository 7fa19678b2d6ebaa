/**
 * `qaxai serve`: the explainer web app and the anneal lab (Fastify). Binds 127.0.0.1 by default and answers only
 * requests whose Host header names this server (so other web sites cannot reach it through DNS rebinding).
 *
 * API (JSON; errors are `{ error: { code, message, field?, status } }`):
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
 * Everything else is the built front end (dist/web-ui), served by ./static-files.ts.
 */

import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { PNG } from 'pngjs';
import { bqmToDimodJson } from '../hamiltonian/io/dimod-bqm.js';
import {
  getScheduleTable,
  isKnownSchedule,
  listSchedules,
  scheduleNames,
} from '../hamiltonian/schedule/catalog.js';
import { jobCsv, jobSampleSet, resultOf } from './downloads.js';
import { errorBody, errorRecord, HttpError } from './http-error.js';
import { LIMITS, parseJobRequest, type RequestContext } from './job-requests.js';
import { JOB_KINDS, type JobKind } from './jobs/protocol.js';
import { type JobEvent, JobQueue } from './jobs/queue.js';
import { JobWorkerPool } from './jobs/worker-pool.js';
import { GENERATE_MAX_N, GENERATORS, ProblemStore, problemSummary, type StoredProblem } from './problems.js';
import { webSamplers } from './samplers.js';
import { defaultUiDir, StaticFiles } from './static-files.js';
import { UploadStore } from './uploads.js';

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
}

/** The embedded model's folder (as src/xai/model-io.ts defaultModelDir(), without loading TensorFlow.js here). */
export function defaultExplainerModelDir(): string {
  return fileURLToPath(new URL('../../models/fashion-mnist-16', import.meta.url));
}

interface EvalIndex {
  dataset: string;
  classNames: string[];
  shape: [number, number, number, number];
  labels: number[];
  pixels: Uint8Array;
}

function readEvalIndex(dir: string): EvalIndex | undefined {
  const p = join(dir, 'eval-subset.json');
  if (!existsSync(p)) return undefined;
  const j = JSON.parse(readFileSync(p, 'utf8')) as Omit<EvalIndex, 'pixels'> & { pixels: string };
  return { ...j, pixels: new Uint8Array(Buffer.from(j.pixels, 'base64')) };
}

function readModelMeta(dir: string): Record<string, unknown> {
  const p = join(dir, 'qaxai-model.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>) : {};
}

function formatBytes(b: number): string {
  return b >= 2 ** 20
    ? `${(b / 2 ** 20).toFixed(b % 2 ** 20 === 0 ? 0 : 1)} MiB`
    : `${Math.round(b / 1024)} KiB`;
}

function loopbackHost(h: string): boolean {
  return h === '127.0.0.1' || h === 'localhost' || h === '::1' || h === '[::1]';
}

function htmlPage(status: number, title: string, message: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${esc(title)} · qaxai</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;color:#222}code{background:#eee;padding:0 .2em}</style></head>
<body><h1>${status} ${esc(title)}</h1><p>${esc(message)}</p><p><a href="/">The explainer</a> · <a href="/lab">The anneal lab</a></p></body></html>\n`;
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
  const bodyLimit = o.bodyLimit ?? 2 * 2 ** 20;
  const uploadLimit = o.uploadLimit ?? 5 * 2 ** 20;
  const workers = o.workers ?? Math.max(1, Math.min(2, availableParallelism()));
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit,
    return503OnClosing: true,
    // event streams stay open; closing the server must not wait for them
    forceCloseConnections: true,
  });
  const ui = new StaticFiles(o.uiDir ?? defaultUiDir());
  const modelDir = o.modelDir ?? defaultExplainerModelDir();
  const modelOk = existsSync(join(modelDir, 'model.json'));
  const evalIndex = modelOk ? readEvalIndex(modelDir) : undefined;
  const meta = modelOk ? readModelMeta(modelDir) : {};
  const pool = new JobWorkerPool({
    size: workers,
    ...(o.workerHeapMb ? { maxOldGenerationSizeMb: o.workerHeapMb } : {}),
    // the engines inside a job share the machine with the other workers
    env: { QAXAI_THREADS: String(Math.max(1, Math.floor(availableParallelism() / workers))) },
  });
  const queue = new JobQueue({
    runner: (job, input, ctx) => pool.run(job.id, job.kind, input, ctx),
    concurrency: workers,
    maxQueued: o.maxQueued ?? 256,
    retain: 200,
    retainBytes: 256 * 2 ** 20,
  });
  const problems = new ProblemStore();
  const uploads = new UploadStore();
  const ctx: RequestContext = {
    problems,
    uploads,
    ...(modelOk ? { modelDir } : { explainerMissing: `no TensorFlow.js model at ${modelDir}` }),
    defaultExplainSampler: webSamplers.has('statevector') ? 'statevector' : 'exact',
  };

  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: uploadLimit, files: 1, fields: 4, fieldSize: 1000, parts: 5, headerPairs: 100 },
  });

  let allowedHosts: Set<string> | undefined;
  app.addHook('onRequest', async (req, reply) => {
    if (allowedHosts) {
      const host = (req.headers.host ?? '').toLowerCase();
      if (!allowedHosts.has(host)) {
        reply.code(421).type('application/json');
        return reply.send(
          errorBody(
            new HttpError(
              421,
              `Host ${JSON.stringify(host)} is not this server; open ${[...allowedHosts][0]}`,
            ),
          ),
        );
      }
    }
    const len = Number(req.headers['content-length'] ?? 0);
    if (
      req.url.startsWith('/api/') &&
      (req.headers['content-type'] ?? '').startsWith('multipart/') &&
      len > uploadLimit + 64 * 1024
    ) {
      reply.code(413).type('application/json');
      return reply.send(
        errorBody(
          new HttpError(
            413,
            `upload too large: ${formatBytes(len)}; the limit is ${formatBytes(uploadLimit)} per file`,
            { field: 'file' },
          ),
        ),
      );
    }
  });

  app.setErrorHandler((err, req, reply) => {
    let e: unknown = err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      e = new HttpError(
        413,
        `request body too large; the limit is ${formatBytes(bodyLimit)} (upload files with POST /api/uploads/image or /api/problems)`,
      );
    else if (code === 'FST_REQ_FILE_TOO_LARGE')
      e = new HttpError(413, `upload too large; the limit is ${formatBytes(uploadLimit)} per file`, {
        field: 'file',
      });
    else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      e = new HttpError(
        415,
        `unsupported content type ${JSON.stringify(req.headers['content-type'] ?? '')}; send application/json (or multipart/form-data for uploads)`,
      );
    else if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      e = new HttpError(400, 'body: empty JSON body', { field: 'body' });
    else if ((err as { statusCode?: number }).statusCode === 400 && err instanceof SyntaxError)
      e = new HttpError(400, `body: invalid JSON (${err.message})`, { field: 'body' });
    const rec = errorRecord(e);
    if (rec.status >= 500 && rec.code === 'QA_INTERNAL') req.log.error(err);
    reply.code(rec.status).type('application/json').send({ error: rec });
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api') {
      reply.code(404).send(errorBody(new HttpError(404, `no API route ${req.method} ${path}`)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply.code(405).send(errorBody(new HttpError(405, `${req.method} is not allowed on ${path}`)));
      return;
    }
    serveStatic(req, reply, path);
  });

  function serveStatic(req: FastifyRequest, reply: FastifyReply, path: string): void {
    const page =
      path === '/' || path === '/lab' || path === '/lab/' || path === '/explainer' ? '/index.html' : path;
    const r = ui.lookup(page);
    if (r.kind === 'file') {
      reply.header('cache-control', r.file.cache).header('last-modified', r.file.mtime.toUTCString());
      reply.header('x-content-type-options', 'nosniff');
      reply.type(r.file.type).header('content-length', r.file.size);
      if (req.method === 'HEAD') reply.send();
      else reply.send(ui.stream(r.file));
      return;
    }
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    const status = r.kind === 'forbidden' ? 403 : 404;
    const message =
      r.kind === 'forbidden'
        ? `the path is refused (${r.why}); files are served only from the app's own folder`
        : !ui.available && page === '/index.html'
          ? `the front end is not built: ${ui.root} has no index.html (run npm run build)`
          : `no such page: ${path}`;
    if (wantsHtml)
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(htmlPage(status, status === 403 ? 'Forbidden' : 'Not found', message));
    else
      reply
        .code(status)
        .type('application/json')
        .send(errorBody(new HttpError(status, message)));
  }

  // ---- info ----
  /** Every registered sampler with its parameters (data: none is built); one that cannot be built here (leap without a token) says why. */
  const samplerList = async () => webSamplers.list();
  app.get('/api/info', async () => ({
    name: 'qaxai',
    samplers: await samplerList(),
    schedules: listSchedules().map((s) => ({
      name: s.name,
      energyUnit: s.energyUnit,
      sheet: s.sheet,
      solver: s.solver,
    })),
    generators: GENERATORS,
    limits: {
      ...LIMITS,
      generateMaxN: GENERATE_MAX_N,
      bodyBytes: bodyLimit,
      uploadBytes: uploadLimit,
      workers,
    },
    queue: queue.stats(),
    explainer: modelOk
      ? {
          available: true,
          modelDir,
          dataset: evalIndex?.dataset ?? (meta.dataset as string | undefined) ?? null,
          classNames: evalIndex?.classNames ?? (meta.classNames as string[] | undefined) ?? null,
          numMaps: (meta.numMaps as number | undefined) ?? null,
          images: evalIndex?.labels.length ?? 0,
          defaultSampler: ctx.defaultExplainSampler,
        }
      : { available: false, reason: ctx.explainerMissing },
  }));

  app.get<{ Params: { name: string }; Querystring: { points?: string } }>(
    '/api/schedules/:name',
    async (req) => {
      const name = req.params.name;
      if (!isKnownSchedule(name))
        throw new HttpError(
          404,
          `unknown schedule ${JSON.stringify(name)}; known: ${scheduleNames().join(', ')}`,
          { field: 'name' },
        );
      if (name === 'linear') {
        const s = Array.from({ length: 101 }, (_, i) => i / 100);
        return { name, energyUnit: 'dimensionless', s, A: s.map((x) => 1 - x), B: s };
      }
      const t = getScheduleTable(name);
      const step = Math.max(1, Math.floor(t.s.length / 400));
      const pick = (a: Float64Array) => Array.from(a).filter((_, i) => i % step === 0 || i === a.length - 1);
      return { name, energyUnit: 'GHz', s: pick(t.s), A: pick(t.A), B: pick(t.B) };
    },
  );

  // ---- explainer images ----
  app.get('/api/explainer/images', async () => {
    if (!evalIndex)
      throw new HttpError(
        404,
        `no embedded evaluation images (${ctx.explainerMissing ?? `${modelDir} has no eval-subset.json`})`,
      );
    return {
      dataset: evalIndex.dataset,
      classNames: evalIndex.classNames,
      images: evalIndex.labels.map((label, index) => ({
        index,
        label,
        className: evalIndex.classNames[label] ?? String(label),
      })),
    };
  });

  app.get<{ Params: { file: string } }>('/api/explainer/images/:file', async (req, reply) => {
    const m = /^(\d{1,6})\.png$/.exec(req.params.file);
    if (!m) throw new HttpError(404, 'embedded images are named <index>.png');
    if (!evalIndex) throw new HttpError(404, 'no embedded evaluation images');
    const [count, h, w, c] = evalIndex.shape;
    const i = Number(m[1]);
    if (i >= count) throw new HttpError(404, `image ${i} is not in 0..${count - 1}`);
    const png = new PNG({ width: w, height: h });
    const px = h * w * c;
    for (let p = 0; p < h * w; p++) {
      for (let k = 0; k < 3; k++) png.data[4 * p + k] = evalIndex.pixels[i * px + p * c + (c === 1 ? 0 : k)]!;
      png.data[4 * p + 3] = 255;
    }
    reply.type('image/png').header('cache-control', 'public, max-age=3600');
    return PNG.sync.write(png);
  });

  // ---- uploads and problems ----
  app.post('/api/uploads/image', async (req, reply) => {
    if (!req.isMultipart())
      throw new HttpError(415, 'send the image as multipart/form-data with one file field', {
        field: 'file',
      });
    const part = await req.file();
    if (!part) throw new HttpError(400, 'file: missing; send one PNG or JPEG file', { field: 'file' });
    const bytes = new Uint8Array(await part.toBuffer());
    const u = uploads.add(bytes, part.filename);
    reply.code(201);
    return { id: u.id, name: u.name, format: u.format, bytes: bytes.byteLength };
  });

  app.post('/api/problems', async (req, reply) => {
    let stored: StoredProblem;
    if (req.isMultipart()) {
      const part = await req.file();
      if (!part) throw new HttpError(400, 'file: missing; send one model JSON file', { field: 'file' });
      const text = (await part.toBuffer()).toString('utf8');
      stored = problems.addText(text, part.filename.replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'upload');
    } else {
      const body = req.body as { document?: unknown; text?: unknown; name?: unknown } | undefined;
      if (!body || typeof body !== 'object')
        throw new HttpError(400, 'body: expected { document } or { text }', { field: 'body' });
      const name = typeof body.name === 'string' ? body.name.slice(0, 100) : 'uploaded problem';
      if (typeof body.text === 'string') stored = problems.addText(body.text, name);
      else if (body.document !== undefined) stored = problems.addValue(body.document, name);
      else
        throw new HttpError(
          400,
          'document: missing; give the model as { "document": {...} } or { "text": "..." }',
          { field: 'document' },
        );
    }
    reply.code(201);
    return problemSummary(stored);
  });

  app.post('/api/problems/generate', async (req, reply) => {
    const stored = problems.generate(req.body);
    reply.code(201);
    return problemSummary(stored);
  });

  app.get<{ Params: { id: string } }>('/api/problems/:id', async (req) =>
    problemSummary(problems.get(req.params.id)),
  );

  app.get<{ Params: { id: string } }>('/api/problems/:id/dimod.json', async (req, reply) => {
    const p = problems.get(req.params.id);
    reply.header('content-disposition', 'attachment; filename="problem.dimod.json"');
    return bqmToDimodJson(p.bqm, { name: p.name });
  });

  // ---- jobs ----
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

  const jobOr404 = (id: string) => {
    const j = queue.get(id);
    if (!j)
      throw new HttpError(
        404,
        `job ${JSON.stringify(id)} is not known (finished jobs are kept for a while, then dropped)`,
      );
    return j;
  };

  app.get('/api/jobs', async () => ({ jobs: queue.list().map((j) => queue.view(j)), queue: queue.stats() }));
  app.get<{ Params: { id: string } }>('/api/jobs/:id', async (req) => ({
    job: queue.view(jobOr404(req.params.id)),
  }));
  app.delete<{ Params: { id: string } }>('/api/jobs/:id', async (req, reply) => {
    const j = jobOr404(req.params.id);
    const cancelled = queue.cancel(j.id);
    reply.code(cancelled ? 202 : 200);
    return { cancelled, job: queue.view(j) };
  });
  app.get<{ Params: { id: string } }>('/api/jobs/:id/result', async (req) =>
    resultOf(jobOr404(req.params.id)),
  );
  app.get<{ Params: { id: string } }>('/api/jobs/:id/result.csv', async (req, reply) => {
    const j = jobOr404(req.params.id);
    const csv = jobCsv(j);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${j.kind}-${j.id.slice(0, 8)}.csv"`);
    return csv;
  });
  app.get<{ Params: { id: string } }>('/api/jobs/:id/sampleset.json', async (req, reply) => {
    const j = jobOr404(req.params.id);
    const doc = jobSampleSet(j);
    reply.header(
      'content-disposition',
      `attachment; filename="${j.kind}-${j.id.slice(0, 8)}.sampleset.json"`,
    );
    return doc;
  });

  app.get<{ Params: { id: string } }>('/api/jobs/:id/events', (req, reply) => {
    const job = jobOr404(req.params.id);
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
  await web.app.listen({ host, port: o.port ?? 8080 });
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
