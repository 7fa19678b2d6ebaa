/**
 * The default CNN, shaped like the paper's "N_f-constrained" model at MNIST scale (its code's `reduce`
 * block: Conv → ReLU → BatchNorm, then a linear classifier over the flattened maps): a small trunk, a conv
 * with ReLU (`reduce_conv`), BatchNorm (`feature_maps`, N_f maps of 14 × 14: the target layer, as the paper
 * hooks the block's last module), flatten and `logits` (no softmax: the model outputs logits, the paper's
 * gradient target). Conv layers carry their ReLU, so training takes the fast Conv2D gradient on wasm.
 * Without the BatchNorm the maps are ≥ 0 and the classifier learns mostly negative weights, which leaves
 * most classes with no map of positive Grad-CAM weight (d = 0).
 */

import * as tf from '@tensorflow/tfjs';

export const FEATURE_LAYER = 'feature_maps';

/** Architectures of `qaxai train --arch`. */
export const ARCHS = ['default', 'resnet'] as const;
export type Arch = (typeof ARCHS)[number];

export interface CnnOptions {
  /** N_f, the number of feature maps at the target layer (paper: 16; 24, 32 for scaling). */
  numMaps: number;
  numClasses?: number;
  inputShape?: [number, number, number];
  /** Seed of the weight initialisers. */
  seed: number;
  /** Side of the target layer's maps for `resnet` (14, or 7 after one more pooling); `default` is 14. */
  mapSize?: 14 | 7;
}

/** The model of an architecture (see {@link buildCnn} and {@link buildResnet}). */
export function buildModel(arch: Arch, o: CnnOptions): tf.LayersModel {
  return arch === 'resnet' ? buildResnet(o) : buildCnn(o);
}

export function buildCnn(o: CnnOptions): tf.Sequential {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: o.seed * 7 + k });
  const model = tf.sequential({ name: `qaxai_cnn_nf${o.numMaps}` });
  model.add(
    tf.layers.conv2d({
      name: 'conv1',
      inputShape: o.inputShape ?? [28, 28, 1],
      filters: 32,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
    }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }));
  model.add(
    tf.layers.conv2d({
      name: 'reduce_conv',
      filters: o.numMaps,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(2),
    }),
  );
  model.add(tf.layers.batchNormalization({ name: FEATURE_LAYER }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ name: 'logits', units: o.numClasses ?? 10, kernelInitializer: init(3) }));
  return model;
}

/**
 * A small residual CNN with a global-average-pool head, ResNet-like as the paper's ResNet-18 models:
 * `conv1` (3×3×16, ReLU) → `pool1` (14 × 14) → two residual blocks (`blockK_conv1`, `blockK_conv2`: 3×3×16,
 * ReLU after each conv as the paper's modified ResNet; `blockK_add` adds the block's input) → [`pool2` to 7 × 7
 * when `mapSize` is 7] → `reduce_conv` (3×3×N_f, ReLU) → `feature_maps` (BatchNorm, the target layer) →
 * `gap` (global average pool) → `logits` (Dense 10). With the GAP head ∂y_c/∂A^k_ij = W_kc / (H·W), so α
 * depends on the class only, as for the flatten head. N_f = 16 at 14 × 14 is the paper's N_f = 16 setting,
 * N_f = 512 at 7 × 7 its full-ResNet-18 one (layer4: 512 maps of 7 × 7).
 */
export function buildResnet(o: CnnOptions): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: o.seed * 7 + k });
  let k = 0;
  const conv = (name: string, filters: number, x: tf.SymbolicTensor) =>
    tf.layers
      .conv2d({
        name,
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(++k),
      })
      .apply(x) as tf.SymbolicTensor;
  const input = tf.input({ shape: o.inputShape ?? [28, 28, 1], name: 'image' });
  let x = conv('conv1', 16, input);
  x = tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  for (const b of [1, 2]) {
    const y = conv(`block${b}_conv2`, 16, conv(`block${b}_conv1`, 16, x));
    x = tf.layers.add({ name: `block${b}_add` }).apply([x, y]) as tf.SymbolicTensor;
  }
  if (o.mapSize === 7)
    x = tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = conv('reduce_conv', o.numMaps, x);
  x = tf.layers.batchNormalization({ name: FEATURE_LAYER }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers
    .dense({ name: 'logits', units: o.numClasses ?? 10, kernelInitializer: init(++k) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ name: `qaxai_resnet_nf${o.numMaps}`, inputs: input, outputs: logits });
}
