/** Annealing schedules A(s), B(s), anneal paths s(t), their rules and units (docs/schedules.md). */

export * from './catalog.js';
export * from './csv.js';
export * from './linear.js';
export * from './path-rules.js';
export * from './paths.js';
export * from './qpu-rules.js';
export * from './table.js';
export * from './types.js';
export * from './units.js';
