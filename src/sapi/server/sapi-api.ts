/**
 * The SAPI API as one fastify plugin, mounted at the base path: shared hooks in the order a request meets
 * them — record the request and draw a fault (./fault-hooks.ts), check the token from the headers
 * (./auth.ts), negotiate the representation (./negotiation.ts), refuse unknown Content-Encodings, then
 * decompress and parse the body (./body-decoding.ts) — SAPI's error shape for every failure
 * (./sapi-errors.ts), and one plugin per resource (./routes/).
 */

import type { FastifyPluginAsync } from 'fastify';
import { addTokenCheck } from './auth.js';
import { addBodyDecoding } from './body-decoding.js';
import type { SapiContext } from './context.js';
import { addFaultHooks } from './fault-hooks.js';
import { addContentNegotiation } from './negotiation.js';
import { problemRoutes } from './routes/problem.js';
import { problemsRoutes } from './routes/problems.js';
import { solverRoutes } from './routes/solvers.js';
import { SapiHttpError, setSapiErrorHandler } from './sapi-errors.js';

/** The query string for the log, with any token in it masked. */
function loggedQuery(search: string): string {
  return search.replace(/([?&])(token|api_token)=[^&]*/g, '$1$2=***');
}

/** Register with `{ sapi: context, prefix: base }`. */
export const sapiApi: FastifyPluginAsync<{ sapi: SapiContext }> = async (api, { sapi: ctx }) => {
  api.decorateRequest('sapiCall', null);
  api.addHook('onRequest', async (req) => {
    const url = new URL(req.url, 'http://localhost');
    const rel = url.pathname.slice(ctx.base.length);
    const method = req.method.toUpperCase();
    ctx.requests.push({ method, path: rel, query: url.search });
    req.sapiCall = { rel, search: url.search, fault: ctx.faults.take(method, rel), generation: 3 };
  });
  addFaultHooks(api, ctx.log);
  addTokenCheck(api, ctx.tokens);
  addContentNegotiation(api);
  addBodyDecoding(api, ctx.maxBodyBytes);
  api.addHook('onSend', async (req, reply, payload) => {
    const call = req.sapiCall;
    if (call && call.fault?.kind !== 'status')
      ctx.log(`${req.method} ${call.rel}${loggedQuery(call.search)} -> ${reply.statusCode}`);
    return payload;
  });
  setSapiErrorHandler(api, ctx.maxBodyBytes, ctx.log);
  api.setNotFoundHandler(async (req) => {
    throw new SapiHttpError(404, `no such resource: ${req.sapiCall?.rel ?? req.url}`);
  });

  await api.register(solverRoutes, ctx);
  await api.register(problemsRoutes, ctx);
  await api.register(problemRoutes, ctx);
};
