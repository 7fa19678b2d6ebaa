/**
 * Seeded training of a CNN of `arch` ({@link buildModel}: the default flatten-head CNN or the residual GAP one) on an offline image set: Adam (lr 1e-3), softmax
 * cross-entropy on the logits, batches drawn from a seeded permutation ({@link Rng}), the last
 * `validationSize` training images held out, the best-validation epoch kept (as the paper's code). The same
 * seed, data and backend give the same weights.
 */

import * as tf from '@tensorflow/tfjs';
import { CancelledError, InputError } from '../errors.js';
import { Rng } from '../sim/rng.js';
import { type Arch, buildModel } from './cnn.js';
import type { Dataset, ImageSet } from './datasets.js';
import { loadTrainCheckpoint, saveTrainCheckpoint, type TrainCheckpointConfig } from './train-checkpoint.js';

export interface TrainOptions {
  /** Architecture (default `default`). */
  arch?: Arch;
  numMaps: number;
  /** Side of the target maps for `resnet` (14 default, or 7). */
  mapSize?: 14 | 7;
  seed: number;
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  validationSize?: number;
  /** Use only the first n training images (quick runs and tests). */
  trainLimit?: number;
  signal?: AbortSignal;
  onProgress?: (p: { epoch: number; step: number; steps: number; loss: number }) => void;
  /**
   * Epoch checkpoints in `dir` (./train-checkpoint.ts). An existing checkpoint is continued with `resume`
   * (the epoch count may be raised) and refused without it.
   */
  checkpoint?: { dir: string; resume: boolean };
}

export interface TrainResult {
  model: tf.LayersModel;
  record: {
    arch: Arch;
    seed: number;
    numMaps: number;
    mapSize: number;
    epochs: number;
    bestEpoch: number;
    /** Epochs taken from a checkpoint (0 for a fresh run). */
    resumedEpochs: number;
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

/** Name prefix of the saved running powers β1^t, β2^t of Adam (kept beside its moments in a checkpoint). */
const ADAM_POWERS = 'qaxai/adam/';

/** Adam's running powers (private fields of tfjs's AdamOptimizer; undefined if a tfjs version renames them). */
function adamPowers(o: tf.Optimizer): { accBeta1: tf.Variable; accBeta2: tf.Variable } | undefined {
  const a = o as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
  return a.accBeta1 instanceof tf.Variable && a.accBeta2 instanceof tf.Variable
    ? { accBeta1: a.accBeta1, accBeta2: a.accBeta2 }
    : undefined;
}

export async function trainCnn(data: Dataset, o: TrainOptions): Promise<TrainResult> {
  const t0 = performance.now();
  const batchSize = o.batchSize ?? 64;
  const lr = o.learningRate ?? 1e-3;
  const nAll = Math.min(data.train.count, o.trainLimit ?? data.train.count);
  const nVal = Math.min(o.validationSize ?? 5000, Math.floor(nAll / 5));
  const nTrain = nAll - nVal;
  const valIdx = range(nTrain, nAll);
  const arch = o.arch ?? 'default';
  const mapSize = arch === 'resnet' ? (o.mapSize ?? 14) : 14;
  const model = buildModel(arch, {
    numMaps: o.numMaps,
    seed: o.seed,
    mapSize,
    inputShape: [data.train.height, data.train.width, 1],
  });
  const optimizer = tf.train.adam(lr);
  const numClasses = data.classNames.length;
  let best = { acc: -1, epoch: 0, weights: [] as tf.Tensor[] };
  const steps = Math.ceil(nTrain / batchSize);
  const config: TrainCheckpointConfig = {
    arch,
    mapSize,
    dataset: data.name,
    numMaps: o.numMaps,
    seed: o.seed,
    batchSize,
    learningRate: lr,
    trainImages: nTrain,
    validationImages: nVal,
  };
  let first = 1;
  if (o.checkpoint) {
    const saved = loadTrainCheckpoint(o.checkpoint.dir, config);
    if (saved && !o.checkpoint.resume) {
      tf.dispose([...saved.model, ...saved.best, ...saved.optimizer.map((w) => w.tensor)]);
      throw new InputError(
        `${o.checkpoint.dir} holds an interrupted training (${saved.epoch} epoch${saved.epoch === 1 ? '' : 's'} done); pass \`checkpoint.resume\` to continue it, or remove the folder`,
        { field: 'checkpoint.resume' },
      );
    }
    if (saved) {
      model.setWeights(saved.model);
      const moments = saved.optimizer.filter((w) => !w.name.startsWith(ADAM_POWERS));
      await optimizer.setWeights(moments);
      // setWeights recomputes β^(t+1) with pow(), which rounds differently from the running products an
      // uninterrupted run holds: put the saved products back so a resumed run is bit-identical
      const powers = adamPowers(optimizer);
      for (const w of saved.optimizer)
        if (w.name.startsWith(ADAM_POWERS) && powers)
          powers[w.name.slice(ADAM_POWERS.length) as 'accBeta1']?.assign(w.tensor as tf.Scalar);
      tf.dispose(saved.optimizer.map((w) => w.tensor));
      best = { acc: saved.bestAccuracy, epoch: saved.bestEpoch, weights: saved.best };
      tf.dispose(saved.model);
      first = saved.epoch + 1;
    }
  }
  const resumedEpochs = first - 1;
  for (let epoch = first; epoch <= o.epochs; epoch++) {
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
    if (o.checkpoint) {
      const powers = adamPowers(optimizer);
      const optimizerWeights = [
        ...(await optimizer.getWeights()),
        ...(powers
          ? (['accBeta1', 'accBeta2'] as const).map((k) => ({
              name: `${ADAM_POWERS}${k}`,
              tensor: powers[k],
            }))
          : []),
      ];
      await saveTrainCheckpoint(o.checkpoint.dir, config, {
        epoch,
        bestAccuracy: best.acc,
        bestEpoch: best.epoch,
        model: model.getWeights(),
        best: best.weights,
        optimizer: optimizerWeights,
      });
      // getWeights() returns the live moment variables plus a fresh iteration-count scalar
      tf.dispose(optimizerWeights.filter((w) => w.name === 'iter').map((w) => w.tensor));
    }
  }
  model.setWeights(best.weights);
  tf.dispose(best.weights);
  optimizer.dispose();
  const testAccuracy = accuracy(model, data.test, range(0, data.test.count));
  return {
    model,
    record: {
      arch,
      seed: o.seed,
      numMaps: o.numMaps,
      mapSize,
      epochs: o.epochs,
      bestEpoch: best.epoch,
      resumedEpochs,
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
