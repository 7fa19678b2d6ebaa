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

export interface CnnOptions {
  /** N_f, the number of feature maps at the target layer (paper: 16; 24, 32 for scaling). */
  numMaps: number;
  numClasses?: number;
  inputShape?: [number, number, number];
  /** Seed of the weight initialisers. */
  seed: number;
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
