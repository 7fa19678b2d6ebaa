/**
 * Feature maps, gradients and scores for a batch of images, read back to plain typed arrays (NHWC).
 * The gradient is of each image's own target-class logit with respect to its own maps, in one backward
 * pass (sum of logit · one-hot; no gather, which wasm cannot differentiate).
 */

import * as tf from '@tensorflow/tfjs';
import type { FeatureModel } from './feature-model.js';

export interface MapBatch {
  count: number;
  /** [H_f, W_f, N_f] */
  mapShape: [number, number, number];
  /** Activations A, count × H_f × W_f × N_f. */
  maps: Float32Array;
  /** ∂(logit of the target class)/∂A, same layout. */
  gradients: Float32Array;
  numClasses: number;
  /** count × classes */
  logits: Float32Array;
  /** softmax of the logits, count × classes */
  probabilities: Float64Array;
  /** argmax of the logits */
  predicted: Int32Array;
  /** the class each gradient belongs to (the prediction unless targets were given) */
  targets: Int32Array;
}

/** Row-wise softmax in float64. */
export function softmaxRows(logits: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0; c < cols; c++) m = Math.max(m, logits[r * cols + c]!);
    let z = 0;
    for (let c = 0; c < cols; c++) z += out[r * cols + c] = Math.exp(logits[r * cols + c]! - m);
    for (let c = 0; c < cols; c++) out[r * cols + c]! /= z;
  }
  return out;
}

function argmaxRows(v: ArrayLike<number>, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let b = 0;
    for (let c = 1; c < cols; c++) if (v[r * cols + c]! > v[r * cols + b]!) b = c;
    out[r] = b;
  }
  return out;
}

/**
 * Maps and gradients for `count` images (floats, NHWC, already at the model's input size), in chunks of
 * `batch`. `targets` fixes the class per image; by default the predicted class.
 */
export function mapsAndGradients(
  fm: FeatureModel,
  images: Float32Array,
  imageShape: [number, number, number],
  targets?: ArrayLike<number>,
  batch = 128,
): MapBatch {
  const [h, w, c] = imageShape;
  const count = images.length / (h * w * c);
  const [fh, fw, k] = fm.mapShape;
  const mapSize = fh * fw * k;
  const C = fm.numClasses;
  const maps = new Float32Array(count * mapSize);
  const gradients = new Float32Array(count * mapSize);
  const logits = new Float32Array(count * C);
  for (let s = 0; s < count; s += batch) {
    const n = Math.min(batch, count - s);
    const res = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(s * h * w * c, (s + n) * h * w * c), [n, h, w, c]);
      const a = fm.maps(x);
      const lg = fm.logits(a, x);
      const lgv = lg.dataSync();
      const tg = targets ? Int32Array.from({ length: n }, (_, i) => targets[s + i]!) : argmaxRows(lgv, n, C);
      const oneHot = tf.oneHot(tf.tensor1d(tg, 'int32'), C);
      const g = tf.grad((aa: tf.Tensor) => tf.sum(tf.mul(fm.logits(aa as tf.Tensor4D, x), oneHot)))(a);
      return { a: a.dataSync() as Float32Array, g: g.dataSync() as Float32Array, lg: lgv as Float32Array };
    });
    maps.set(res.a, s * mapSize);
    gradients.set(res.g, s * mapSize);
    logits.set(res.lg, s * C);
  }
  const predicted = argmaxRows(logits, count, C);
  return {
    count,
    mapShape: [fh, fw, k],
    maps,
    gradients,
    numClasses: C,
    logits,
    probabilities: softmaxRows(logits, count, C),
    predicted,
    targets: targets ? Int32Array.from(targets) : predicted,
  };
}

/** Softmax probability of class `classes[i]` for each image, in batches (for masked-image metrics). */
export function classProbabilities(
  fm: FeatureModel,
  images: Float32Array,
  imageShape: [number, number, number],
  classes: ArrayLike<number>,
  batch = 256,
): Float64Array {
  const [h, w, c] = imageShape;
  const count = images.length / (h * w * c);
  const out = new Float64Array(count);
  const C = fm.numClasses;
  for (let s = 0; s < count; s += batch) {
    const n = Math.min(batch, count - s);
    const lg = tf.tidy(() =>
      fm
        .predictLogits(tf.tensor4d(images.subarray(s * h * w * c, (s + n) * h * w * c), [n, h, w, c]))
        .dataSync(),
    );
    const p = softmaxRows(lg, n, C);
    for (let i = 0; i < n; i++) out[s + i] = p[i * C + classes[s + i]!]!;
  }
  return out;
}
