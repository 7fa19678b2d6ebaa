/** The QPU emulator `qpu-sim` (docs/qpu-sim.md). */

export * from './initial-state.js';
export * from './problem-checks.js';
export * from './profiles.js';
export * from './qpu-simulator.js';
export * from './solver-description.js';
export * from './timing.js';
