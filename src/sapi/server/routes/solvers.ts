/**
 * The solvers resource: `GET solvers/remote/` (the list) and `GET solvers/remote/<name>` (with or without a
 * trailing slash: dwave-cloud-client ≤ 0.12 asks for `solvers/remote/<name>/`), `filter=` honoured, each
 * description in the representation generation the request asked for (../negotiation.ts).
 */

import type { FastifyPluginAsync } from 'fastify';
import { MEDIA } from '../../client/media-types.js';
import { generationOf, queryOf, type SapiContext } from '../context.js';
import { refuseOtherMethods, SapiHttpError, SOLVER_UNKNOWN } from '../sapi-errors.js';
import { applySolverFilter, solverDocument } from '../solver-catalog.js';

export const solverRoutes: FastifyPluginAsync<SapiContext> = async (app, ctx) => {
  app.get('/solvers/remote/', { config: { sapiMedia: MEDIA.solverList } }, async (req) => {
    const filter = queryOf(req.sapiCall).get('filter');
    const g = generationOf(req.sapiCall);
    return [...ctx.entries.values()].map((e) => applySolverFilter(solverDocument(e, g), filter));
  });
  app.get<{ Params: { '*': string } }>(
    '/solvers/remote/*',
    { config: { sapiMedia: MEDIA.solver } },
    async (req) => {
      const e = ctx.entries.get(req.params['*'].replace(/\/+$/, ''));
      if (!e) throw new SapiHttpError(404, SOLVER_UNKNOWN);
      const filter = queryOf(req.sapiCall).get('filter');
      return applySolverFilter(solverDocument(e, generationOf(req.sapiCall)), filter);
    },
  );
  refuseOtherMethods(app, '/solvers/remote/', ['GET'], 'solvers');
  refuseOtherMethods(app, '/solvers/remote/*', ['GET'], 'solvers');
};
