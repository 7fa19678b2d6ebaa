/** The residual GAP architecture (`qaxai train --arch resnet`): shape, Grad-CAM weights, training, save and load. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import { mapsAndGradients } from '../../src/xai/attribution.js';
import { buildResnet, FEATURE_LAYER } from '../../src/xai/cnn.js';
import type { Dataset } from '../../src/xai/datasets.js';
import { FeatureModel } from '../../src/xai/feature-model.js';
import { loadModel, serializeModel } from '../../src/xai/model-io.js';
import { initTf } from '../../src/xai/tf-runtime.js';
import { trainCnn } from '../../src/xai/train.js';
import { trainCommandLine } from '../../src/xai/train-folder.js';

beforeAll(async () => {
  await initTf();
});

const image = (seed: number) => {
  const rng = Rng.fromSeed(seed);
  return Float32Array.from({ length: 784 }, () => rng.next());
};

describe('the residual GAP model', () => {
  it('has residual adds, N_f maps of 14×14 or 7×7 at feature_maps and a global-average-pool head', () => {
    const m = buildResnet({ numMaps: 6, seed: 1 });
    expect(m.layers.filter((l) => l.getClassName() === 'Add')).toHaveLength(2);
    expect(m.getLayer(FEATURE_LAYER).outputShape).toEqual([null, 14, 14, 6]);
    expect(m.getLayer('gap').getClassName()).toBe('GlobalAveragePooling2D');
    const small = buildResnet({ numMaps: 32, seed: 1, mapSize: 7 });
    expect(small.getLayer(FEATURE_LAYER).outputShape).toEqual([null, 7, 7, 32]);
    m.dispose();
    small.dispose();
  });

  it('gives Grad-CAM weights α_k = W_kc / (H·W), the class column of the dense head, for every image', () => {
    const m = buildResnet({ numMaps: 5, seed: 2 });
    const fm = new FeatureModel(m);
    expect(fm.layerName).toBe(FEATURE_LAYER);
    const images = new Float32Array(2 * 784);
    images.set(image(1), 0);
    images.set(image(2), 784);
    const b = mapsAndGradients(fm, images, [28, 28, 1], [3, 3]);
    const W = m.getLayer('logits').getWeights()[0]!.arraySync() as number[][];
    const [h, w, k] = b.mapShape;
    for (let i = 0; i < 2; i++)
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let p = 0; p < h * w; p++) s += b.gradients[(i * h * w + p) * k + a]!;
        expect(s / (h * w)).toBeCloseTo(W[a]![3]! / (h * w), 7);
      }
    m.dispose();
  });

  it('trains on wasm from a seed, saves and loads with its target layer', async () => {
    const rng = Rng.fromSeed(4);
    const n = 320;
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 10;
      // the class is the brightness of a centred square (a GAP head cannot read positions, as bars at
      // class-dependent rows would need)
      for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(rng.next() * 20);
      for (let r = 8; r < 20; r++)
        for (let x = 8; x < 20; x++) images[i * 784 + r * 28 + x] = 40 + 23 * (i % 10);
    }
    const set = { images, labels, count: n, height: 28, width: 28, channels: 1 };
    const data: Dataset = {
      name: 'mnist',
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      train: set,
      test: set,
      source: 'synthetic',
    };
    const o = { arch: 'resnet' as const, numMaps: 4, seed: 5, epochs: 3, batchSize: 16 };
    const a = await trainCnn(data, o);
    const b = await trainCnn(data, o);
    expect(a.record.arch).toBe('resnet');
    expect(a.record.mapSize).toBe(14);
    expect(a.model.getWeights().map((t) => Array.from(t.dataSync()))).toEqual(
      b.model.getWeights().map((t) => Array.from(t.dataSync())),
    );
    // 48 small steps: above chance (0.1), which an untrained or frozen model does not reach (seeded, so stable)
    expect(a.record.testAccuracy).toBeGreaterThan(0.15);
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-resnet-'));
    const { modelJson, weights } = await serializeModel(a.model);
    writeFileSync(join(dir, 'model.json'), modelJson);
    writeFileSync(join(dir, 'weights.bin'), weights);
    const lm = await loadModel(dir);
    const x = tf.tensor4d(image(9), [1, 28, 28, 1]);
    const y0 = (a.model.predict(x) as tf.Tensor).dataSync();
    const y1 = (lm.model.predict(x) as tf.Tensor).dataSync();
    for (let c = 0; c < 10; c++) expect(y1[c]).toBeCloseTo(y0[c]!, 5);
    expect(new FeatureModel(lm.model).layerName).toBe(FEATURE_LAYER);
    expect(trainCommandLine('fashion-mnist', { ...o, mapSize: 7, epochs: 4, seed: 0, numMaps: 512 })).toBe(
      'qaxai train --dataset fashion-mnist --arch resnet --maps 512 --map-size 7 --epochs 4 --seed 0 --batch-size 16',
    );
    tf.dispose([x, a.model, b.model, lm.model] as unknown as tf.Tensor[]);
  }, 120_000);
});
