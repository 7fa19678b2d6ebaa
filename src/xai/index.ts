/**
 * `qaxai/xai`: quantum-annealing feature-map explanations (arXiv 2604.25649) beside Grad-CAM and Grad-CAM++,
 * on TensorFlow.js layers models (docs/xai.md).
 *
 * - TensorFlow.js: `initTf` picks the backend (once per process; nothing happens at import), `loadModel`,
 *   `defaultModelDir` (the committed Fashion-MNIST CNN), `FeatureModel` (a model split at a conv layer).
 * - Explanations: `explainImage` (one image, end to end), `explainImages`, `mapsAndGradients`, the CAM weights
 *   (`gradcamWeights`, `gradcamPlusPlusWeights`), the feature-selection QUBO (`buildFeatureQubo`) solved by any
 *   sampler (`solveFeatureQubo`), the annealing analyzer (`defaultAnnealAnalyzer`).
 * - Evaluation: `evaluate` (Average Drop, Increase in Confidence, deletion/insertion AUC, disentanglement) and
 *   `renderReport` (the demo's HTML report); the metrics one by one.
 * - Data and training: `loadDataset` (Fashion-MNIST, MNIST), `trainCnn`, `trainModelFolder`; images in and out
 *   (`decodeImage`, `encodePng`).
 *
 * Importing this module loads `@tensorflow/tfjs` (about half a second); `qaxai` and the other entry points do not.
 */

export * from './anneal-stats.js';
export * from './attribution.js';
export * from './cam.js';
export * from './cnn.js';
export * from './datasets.js';
export * from './eval-subset.js';
export * from './evaluation.js';
export * from './explain-image.js';
export * from './explainer.js';
export * from './feature-model.js';
export * from './image-io.js';
export * from './metrics.js';
export * from './model-io.js';
export * from './qa-select.js';
export * from './qubo.js';
export * from './report-html.js';
export * from './sim-analyzer.js';
export * from './study-qubos.js';
export * from './tf-runtime.js';
export * from './train.js';
export * from './train-folder.js';
