/**
 * The explainer model for the web tests: the committed default model when it is there, else a small seeded,
 * untrained CNN of the default architecture (src/xai/cnn.ts, 8 maps) with a synthetic evaluation subset, written
 * to a temp folder, so the web tests exercise the whole pipeline either way (QAXAI_WEB_TEST_FIXTURE_MODEL=1 forces
 * the fixture).
 */

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultExplainerModelDir } from '../../src/web/server.js';
import { buildCnn } from '../../src/xai/cnn.js';
import { evalSubsetToJson } from '../../src/xai/eval-subset.js';
import { serializeModel } from '../../src/xai/model-io.js';
import { initTf } from '../../src/xai/tf-runtime.js';

export async function explainerModelDir(): Promise<{ dir: string; fixture: boolean }> {
  const def = defaultExplainerModelDir();
  if (existsSync(join(def, 'model.json')) && existsSync(join(def, 'eval-subset.json')))
    return { dir: def, fixture: false };
  await initTf();
  const dir = mkdtempSync(join(tmpdir(), 'qaxai-web-model-'));
  mkdirSync(dir, { recursive: true });
  const model = buildCnn({ numMaps: 8, seed: 3 });
  const { modelJson, weights } = await serializeModel(model);
  writeFileSync(join(dir, 'model.json'), modelJson);
  writeFileSync(join(dir, 'weights.bin'), weights);
  const classNames = Array.from({ length: 10 }, (_, i) => `class ${i}`);
  writeFileSync(
    join(dir, 'qaxai-model.json'),
    JSON.stringify({ dataset: 'synthetic', classNames, targetLayer: 'feature_maps', numMaps: 8 }),
  );
  // 2 images per class: a bright blob at a class-dependent place
  const count = 20;
  const pixels = new Uint8Array(count * 28 * 28);
  for (let k = 0; k < count; k++) {
    const cy = 6 + ((k * 7) % 16);
    const cx = 6 + ((k * 11) % 16);
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++) {
        const r2 = (y - cy) ** 2 + (x - cx) ** 2;
        pixels[k * 784 + y * 28 + x] = Math.round(255 * Math.exp(-r2 / 18));
      }
  }
  const labels = Array.from({ length: count }, (_, k) => Math.floor(k / 2));
  writeFileSync(
    join(dir, 'eval-subset.json'),
    evalSubsetToJson({
      dataset: 'synthetic',
      classNames,
      shape: [count, 28, 28, 1],
      labels,
      testIndices: labels.map((_, k) => k),
      pixels,
    }),
  );
  return { dir, fixture: true };
}
