/**
 * Seeded training of the default CNN ({@link buildCnn}) on an offline image set: Adam (lr 1e-3), softmax
 * cross-entropy on the logits, batches drawn from a seeded permutation ({@link Rng}), the last
 * `validationSize` training images held out, the best-validation epoch kept (as the paper's code). The same
 * seed, data and backend give the same weights.
 */

import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '../errors.js';
import { Rng } from '../sim/rng.js';
import { buildCnn } from './cnn.js';
import type { Dataset, ImageSet } from './datasets.js';

export interface TrainOptions {
  numMaps: number;
  seed: number;
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  validationSize?: number;
  /** Use only the first n training images (quick runs and tests). */
  trainLimit?: number;
  signal?: AbortSignal;
  onProgress?: (p: { epoch: number; step: number; steps: number; loss: number }) => void;
}

export interface TrainResult {
  model: tf.Sequential;
  record: {
    seed: number;
    numMaps: number;
    epochs: number;
    bestEpoch: number;
    batchSize: number;
    learningRate: number;
    trainImages: number;
    validationImages: number;
    validationAccuracy: number;
    testAccuracy: number;
    seconds: number;
  };
}

/** Images [from, to) of a set as a float tensor in [0, 1], NHWC. */
export function imageBatch(set: ImageSet, index: ArrayLike<number>): tf.Tensor4D {
  const px = set.height * set.width * set.channels;
  const buf = new Float32Array(index.length * px);
  for (let k = 0; k < index.length; k++) {
    const off = index[k]! * px;
    for (let i = 0; i < px; i++) buf[k * px + i] = set.images[off + i]! / 255;
  }
  return tf.tensor4d(buf, [index.length, set.height, set.width, set.channels]);
}

/** A seeded Fisher–Yates permutation of 0..n−1. */
export function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, i) => a + i);
}

/** Predicted classes (argmax of the model output) for the given images, in batches. */
export function predictClasses(
  model: tf.LayersModel,
  set: ImageSet,
  index: readonly number[],
  batch = 500,
): Int32Array {
  const out = new Int32Array(index.length);
  for (let s = 0; s < index.length; s += batch) {
    const ids = index.slice(s, s + batch);
    const pred = tf.tidy(() => (model.predict(imageBatch(set, ids)) as tf.Tensor).argMax(-1));
    out.set(pred.dataSync() as Int32Array, s);
    pred.dispose();
  }
  return out;
}

export function accuracy(model: tf.LayersModel, set: ImageSet, index: readonly number[]): number {
  const pred = predictClasses(model, set, index);
  let ok = 0;
  for (let k = 0; k < index.length; k++) if (pred[k] === set.labels[index[k]!]) ok++;
  return ok / index.length;
}

export async function trainCnn(data: Dataset, o: TrainOptions): Promise<TrainResult> {
  const t0 = performance.now();
  const batchSize = o.batchSize ?? 64;
  const lr = o.learningRate ?? 1e-3;
  const nAll = Math.min(data.train.count, o.trainLimit ?? data.train.count);
  const nVal = Math.min(o.validationSize ?? 5000, Math.floor(nAll / 5));
  const nTrain = nAll - nVal;
  const valIdx = range(nTrain, nAll);
  const model = buildCnn({
    numMaps: o.numMaps,
    seed: o.seed,
    inputShape: [data.train.height, data.train.width, 1],
  });
  const optimizer = tf.train.adam(lr);
  const numClasses = data.classNames.length;
  let best = { acc: -1, epoch: 0, weights: [] as tf.Tensor[] };
  const steps = Math.ceil(nTrain / batchSize);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const perm = permutation(Rng.fromSeed(o.seed, epoch), nTrain);
    for (let step = 0; step < steps; step++) {
      if (o.signal?.aborted) throw new CancelledError('training cancelled');
      const ids = Array.from(perm.subarray(step * batchSize, Math.min(nTrain, (step + 1) * batchSize)));
      const x = imageBatch(data.train, ids);
      const y = tf.oneHot(
        tf.tensor1d(
          ids.map((i) => data.train.labels[i]!),
          'int32',
        ),
        numClasses,
      );
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        true,
      );
      const lossValue = loss ? (await loss.data())[0]! : Number.NaN;
      tf.dispose(loss ? [x, y, loss] : [x, y]);
      if (o.onProgress && (step % 20 === 0 || step === steps - 1))
        o.onProgress({ epoch, step: step + 1, steps, loss: lossValue });
      if (step % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    const acc = accuracy(model, data.train, valIdx);
    if (acc > best.acc) {
      tf.dispose(best.weights);
      best = { acc, epoch, weights: model.getWeights().map((w) => w.clone()) };
    }
  }
  model.setWeights(best.weights);
  tf.dispose(best.weights);
  optimizer.dispose();
  const testAccuracy = accuracy(model, data.test, range(0, data.test.count));
  return {
    model,
    record: {
      seed: o.seed,
      numMaps: o.numMaps,
      epochs: o.epochs,
      bestEpoch: best.epoch,
      batchSize,
      learningRate: lr,
      trainImages: nTrain,
      validationImages: nVal,
      validationAccuracy: best.acc,
      testAccuracy,
      seconds: (performance.now() - t0) / 1000,
    },
  };
}
