import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapsAndGradients } from '../../src/xai/attribution.js';
import {
  gradcamPlusPlusWeights,
  gradcamWeights,
  minMaxNormalize,
  resizeBilinear,
  weightedMap,
} from '../../src/xai/cam.js';
import { FeatureModel } from '../../src/xai/feature-model.js';
import { initTf } from '../../src/xai/tf-runtime.js';
import { handModel } from './tiny-models.js';

beforeAll(async () => {
  await initTf();
});

describe('Grad-CAM and Grad-CAM++ on a hand-set model', () => {
  const x = new Float32Array([1, 2, 3, 0]);

  it('gives the hand-computed maps, gradients, weights and heatmaps', () => {
    const fm = new FeatureModel(handModel());
    expect(fm.layerName).toBe('maps');
    expect(fm.mapShape).toEqual([2, 2, 2]);
    const b = mapsAndGradients(fm, x, [2, 2, 1]);
    // A⁰ = x, A¹ = ReLU(1 − x), interleaved NHWC
    expect(Array.from(b.maps)).toEqual([1, 0, 2, 0, 3, 0, 0, 1]);
    // logit₀ = 0.5·1 − 0.5·2 + 0.25·3 − 1·1 = −0.75; logit₁ = −2 → class 0
    expect(b.logits[0]).toBeCloseTo(-0.75, 6);
    expect(b.logits[1]).toBeCloseTo(-2, 6);
    expect(b.predicted[0]).toBe(0);
    expect(b.probabilities[0]).toBeCloseTo(1 / (1 + Math.exp(-1.25)), 6);
    expect(Array.from(b.gradients)).toEqual([0.5, 1, -0.5, 2, 0.25, 0, 1, -1]);

    // α⁰ = (0.5 − 0.5 + 0.25 + 1)/4 = 0.3125, α¹ = (1 + 2 + 0 − 1)/4 = 0.5
    const a = gradcamWeights(b.gradients, 2, 2, 2);
    expect(a[0]).toBeCloseTo(0.3125, 12);
    expect(a[1]).toBeCloseTo(0.5, 12);
    // ReLU(0.3125·[1,2,3,0] + 0.5·[0,0,0,1]) = [0.3125, 0.625, 0.9375, 0.5] → min–max [0, 0.5, 1, 0.3]
    const cam = minMaxNormalize(weightedMap(b.maps, a, 2, 2, 2));
    [0, 0.5, 1, 0.3].forEach((v, i) => expect(cam[i]).toBeCloseTo(v, 12));

    // Grad-CAM++: ΣA⁰ = 6, ΣA¹ = 1.
    // map 0: g=0.5 → 0.25/(0.5+6·0.125)·0.5 = 0.1; g=0.25 → 0.0625/(0.125+6·0.015625)·0.25 = 1/14; g=1 → 1/8·1
    // map 1: g=1 → 1/(2+1)·1 = 1/3; g=2 → 4/(8+8)·2 = 0.5
    const w = gradcamPlusPlusWeights(b.maps, b.gradients, 2, 2, 2);
    expect(w[0]).toBeCloseTo(0.1 + 1 / 14 + 0.125, 5);
    expect(w[1]).toBeCloseTo(1 / 3 + 0.5, 5);
    const w0 = 0.1 + 1 / 14 + 0.125;
    const w1 = 1 / 3 + 0.5;
    const raw = [w0, 2 * w0, 3 * w0, w1];
    const camPP = minMaxNormalize(weightedMap(b.maps, w, 2, 2, 2));
    raw.forEach((v, i) => expect(camPP[i]).toBeCloseTo((v - w0) / (3 * w0 - w0), 5));
  });

  it('restricts the map to a subset with per-channel ReLU (the paper’s QA map)', () => {
    const maps = [1, 0, 2, 0, 3, 0, 0, 1];
    // only map 1 with weight 0.5: [0, 0, 0, 0.5]; a negative weight gives ReLU(·) = 0 per channel
    expect(
      Array.from(weightedMap(maps, [0.3125, 0.5], 2, 2, 2, { subset: [1], perChannelRelu: true })),
    ).toEqual([0, 0, 0, 0.5]);
    expect(
      Array.from(weightedMap(maps, [-1, 0.5], 2, 2, 2, { subset: [0, 1], perChannelRelu: true })),
    ).toEqual([0, 0, 0, 0.5]);
    expect(Array.from(weightedMap(maps, [-1, 0.5], 2, 2, 2))).toEqual([0, 0, 0, 0.5]);
    expect(Array.from(minMaxNormalize([2, 2, 2]))).toEqual([0, 0, 0]);
  });

  it('upsamples bilinearly with half-pixel centres', () => {
    // 1×2 → 1×4: source x = (j + 0.5)/2 − 0.5 = −0.25, 0.25, 0.75, 1.25 → clamp → 0, 0.25, 0.75, 1
    const r = resizeBilinear([0, 1], 1, 2, 1, 4);
    [0, 0.25, 0.75, 1].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 12));
    // tf.image.resizeBilinear with halfPixelCenters agrees on a 2×2 → 5×3 case
    const src = [0.1, 0.9, 0.4, 0.2];
    const ours = resizeBilinear(src, 2, 2, 5, 3);
    const ref = tf.tidy(() =>
      tf.image.resizeBilinear(tf.tensor4d(src, [1, 2, 2, 1]), [5, 3], false, true).dataSync(),
    );
    ours.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5));
  });
});
