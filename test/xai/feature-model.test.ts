import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { mapsAndGradients, softmaxRows } from '../../src/xai/attribution.js';
import { FeatureModel } from '../../src/xai/feature-model.js';
import { initTf } from '../../src/xai/tf-runtime.js';
import { residualModel, seededImage, smoothModel } from './tiny-models.js';

beforeAll(async () => {
  await initTf();
});

describe('FeatureModel split and gradients', () => {
  it('strips the final softmax: softmax(logits) equals the model output', () => {
    const model = smoothModel(3);
    const fm = new FeatureModel(model, 'target');
    expect(fm.softmaxStripped).toBe(true);
    expect(fm.headNeedsInput).toBe(false);
    const x = seededImage(2 * 36, 11);
    const b = mapsAndGradients(fm, x, [6, 6, 1]);
    const ref = tf.tidy(() => (model.predict(tf.tensor4d(x, [2, 6, 6, 1])) as tf.Tensor).dataSync());
    b.probabilities.forEach((p, i) => expect(p).toBeCloseTo(ref[i]!, 5));
  });

  it('gives gradients equal to central finite differences of the logit', () => {
    const fm = new FeatureModel(smoothModel(5), 'target');
    const x = seededImage(36, 21);
    const b = mapsAndGradients(fm, x, [6, 6, 1], [1]);
    const n = b.maps.length;
    const eps = 1e-2;
    // every map entry: perturb A, evaluate the head's class-1 logit
    const plus = new Float32Array(n * n);
    const minus = new Float32Array(n * n);
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) {
        plus[j * n + i] = b.maps[i]! + (i === j ? eps : 0);
        minus[j * n + i] = b.maps[i]! - (i === j ? eps : 0);
      }
    const [fh, fw, k] = fm.mapShape;
    const lp = tf.tidy(() => fm.logits(tf.tensor4d(plus, [n, fh, fw, k])).dataSync());
    const lm = tf.tidy(() => fm.logits(tf.tensor4d(minus, [n, fh, fw, k])).dataSync());
    let maxErr = 0;
    let nonzero = 0;
    for (let j = 0; j < n; j++) {
      const fd = (lp[j * 3 + 1]! - lm[j * 3 + 1]!) / (2 * eps);
      const g = b.gradients[j]!;
      if (Math.abs(fd) > 1e-3) nonzero++;
      maxErr = Math.max(maxErr, Math.abs(g - fd) / (1e-3 + Math.abs(fd)));
    }
    expect(nonzero).toBeGreaterThan(n / 2);
    expect(maxErr).toBeLessThan(2e-2);
  });

  it('splits a residual DAG whose head reads the input (skip connection)', () => {
    const model = residualModel(7);
    const fm = new FeatureModel(model);
    expect(fm.layerName).toBe('sum'); // the last 4-D layer in graph order
    const fm2 = new FeatureModel(model, 'target');
    expect(fm2.headNeedsInput).toBe(true);
    const x = seededImage(3 * 25, 5);
    const b = mapsAndGradients(fm2, x, [5, 5, 1]);
    const ref = tf.tidy(() => (model.predict(tf.tensor4d(x, [3, 5, 5, 1])) as tf.Tensor).dataSync());
    b.logits.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5));
    // the model has no softmax: probabilities are softmax(output)
    const p = softmaxRows(ref, 3, 3);
    b.probabilities.forEach((v, i) => expect(v).toBeCloseTo(p[i]!, 6));
  });

  it('rejects unknown layers, non-conv layers and models without conv layers, naming what is accepted', () => {
    const model = smoothModel(1);
    // the engine names its option (layer); the CLI prints it as --layer (test/xai/cli.test.ts)
    expect(() => new FeatureModel(model, 'nope')).toThrow(
      expect.objectContaining({
        field: 'layer',
        message: 'layer: the model has no layer named "nope"; conv layers: c1, target, after',
      }),
    );
    expect(() => new FeatureModel(model, 'probs')).toThrow(/does not output feature maps/);
    const dense = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 2 })] });
    expect(() => new FeatureModel(dense)).toThrow(InputError);
    expect(() => new FeatureModel(dense)).toThrow(/no convolutional layer/);
  });
});
