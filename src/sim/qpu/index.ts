/** The QPU emulator `qpu-sim` (docs/qpu-sim.md). */

export * from './profiles.js';
export * from './qpu-simulator.js';
export * from './rules/index.js';
export * from './solver-description.js';
export * from './timing.js';
