/** `POST /api/uploads/image`: one PNG or JPEG as multipart/form-data -> 201 { id, name, format, bytes }. */

import type { FastifyPluginAsync } from 'fastify';
import { HttpError } from '../http-error.js';
import type { WebContext } from '../web-context.js';

export const uploadRoutes: FastifyPluginAsync<WebContext> = async (app, { uploads }) => {
  app.post('/api/uploads/image', async (req, reply) => {
    if (!req.isMultipart())
      throw new HttpError(415, 'send the image as multipart/form-data with one file field', {
        field: 'file',
      });
    const part = await req.file();
    if (!part) throw new HttpError(400, 'file: missing; send one PNG or JPEG file', { field: 'file' });
    const bytes = new Uint8Array(await part.toBuffer());
    const u = uploads.add(bytes, part.filename);
    reply.code(201);
    return { id: u.id, name: u.name, format: u.format, bytes: bytes.byteLength };
  });
};
