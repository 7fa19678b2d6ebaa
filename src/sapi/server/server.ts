/**
 * A SAPI-compatible HTTP server (dwave.md §1) in front of structured samplers, so that dwave-cloud-client or
 * qaxai's own client can set DWAVE_API_ENDPOINT to it and run unchanged. Served under `<base>` (default
 * `/sapi/v2/`), on fastify:
 *   GET    solvers/remote/            solver list (`filter=` honoured)
 *   GET    solvers/remote/<name>[/]   one solver
 *   POST   problems/                  a list of problems (-> list of statuses / per-item errors) or one object
 *   GET    problems/?id=a,b&timeout=N statuses; long poll: returns when one is done or after N (1…30) s;
 *                                     also label=, status=, solver=, max_results= filters
 *   GET    problems/<id>[/]           status, with the answer when COMPLETED (timeout=N long-polls)
 *   GET    problems/<id>/info         data, params, metadata, answer
 *   GET    problems/<id>/answer       the answer
 *   GET    problems/<id>/messages     solver messages
 *   DELETE problems/<id>              cancel: 200 CANCELLED, 202 in progress, 409 finished, 404 unknown
 *   DELETE problems/                  cancel many (JSON list of ids) -> per-item results
 * Problems run one at a time per solver (`workers`), sampled on worker threads (SampleOptions.offMainThread), not
 * on the thread that answers requests. Every request needs `X-Auth-Token` (compared in constant time, checked before the body is read); bodies may
 * be deflate- or gzip-compressed and must be JSON (a body without a Content-Type is read as JSON). Responses
 * carry the versioned vendor media types in the representation the Accept header asks for: version 3 (solver
 * identities) or 2 (solver names as well, for dwave-cloud-client ≤ 0.13; ./negotiation.ts); an Accept asking for
 * a version this server does not speak gets 415. The token is never logged.
 * The API itself is ./sapi-api.ts; this file holds the options, the app around it and listening.
 */

import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { InputError } from '../../errors.js';
import type { StructuredSampler } from '../../sim/sampler.js';
import { Redactor } from '../client/errors.js';
import type { RequestRecord, SapiContext } from './context.js';
import { FaultInjector, type FaultRule } from './faults.js';
import { ProblemStore } from './problem-store.js';
import { sapiApi } from './sapi-api.js';
import { errorBody } from './sapi-errors.js';
import { type CatalogEntry, describeSolver } from './solver-catalog.js';

export interface SapiServerOptions {
  /** Solvers by name. */
  solvers: ReadonlyMap<string, StructuredSampler> | Record<string, StructuredSampler>;
  /** Accepted API token(s). */
  token: string | readonly string[];
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** URL path of the SAPI base (default "/sapi/v2/"). */
  basePath?: string;
  faults?: readonly FaultRule[];
  workers?: number;
  maxProblems?: number;
  /** Largest request body, bytes (default 64 MiB, before and after decompression). */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface SapiServer {
  /** The SAPI endpoint to give clients (http://host:port/sapi/v2/). */
  readonly endpoint: string;
  readonly port: number;
  readonly store: ProblemStore;
  readonly faults: FaultInjector;
  readonly solvers: ReadonlyMap<string, CatalogEntry>;
  /** Requests received: method, path after the base, query string (tests count POSTs and ids with it). */
  readonly requests: RequestRecord[];
  /**
   * Stops listening and stops the problems: those in progress are cancelled, pending ones never run (both end
   * CANCELLED); says which.
   */
  close(): Promise<ShutdownReport>;
}

/** What closing the server did to the problems it had not finished. */
export interface ShutdownReport {
  /** Problems that were running, cancelled. */
  cancelled: string[];
  /** Problems still pending, never run. */
  notRun: string[];
}

/** The fastify app: the SAPI API at its base path, SAPI-shaped answers to paths outside it and bad URLs. */
async function buildSapiApp(ctx: SapiContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.maxBodyBytes,
    exposeHeadRoutes: false,
    // long polls hold connections; closing the server must not wait for them
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    frameworkErrors: (err, req, reply) => {
      // a path with malformed percent-encoding (/problems/%ZZ), too long a parameter: bad requests, not bugs
      const status = err.code === 'FST_ERR_BAD_URL' ? 400 : (err.statusCode ?? 400);
      const message =
        err.code === 'FST_ERR_BAD_URL'
          ? 'the request path is not valid percent-encoding'
          : err.message.replace(/'[^']*'/, 'the request path');
      ctx.log(`${req.method} ${req.url.slice(0, 200)} -> ${status}`);
      (reply as FastifyReply).code(status).type('application/json').send(errorBody(status, message));
    },
  });
  const prefix = ctx.base.replace(/\/$/, '');
  if (prefix !== '')
    app.setNotFoundHandler((_req, reply) => {
      reply
        .code(404)
        .type('application/json')
        .send(errorBody(404, `not a SAPI path; the API is under ${ctx.base}`));
    });
  await app.register(sapiApi, { sapi: ctx, prefix });
  return app;
}

export async function startSapiServer(o: SapiServerOptions): Promise<SapiServer> {
  const tokens = (typeof o.token === 'string' ? [o.token] : [...o.token]).filter((t) => t.length > 0);
  if (tokens.length === 0)
    throw new InputError('the SAPI server needs a token (--token or --token-file)', { field: '--token' });
  const redactor = new Redactor(tokens);
  const log = (line: string) => o.log?.(redactor.redact(line));
  const entries = new Map<string, CatalogEntry>();
  const list = o.solvers instanceof Map ? [...o.solvers] : Object.entries(o.solvers);
  for (const [name, sampler] of list) entries.set(name, describeSolver(name, sampler));
  const ctx: SapiContext = {
    base: `/${(o.basePath ?? '/sapi/v2/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/'),
    entries,
    store: new ProblemStore({ workers: o.workers ?? 1, maxProblems: o.maxProblems ?? 10_000, log }),
    faults: new FaultInjector(o.faults ?? []),
    requests: [],
    tokens,
    maxBodyBytes: o.maxBodyBytes ?? 64 * 1024 * 1024,
    log,
  };
  const app = await buildSapiApp(ctx);
  try {
    await app.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' });
  } catch (e) {
    ctx.store.close();
    await app.close();
    throw e;
  }
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('the SAPI server is not on a TCP port');
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    endpoint: `http://${host}:${addr.port}${ctx.base}`,
    port: addr.port,
    store: ctx.store,
    faults: ctx.faults,
    solvers: entries,
    requests: ctx.requests,
    close: async () => {
      const report = ctx.store.close();
      await app.close();
      return report;
    },
  };
}
