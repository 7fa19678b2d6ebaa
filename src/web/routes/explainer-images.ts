/** The explainer's embedded evaluation images: `GET /api/explainer/images` (the list), `…/images/<i>.png`. */

import type { FastifyPluginAsync } from 'fastify';
import { PNG } from 'pngjs';
import { HttpError } from '../http-error.js';
import type { WebContext } from '../web-context.js';

export const explainerImageRoutes: FastifyPluginAsync<WebContext> = async (app, web) => {
  const { evalIndex, modelDir } = web.explainer;
  const missing = web.requests.explainerMissing;

  app.get('/api/explainer/images', async () => {
    if (!evalIndex)
      throw new HttpError(
        404,
        `no embedded evaluation images (${missing ?? `${modelDir} has no eval-subset.json`})`,
      );
    return {
      dataset: evalIndex.dataset,
      classNames: evalIndex.classNames,
      images: evalIndex.labels.map((label, index) => ({
        index,
        label,
        className: evalIndex.classNames[label] ?? String(label),
      })),
    };
  });

  app.get<{ Params: { file: string } }>('/api/explainer/images/:file', async (req, reply) => {
    const m = /^(\d{1,6})\.png$/.exec(req.params.file);
    if (!m) throw new HttpError(404, 'embedded images are named <index>.png');
    if (!evalIndex) throw new HttpError(404, 'no embedded evaluation images');
    const [count, h, w, c] = evalIndex.shape;
    const i = Number(m[1]);
    if (i >= count) throw new HttpError(404, `image ${i} is not in 0..${count - 1}`);
    const png = new PNG({ width: w, height: h });
    const px = h * w * c;
    for (let p = 0; p < h * w; p++) {
      for (let k = 0; k < 3; k++) png.data[4 * p + k] = evalIndex.pixels[i * px + p * c + (c === 1 ? 0 : k)]!;
      png.data[4 * p + 3] = 255;
    }
    reply.type('image/png').header('cache-control', 'public, max-age=3600');
    return PNG.sync.write(png);
  });
};
