/** Minor embedding: chains, validation, clique and heuristic embedders, embed/unembed (docs/embedding.md). */

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
