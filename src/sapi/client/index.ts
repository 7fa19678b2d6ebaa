/** The Leap adapter's public surface: configuration, client, coders, the `leap` sampler and its registry entry, raw answers. */

export * from './client.js';
export * from './config.js';
export * from './dense-initial-state.js';
export * from './errors.js';
export * from './interrupt.js';
export * from './leap-sampler.js';
export * from './media-types.js';
export * from './models.js';
export * from './qp-coders.js';
export * from './raw-answers.js';
export * from './sampler-entry.js';
export * from './solver-select.js';
export * from './solver-summary.js';
