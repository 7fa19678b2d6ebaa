/** `GET /api/info`: samplers with their parameters, schedules, generators, limits, the queue, the explainer. */

import type { FastifyPluginAsync } from 'fastify';
import { listSchedules } from '../../hamiltonian/schedule/catalog.js';
import { LIMITS } from '../job-requests.js';
import { GENERATE_MAX_N, GENERATORS } from '../problems.js';
import { webSamplers } from '../samplers.js';
import type { WebContext } from '../web-context.js';

export const infoRoutes: FastifyPluginAsync<WebContext> = async (app, web) => {
  const { queue, explainer, requests: ctx } = web;
  const { modelOk, modelDir, evalIndex, meta } = explainer;

  /** Every registered sampler with its parameters, from the registry's data (builds none). */
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
      bodyBytes: web.limits.bodyBytes,
      uploadBytes: web.limits.uploadBytes,
      workers: web.limits.workers,
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
};
