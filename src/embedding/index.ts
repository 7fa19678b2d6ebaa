/**
 * `qaxai/embedding`: minor embedding as minorminer and dwave-system have it (docs/embedding.md): `Embedding`
 * (chains) and its validation, the heuristic (`findEmbedding`) and clique (`cliqueEmbedding`) embedders,
 * `embedBqm`, chain strength (`uniformTorqueCompensation`), chain-break resolution and `unembedSampleSet`.
 * Pure: no file or network access.
 */

export * from './auto-embed.js';
export * from './chain-breaks.js';
export * from './chain-strength.js';
export { type CliqueResult, cliqueEmbedding, largestClique, largestCliqueSize } from './clique/clique.js';
export * from './embed-bqm.js';
export * from './embedding.js';
export * from './embedding-error.js';
export * from './find-embedding.js';
export * from './random.js';
export * from './source-graph.js';
export * from './unembed.js';
export * from './validate.js';
