/** Tiny hand-set TensorFlow.js models for the XAI tests. */

import * as tf from '@tensorflow/tfjs';

/**
 * 2×2×1 input → conv 1×1 (2 filters, kernel [1, −1], bias [0, 1], ReLU; layer 'maps') → flatten → dense 2.
 * For x = [1, 2, 3, 0]: A⁰ = x, A¹ = ReLU(1 − x) = [0, 0, 0, 1]; the class-0 kernel column makes
 * ∂logit₀/∂A⁰ = [0.5, −0.5, 0.25, 1] and ∂logit₀/∂A¹ = [1, 2, 0, −1] (pixel order (0,0), (0,1), (1,0), (1,1)).
 */
export function handModel(): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({ name: 'maps', inputShape: [2, 2, 1], filters: 2, kernelSize: 1, activation: 'relu' }),
  );
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ name: 'out', units: 2 }));
  m.layers[0]!.setWeights([tf.tensor4d([1, -1], [1, 1, 1, 2]), tf.tensor1d([0, 1])]);
  // flattened NHWC order: [A⁰(0,0), A¹(0,0), A⁰(0,1), A¹(0,1), A⁰(1,0), A¹(1,0), A⁰(1,1), A¹(1,1)]
  const col0 = [0.5, 1, -0.5, 2, 0.25, 0, 1, -1];
  const kernel = col0.flatMap((v) => [v, 0]);
  m.layers[2]!.setWeights([tf.tensor2d(kernel, [8, 2]), tf.tensor1d([0, -2])]);
  return m;
}

/** A smooth (tanh) head after the target so finite differences are exact to O(ε²); softmax output. */
export function smoothModel(seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const m = tf.sequential();
  m.add(
    tf.layers.conv2d({
      inputShape: [6, 6, 1],
      filters: 3,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
      name: 'c1',
    }),
  );
  m.add(
    tf.layers.conv2d({
      filters: 4,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(2),
      name: 'target',
    }),
  );
  m.add(
    tf.layers.conv2d({
      filters: 2,
      kernelSize: 3,
      padding: 'valid',
      activation: 'tanh',
      kernelInitializer: init(3),
      name: 'after',
    }),
  );
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: init(4) }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(5), name: 'probs' }));
  return m;
}

/** A residual DAG: the head adds a branch computed from the input itself (a skip around the target). */
export function residualModel(seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const x = tf.input({ shape: [5, 5, 1] });
  const t = tf.layers
    .conv2d({
      name: 'target',
      filters: 3,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(1),
    })
    .apply(x) as tf.SymbolicTensor;
  const b = tf.layers
    .conv2d({ name: 'b', filters: 2, kernelSize: 1, activation: 'relu', kernelInitializer: init(2) })
    .apply(t) as tf.SymbolicTensor;
  const s = tf.layers
    .conv2d({ name: 'skip', filters: 2, kernelSize: 1, activation: 'relu', kernelInitializer: init(3) })
    .apply(x) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([b, s]) as tf.SymbolicTensor;
  const g = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;
  const y = tf.layers.dense({ units: 3, kernelInitializer: init(4) }).apply(g) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: y });
}

/** Seeded pseudo-random floats in [0, 1). */
export function seededImage(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  });
}
