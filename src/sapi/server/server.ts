/**
 * A SAPI-compatible HTTP server (dwave.md §1) in front of structured samplers, so that dwave-cloud-client or
 * qaxai's own client can set DWAVE_API_ENDPOINT to it and run unchanged. Served under `<base>` (default
 * `/sapi/v2/`):
 *   GET    solvers/remote/            solver list (v3 descriptions; `filter=` honoured)
 *   GET    solvers/remote/<name>      one solver
 *   POST   problems/                  a list of problems (-> list of statuses / per-item errors) or one object
 *   GET    problems/?id=a,b&timeout=N statuses; long poll: returns when one is done or after N (1…30) s;
 *                                     also label=, status=, solver=, max_results= filters
 *   GET    problems/<id>[/]           status, with the answer when COMPLETED (timeout=N long-polls)
 *   GET    problems/<id>/info         data, params, metadata, answer
 *   GET    problems/<id>/answer       the answer
 *   GET    problems/<id>/messages     solver messages
 *   DELETE problems/<id>              cancel: 200 CANCELLED, 202 in progress, 409 finished, 404 unknown
 *   DELETE problems/                  cancel many (JSON list of ids) -> per-item results
 * Every request needs `X-Auth-Token` (compared in constant time); bodies may be deflate- or gzip-compressed
 * and must be JSON; an Accept asking for a representation version this server does not speak gets 415.
 * Responses carry the versioned vendor media types. The token is never logged.
 */

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { InputError, QaError } from '../../errors.js';
import { solverRules } from '../../sim/qpu/rules/index.js';
import { resolveParameters, type StructuredSampler } from '../../sim/sampler.js';
import { Redactor } from '../client/errors.js';
import {
  ACCEPTED_VERSION,
  contentTypeHeader,
  MEDIA,
  type MediaType,
  parseAccept,
  versionAccepted,
} from '../client/media-types.js';
import { PROBLEM_STATUSES, type ProblemStatusName } from '../client/models.js';
import { decodeQpProblem, qpProblemToBqm } from '../client/qp-coders.js';
import { FaultInjector, type FaultRule } from './faults.js';
import { ProblemStore, type StoredProblem } from './problem-store.js';
import { applySolverFilter, type CatalogEntry, describeSampler } from './solver-catalog.js';

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
  /** Largest request body, bytes (default 64 MiB, after decompression). */
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
  readonly requests: Array<{ method: string; path: string; query: string }>;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  media: MediaType | 'error';
  body: unknown;
  headers?: Record<string, string>;
}

const SOLVER_UNKNOWN = 'Solver does not exist or apitoken does not have access';

