/**
 * One problem and its parts: `GET problems/<id>[/]` (status, with the answer once COMPLETED; `timeout=N`
 * long-polls), `DELETE problems/<id>` (cancel: 200 CANCELLED, 202 in progress, 409 finished, 404 unknown),
 * `GET problems/<id>/info` (data, params, metadata, answer), `…/answer` and `…/messages`.
 */

import type { FastifyPluginAsync } from 'fastify';
import { MEDIA } from '../../client/media-types.js';
import { generationOf, queryOf, type SapiContext } from '../context.js';
import type { SapiGeneration } from '../negotiation.js';
import { cancelOne, closedSignal, needProblem, readTimeout } from '../problem-access.js';
import type { StoredProblem } from '../problem-store.js';
import { refuseOtherMethods, SapiHttpError } from '../sapi-errors.js';
import { problemSolverField } from '../solver-catalog.js';

type WithId = { Params: { id: string } };

function infoOf(p: StoredProblem, g: SapiGeneration): unknown {
  return {
    id: p.id,
    data: p.data,
    params: p.params,
    metadata: {
      solver: problemSolverField(p.entry, g),
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

export const problemRoutes: FastifyPluginAsync<SapiContext> = async (app, ctx) => {
  const { store } = ctx;

  app.get<WithId>('/problems/:id', { config: { sapiMedia: MEDIA.problem } }, async (req, reply) => {
    const p = needProblem(store, req.params.id);
    const timeout = readTimeout(queryOf(req.sapiCall).get('timeout'));
    if (timeout !== undefined) await store.waitAny([p.id], timeout * 1000, closedSignal(reply));
    return store.statusOf(p, true, generationOf(req.sapiCall));
  });

  app.delete<WithId>('/problems/:id', { config: { sapiMedia: MEDIA.problem } }, async (req, reply) => {
    const r = cancelOne(store, req.params.id, generationOf(req.sapiCall));
    reply.code(r.status);
    if (r.status !== 200) reply.type('application/json');
    return r.body;
  });
  refuseOtherMethods(app, '/problems/:id', ['GET', 'DELETE'], 'problems/<id>');

  app.get<WithId>('/problems/:id/info', { config: { sapiMedia: MEDIA.problemData } }, async (req) =>
    infoOf(needProblem(store, req.params.id), generationOf(req.sapiCall)),
  );

  app.get<WithId>('/problems/:id/answer', { config: { sapiMedia: MEDIA.problemAnswer } }, async (req) => {
    const p = needProblem(store, req.params.id);
    if (p.status !== 'COMPLETED' || !p.answer)
      throw new SapiHttpError(404, `problem ${p.id} has no answer (status ${p.status})`);
    return { answer: p.answer };
  });

  app.get<WithId>(
    '/problems/:id/messages',
    { config: { sapiMedia: MEDIA.problemMessage } },
    async (req) => needProblem(store, req.params.id).messages,
  );

  for (const part of ['info', 'answer', 'messages'])
    refuseOtherMethods(app, `/problems/:id/${part}`, ['GET'], `problems/<id>/${part}`);
};
