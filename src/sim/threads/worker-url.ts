/**
 * Worker scripts must be compiled JavaScript. When qaxai runs from its TypeScript sources (vitest), a
 * worker module next to the caller is src/**\/x.ts; this maps it to the compiled dist/**\/x.js, which
 * `npm run build` (also run by `npm test`) produces.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WorkError } from '../../errors.js';

/**
 * URL of the compiled worker script `relative` (e.g. './exact-worker.js') next to the module `fromUrl`
 * (pass `import.meta.url`).
 */
export function workerScriptUrl(relative: string, fromUrl: string): URL {
  const url = new URL(relative, fromUrl);
  const path = fileURLToPath(url);
  if (existsSync(path)) return url;
  const m = /^(.*)[\\/]src[\\/](.*)\.(?:js|ts)$/.exec(path);
  if (m) {
    const dist = `${m[1]}/dist/${m[2]}.js`;
    if (existsSync(dist)) return pathToFileURL(dist);
    throw new WorkError(
      `worker script ${dist} is missing: run \`npm run build\` first (qaxai is running from its sources)`,
    );
  }
  throw new WorkError(`worker script ${path} is missing; reinstall qaxai`);
}
