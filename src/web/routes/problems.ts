/**
 * The lab's problems: `POST /api/problems` (multipart file or JSON { document | text, name? }, any model
 * format; a file may also be dimod's binary BQM file) and `POST /api/problems/generate` ({ kind, n, seed }) -> 201 summary; `GET /api/problems/:id` the
 * summary, `…/dimod.json` the model as a dimod BQM download.
 */

import type { FastifyPluginAsync } from 'fastify';
import { bqmToDimodJson } from '../../hamiltonian/io/dimod-bqm.js';
import { HttpError } from '../http-error.js';
import { problemSummary, type StoredProblem } from '../problems.js';
import type { WebContext } from '../web-context.js';

export const problemRoutes: FastifyPluginAsync<WebContext> = async (app, { problems }) => {
  app.post('/api/problems', async (req, reply) => {
    let stored: StoredProblem;
    if (req.isMultipart()) {
      const part = await req.file();
      if (!part) throw new HttpError(400, 'file: missing; send one model JSON file', { field: 'file' });
      stored = problems.addBytes(
        await part.toBuffer(),
        part.filename.replace(/[^\w.\- ]+/g, '_').slice(0, 100) || 'upload',
      );
    } else {
      const body = req.body as { document?: unknown; text?: unknown; name?: unknown } | undefined;
      if (!body || typeof body !== 'object')
        throw new HttpError(400, 'body: expected { document } or { text }', { field: 'body' });
      const name = typeof body.name === 'string' ? body.name.slice(0, 100) : 'uploaded problem';
      if (typeof body.text === 'string') stored = problems.addText(body.text, name);
      else if (body.document !== undefined) stored = problems.addValue(body.document, name);
      else
        throw new HttpError(
          400,
          'document: missing; give the model as { "document": {...} } or { "text": "..." }',
          { field: 'document' },
        );
    }
    reply.code(201);
    return problemSummary(stored);
  });

  app.post('/api/problems/generate', async (req, reply) => {
    const stored = problems.generate(req.body);
    reply.code(201);
    return problemSummary(stored);
  });

  app.get<{ Params: { id: string } }>('/api/problems/:id', async (req) =>
    problemSummary(problems.get(req.params.id)),
  );

  app.get<{ Params: { id: string } }>('/api/problems/:id/dimod.json', async (req, reply) => {
    const p = problems.get(req.params.id);
    reply.header('content-disposition', 'attachment; filename="problem.dimod.json"');
    return bqmToDimodJson(p.bqm, { name: p.name });
  });
};
