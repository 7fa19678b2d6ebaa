/** `GET /api/info`: samplers with their parameters, schedules, generators, limits, the queue, the explainer. */

import type { FastifyPluginAsync } from 'fastify';
import { samplerEntries } from '../../cli/samplers.js';
import { listSchedules } from '../../hamiltonian/schedule/catalog.js';
import { errorRecord } from '../http-error.js';
import { LIMITS } from '../job-requests.js';
import { GENERATE_MAX_N, GENERATORS } from '../problems.js';
import type { WebContext } from '../web-context.js';

export const infoRoutes: FastifyPluginAsync<WebContext> = async (app, web) => {
  const { queue, explainer, requests: ctx } = web;
  const { modelOk, modelDir, evalIndex, meta } = explainer;

  let samplers: Promise<Record<string, unknown>[]> | undefined;
  /** Every registered sampler with its parameters; one that cannot be built here (leap without a token) says why. */
  const samplerList = () =>
    (samplers ??= Promise.all(
      samplerEntries.map(async (e) => {
        try {
          const s = await e.create({});
          const parameters = s.parameters;
          await s.close?.();
          return { name: e.name, summary: e.summary, available: true, parameters };
        } catch (err) {
          return {
            name: e.name,
            summary: e.summary,
            available: false,
            reason: errorRecord(err).message,
            parameters: {},
          };
        }
      }),
    ));
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
