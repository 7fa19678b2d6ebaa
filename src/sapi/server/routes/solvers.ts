/** The solvers resource: `GET solvers/remote/` (the list) and `GET solvers/remote/<name>`, `filter=` honoured. */

import type { FastifyPluginAsync } from 'fastify';
import { MEDIA } from '../../client/media-types.js';
import { queryOf, type SapiContext } from '../context.js';
import { refuseOtherMethods, SapiHttpError, SOLVER_UNKNOWN } from '../sapi-errors.js';
import { applySolverFilter } from '../solver-catalog.js';

export const solverRoutes: FastifyPluginAsync<SapiContext> = async (app, ctx) => {
  app.get('/solvers/remote/', { config: { sapiMedia: MEDIA.solverList } }, async (req) => {
    const filter = queryOf(req.sapiCall).get('filter');
    return [...ctx.entries.values()].map((e) => applySolverFilter(e.description, filter));
  });
  app.get<{ Params: { '*': string } }>(
    '/solvers/remote/*',
    { config: { sapiMedia: MEDIA.solver } },
    async (req) => {
      const e = ctx.entries.get(req.params['*']);
      if (!e) throw new SapiHttpError(404, SOLVER_UNKNOWN);
      return applySolverFilter(e.description, queryOf(req.sapiCall).get('filter'));
    },
  );
  refuseOtherMethods(app, '/solvers/remote/', ['GET'], 'solvers');
  refuseOtherMethods(app, '/solvers/remote/*', ['GET'], 'solvers');
};
