/** `GET /api/schedules/:name`: A(s) and B(s) of a published schedule (GHz, thinned to ≈ 400 points) or linear. */

import type { FastifyPluginAsync } from 'fastify';
import { getScheduleTable, isKnownSchedule, scheduleNames } from '../../hamiltonian/schedule/catalog.js';
import { HttpError } from '../http-error.js';

export const scheduleRoutes: FastifyPluginAsync = async (app) => {
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
};