export async function startSapiServer(o: SapiServerOptions): Promise<SapiServer> {
  const tokens = (typeof o.token === 'string' ? [o.token] : [...o.token]).filter((t) => t.length > 0);
  if (tokens.length === 0)
    throw new InputError('the SAPI server needs a token (--token or --token-file)', { field: '--token' });
  const redactor = new Redactor(tokens);
  const log = (line: string) => o.log?.(redactor.redact(line));
  const base = `/${(o.basePath ?? '/sapi/v2/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const entries = new Map<string, CatalogEntry>();
  const list = o.solvers instanceof Map ? [...o.solvers] : Object.entries(o.solvers);
  for (const [name, sampler] of list) entries.set(name, describeSampler(name, sampler));
  const store = new ProblemStore({ workers: o.workers ?? 1, maxProblems: o.maxProblems ?? 10_000, log });
  const faults = new FaultInjector(o.faults ?? []);
  const requests: Array<{ method: string; path: string; query: string }> = [];
  const maxBody = o.maxBodyBytes ?? 64 * 1024 * 1024;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      log(`internal error: ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent)
        send(res, { status: 500, media: 'error', body: errorBody(500, 'internal server error') });
      else res.destroy();
    });
  });

  function tokenOk(given: string | string[] | undefined): boolean {
    if (typeof given !== 'string') return false;
    const g = Buffer.from(given);
    let ok = false;
    for (const t of tokens) {
      const b = Buffer.from(t);
      if (b.length === g.length && timingSafeEqual(b, g)) ok = true;
    }
    return ok;
  }

  function checkAccept(req: IncomingMessage, media: MediaType): void {
    const ranges = parseAccept(req.headers.accept);
    if (ranges.length === 0) return;
    const ours = ranges.filter((r) => r.type === media);
    if (ours.length > 0) {
      if (
        ours.some(
          (r) => r.params.version === undefined || versionAccepted(r.params.version, ACCEPTED_VERSION[media]),
        )
      )
        return;
      throw new HttpError(
        415,
        `${media} version ${ours[0]!.params.version} is not supported; this server speaks version 3.0.0`,
      );
    }
    if (ranges.some((r) => r.type === '*/*' || r.type === 'application/*' || r.type === 'application/json'))
      return;
    throw new HttpError(
      415,
      `cannot respond with ${ranges.map((r) => r.type).join(', ')}; this resource is ${media}`,
    );
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > maxBody) throw new HttpError(413, `request body larger than ${maxBody} bytes`);
      chunks.push(c as Buffer);
    }
    let buf: Buffer = Buffer.concat(chunks);
    const enc = String(req.headers['content-encoding'] ?? 'identity')
      .toLowerCase()
      .trim();
    try {
      if (enc === 'deflate') {
        try {
          buf = inflateSync(buf, { maxOutputLength: maxBody });
        } catch {
          buf = inflateRawSync(buf, { maxOutputLength: maxBody });
        }
      } else if (enc === 'gzip') buf = gunzipSync(buf, { maxOutputLength: maxBody });
      else if (enc !== 'identity' && enc !== '')
        throw new HttpError(415, `Content-Encoding ${enc} is not supported; use deflate, gzip or none`);
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, `the ${enc} body could not be decompressed: ${(e as Error).message}`);
    }
    const ct = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (ct !== 'application/json' && !/^application\/[\w.+-]*\+json$/.test(ct))
      throw new HttpError(415, `Content-Type ${ct || '(none)'} is not supported; send application/json`);
    try {
      return JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw new HttpError(400, `the body is not valid JSON: ${(e as Error).message}`);
    }
  }

  function send(res: ServerResponse, r: Reply, truncate = false): void {
    let text = JSON.stringify(r.body);
    if (truncate) text = text.slice(0, Math.floor(text.length / 2));
    const headers: Record<string, string> = {
      'Content-Type': r.media === 'error' ? 'application/json' : contentTypeHeader(r.media),
      'Content-Length': String(Buffer.byteLength(text)),
      ...(r.headers ?? {}),
    };
    res.writeHead(r.status, headers);
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith(base) && `${url.pathname}/` !== base) {
      send(res, {
        status: 404,
        media: 'error',
        body: errorBody(404, `not a SAPI path; the API is under ${base}`),
      });
      return;
    }
    const rel = url.pathname.slice(base.length);
    requests.push({ method, path: rel, query: url.search });
    const fault = faults.take(method, rel);
    if (fault) log(`fault ${fault.kind} on ${method} ${rel}`);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> =
        fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      req.resume();
      send(res, {
        status: fault.status!,
        media: 'error',
        body: errorBody(fault.status!, 'injected fault'),
        headers,
      });
      return;
    }
    let reply: Reply;
    try {
      const body =
        method === 'POST' || (method === 'DELETE' && rel === 'problems/') ? await readBody(req) : undefined;
      if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 0));
      if (!tokenOk(req.headers['x-auth-token'])) throw new HttpError(401, 'Invalid token or access denied.');
      const closed = new AbortController();
      res.on('close', () => closed.abort());
      reply = await route(method, rel, url.searchParams, body, req, closed.signal);
    } catch (e) {
      if (e instanceof HttpError)
        reply = {
          status: e.status,
          media: 'error',
          body: errorBody(e.status, e.message),
          headers: e.headers,
        };
      else if (e instanceof QaError && e.exitCode === 2)
        reply = { status: 400, media: 'error', body: errorBody(400, e.message) };
      else throw e;
    }
    log(
      `${method} ${rel}${url.search ? url.search.replace(/([?&])(token|api_token)=[^&]*/g, '$1$2=***') : ''} -> ${reply.status}`,
    );
    if (fault?.kind === 'drop_after') {
      const text = JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        'Content-Type': reply.media === 'error' ? 'application/json' : contentTypeHeader(reply.media),
        'Content-Length': String(Buffer.byteLength(text)),
      });
      res.write(text.slice(0, Math.floor(text.length / 3)));
      setImmediate(() => req.socket.destroy());
      return;
    }
    if (res.destroyed) return;
    send(res, reply, fault?.kind === 'truncate');
  }

  async function route(
    method: string,
    rel: string,
    q: URLSearchParams,
    body: unknown,
    req: IncomingMessage,
    closed: AbortSignal,
  ): Promise<Reply> {
    const parts = rel.split('/');
    if (parts[0] === 'solvers' && parts[1] === 'remote') {
      if (method !== 'GET') throw new HttpError(405, `${method} is not allowed on solvers`);
      const name = parts.slice(2).join('/');
      if (name === '') {
        checkAccept(req, MEDIA.solverList);
        return {
          status: 200,
          media: MEDIA.solverList,
          body: [...entries.values()].map((e) => applySolverFilter(e.description, q.get('filter'))),
        };
      }
      checkAccept(req, MEDIA.solver);
      const e = entries.get(decodeURIComponent(name));
      if (!e) throw new HttpError(404, SOLVER_UNKNOWN);
      return { status: 200, media: MEDIA.solver, body: applySolverFilter(e.description, q.get('filter')) };
    }
    if (parts[0] !== 'problems') throw new HttpError(404, `no such resource: ${rel}`);
    const id = parts[1] ?? '';
    const sub = parts.slice(2).filter((s) => s !== '');
    if (id === '') {
      if (method === 'POST') {
        checkAccept(req, MEDIA.problems);
        return submit(body);
      }
      if (method === 'GET') {
        checkAccept(req, MEDIA.problems);
        return listProblems(q, closed);
      }
      if (method === 'DELETE') {
        checkAccept(req, MEDIA.problems);
        if (!Array.isArray(body) || body.some((x) => typeof x !== 'string'))
          throw new HttpError(400, 'DELETE problems/ takes a JSON list of problem ids');
        return {
          status: 200,
          media: MEDIA.problems,
          body: (body as string[]).map((pid) => cancelOne(pid).body),
        };
      }
      throw new HttpError(405, `${method} is not allowed on problems/`);
    }
    const decodedId = decodeURIComponent(id);
    if (sub.length === 0) {
      if (method === 'DELETE') {
        checkAccept(req, MEDIA.problem);
        const r = cancelOne(decodedId);
        return { status: r.status, media: r.status === 200 ? MEDIA.problem : 'error', body: r.body };
      }
      if (method !== 'GET') throw new HttpError(405, `${method} is not allowed on problems/<id>`);
      checkAccept(req, MEDIA.problem);
      const p = need(decodedId);
      const timeout = readTimeout(q.get('timeout'));
      if (timeout !== undefined) await store.waitAny([p.id], timeout * 1000, closed);
      return { status: 200, media: MEDIA.problem, body: store.statusOf(p, true) };
    }
    if (method !== 'GET')
      throw new HttpError(405, `${method} is not allowed on problems/<id>/${sub.join('/')}`);
    const p = need(decodedId);
    if (sub[0] === 'info' && sub.length === 1) {
      checkAccept(req, MEDIA.problemData);
      return { status: 200, media: MEDIA.problemData, body: infoOf(p) };
    }
    if (sub[0] === 'answer' && sub.length === 1) {
      checkAccept(req, MEDIA.problemAnswer);
      if (p.status !== 'COMPLETED' || !p.answer)
        throw new HttpError(404, `problem ${p.id} has no answer (status ${p.status})`);
      return { status: 200, media: MEDIA.problemAnswer, body: { answer: p.answer } };
    }
    if (sub[0] === 'messages' && sub.length === 1) {
      checkAccept(req, MEDIA.problemMessage);
      return { status: 200, media: MEDIA.problemMessage, body: p.messages };
    }
    throw new HttpError(404, `no such resource: ${rel}`);
  }

  function need(id: string): StoredProblem {
    const p = store.get(id);
    if (!p) throw new HttpError(404, `Problem does not exist or apitoken does not have access: ${id}`);
    return p;
  }

  function readTimeout(v: string | null): number | undefined {
    if (v === null) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 30)
      throw new HttpError(400, `timeout=${v}: must be a whole number of seconds from 1 to 30`);
    return n;
  }

  async function listProblems(q: URLSearchParams, closed: AbortSignal): Promise<Reply> {
    const idParam = q.get('id');
    const timeout = readTimeout(q.get('timeout'));
    if (idParam !== null) {
      const ids = idParam
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (ids.length > 1000) throw new HttpError(400, `at most 1000 ids per request, got ${ids.length}`);
      const known = ids.filter((pid) => store.get(pid));
      await store.waitAny(known, (timeout ?? 1) * 1000, closed);
      return {
        status: 200,
        media: MEDIA.problems,
        body: known.map((pid) => store.statusOf(store.get(pid)!, false)),
      };
    }
    const label = q.get('label');
    const status = q.get('status');
    if (status !== null && !PROBLEM_STATUSES.includes(status as ProblemStatusName))
      throw new HttpError(400, `status=${status}: must be one of ${PROBLEM_STATUSES.join(', ')}`);
    const solver = q.get('solver');
    const max = q.get('max_results') === null ? 1000 : Number(q.get('max_results'));
    if (!Number.isInteger(max) || max < 1)
      throw new HttpError(400, 'max_results must be a positive whole number');
    const found = store
      .all()
      .reverse()
      .filter((p) => label === null || (p.label ?? '').includes(label))
      .filter((p) => status === null || p.status === status)
      .filter((p) => solver === null || p.entry.name === solver)
      .slice(0, max);
    return { status: 200, media: MEDIA.problems, body: found.map((p) => store.statusOf(p, false)) };
  }

  function cancelOne(id: string): { status: number; body: unknown } {
    const outcome = store.cancel(id);
    if (outcome === undefined) return { status: 404, body: errorBody(404, `Problem does not exist: ${id}`) };
    if (outcome === 'cancelled') return { status: 200, body: store.statusOf(store.get(id)!, false) };
    if (outcome === 'cancelling')
      return { status: 202, body: errorBody(202, 'Attempting to cancel problem in progress.') };
    return { status: 409, body: errorBody(409, 'Problem has been finished.') };
  }

  function infoOf(p: StoredProblem): unknown {
    return {
      id: p.id,
      data: p.data,
      params: p.params,
      metadata: {
        solver: p.entry.description.identity,
        type: p.type,
        label: p.label,
        status: p.status,
        submitted_by: 'qaxai-sapi-server',
        submitted_on: p.submittedOn,
        solved_on: p.solvedOn,
        messages: p.messages,
      },
      ...(p.answer ? { answer: p.answer } : {}),
    };
  }

  function submitItem(
    item: unknown,
  ): { ok: true; status: unknown } | { ok: false; code: number; msg: string } {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        return { ok: false, code: 400, msg: 'each problem must be a JSON object' };
      const it = item as Record<string, unknown>;
      const solverField = it.solver;
      const name =
        typeof solverField === 'string' ? solverField : (solverField as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string')
        return { ok: false, code: 400, msg: 'solver: missing (an identity {"name": …})' };
      const entry = entries.get(name);
      if (!entry) return { ok: false, code: 400, msg: SOLVER_UNKNOWN };
      const wantGraph = (solverField as { version?: { graph_id?: unknown } }).version?.graph_id;
      const haveGraph = entry.description.identity.version?.graph_id;
      if (typeof wantGraph === 'string' && wantGraph !== haveGraph)
        return {
          ok: false,
          code: 400,
          msg: `solver ${name} graph_id ${wantGraph} is not current (${haveGraph})`,
        };
      const type = it.type;
      if (type !== 'ising' && type !== 'qubo')
        return {
          ok: false,
          code: 400,
          msg: `Problem type (${String(type)}) is not supported by the solver.`,
        };
      const decoded = decodeQpProblem(entry.encoding, it.data);
      const params = it.params ?? {};
      if (typeof params !== 'object' || params === null || Array.isArray(params))
        return { ok: false, code: 400, msg: 'params: expected a JSON object' };
      const p = params as Record<string, unknown>;
      const bqm = qpProblemToBqm(decoded, type, false);
      solverRules(entry.description.properties, { solver: name }).check(bqm, p);
      const declared = Object.fromEntries(Object.entries(p).filter(([k]) => k in entry.sampler.parameters));
      resolveParameters(entry.sampler.name, entry.sampler.parameters, declared);
      const label = it.label;
      if (label !== undefined && label !== null && typeof label !== 'string')
        return { ok: false, code: 400, msg: 'label: expected a string' };
      const stored = store.add({
        entry,
        type,
        data: it.data as StoredProblem['data'],
        params: p,
        label: (label as string | null | undefined) ?? null,
        bqm,
      });
      log(`problem ${stored.id} accepted for ${name}`);
      return { ok: true, status: store.statusOf(stored, false) };
    } catch (e) {
      if (e instanceof QaError && e.exitCode === 2) return { ok: false, code: 400, msg: e.message };
      throw e;
    }
  }

  function submit(body: unknown): Reply {
    if (Array.isArray(body)) {
      if (body.length === 0) throw new HttpError(400, 'an empty list of problems');
      const out = body.map((item) => {
        const r = submitItem(item);
        return r.ok ? r.status : errorBody(r.code, r.msg);
      });
      return { status: 200, media: MEDIA.problems, body: out };
    }
    const r = submitItem(body);
    if (!r.ok) throw new HttpError(r.code, r.msg);
    return { status: 200, media: MEDIA.problems, body: r.status };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const endpoint = `http://${host}:${addr.port}${base}`;
  return {
    endpoint,
    port: addr.port,
    store,
    faults,
    solvers: entries,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        store.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function errorBody(code: number, msg: string): { error_code: number; error_msg: string } {
  return { error_code: code, error_msg: msg };
}
