/** The sampler registry (./registry.ts explains the design), the engine's entries and qpu-sim's helpers. */

export * from './engine-entries.js';
export * from './qpu-entry.js';
export * from './registry.js';
