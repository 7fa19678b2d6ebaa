/**
 * The problems collection: `POST problems/` submits (./submission.ts); `GET problems/?id=a,b&timeout=N` gives
 * statuses, long-polling until one is done or N s pass (also `label=`, `status=`, `solver=`, `max_results=`
 * filters); `DELETE problems/` with a JSON list of ids cancels each.
 */

import type { FastifyPluginAsync } from 'fastify';
import { MEDIA } from '../../client/media-types.js';
import { PROBLEM_STATUSES, type ProblemStatusName } from '../../client/models.js';
import { jsonBody } from '../body-decoding.js';
import { generationOf, queryOf, type SapiContext } from '../context.js';
import { cancelOne, closedSignal, readTimeout } from '../problem-access.js';
import { refuseOtherMethods, SapiHttpError } from '../sapi-errors.js';
import { submitProblems } from '../submission.js';

export const problemsRoutes: FastifyPluginAsync<SapiContext> = async (app, ctx) => {
  const { store } = ctx;
  const config = { sapiMedia: MEDIA.problems };

  app.post('/problems/', { config }, async (req) =>
    submitProblems(ctx, jsonBody(req), generationOf(req.sapiCall)),
  );

  app.get('/problems/', { config }, async (req, reply) => {
    const q = queryOf(req.sapiCall);
    const g = generationOf(req.sapiCall);
    const idParam = q.get('id');
    const timeout = readTimeout(q.get('timeout'));
    if (idParam !== null) {
      const ids = idParam
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (ids.length > 1000) throw new SapiHttpError(400, `at most 1000 ids per request, got ${ids.length}`);
      const known = ids.filter((pid) => store.get(pid));
      await store.waitAny(known, (timeout ?? 1) * 1000, closedSignal(reply));
      return known.map((pid) => store.statusOf(store.get(pid)!, false, g));
    }
    const label = q.get('label');
    const status = q.get('status');
    if (status !== null && !PROBLEM_STATUSES.includes(status as ProblemStatusName))
      throw new SapiHttpError(400, `status=${status}: must be one of ${PROBLEM_STATUSES.join(', ')}`);
    const solver = q.get('solver');
    const max = q.get('max_results') === null ? 1000 : Number(q.get('max_results'));
    if (!Number.isInteger(max) || max < 1)
      throw new SapiHttpError(400, 'max_results must be a positive whole number');
    return store
      .all()
      .reverse()
      .filter((p) => label === null || (p.label ?? '').includes(label))
      .filter((p) => status === null || p.status === status)
      .filter((p) => solver === null || p.entry.name === solver)
      .slice(0, max)
      .map((p) => store.statusOf(p, false, g));
  });

  app.delete('/problems/', { config }, async (req) => {
    const body = jsonBody(req);
    if (!Array.isArray(body) || body.some((x) => typeof x !== 'string'))
      throw new SapiHttpError(400, 'DELETE problems/ takes a JSON list of problem ids');
    return (body as string[]).map((pid) => cancelOne(store, pid, generationOf(req.sapiCall)).body);
  });

  refuseOtherMethods(app, '/problems/', ['GET', 'POST', 'DELETE'], 'problems/');
};
