/** Monte Carlo samplers and kernels: pimc (simulated quantum annealing), sa, svmc, svmc-tf. */

export * from './anneal-params.js';
export * from './anneal-table.js';
export * from './colouring.js';
export * from './ct-pimc-kernel.js';
export * from './ct-pimc-sampler.js';
export * from './parallel.js';
export * from './pimc.js';
export * from './pimc-estimators.js';
export * from './pimc-kernel.js';
export * from './pimc-sampler.js';
export * from './sa-kernel.js';
export * from './sa-sampler.js';
export * from './sa-schedule.js';
export * from './svmc-kernel.js';
export * from './svmc-sampler.js';
export * from './tasks.js';
export * from './to-sample-set.js';
export * from './wasm-kernel.js';
