/** The SAPI-compatible server: start it over structured samplers; fault injection for tests. */

export * from './faults.js';
export * from './problem-store.js';
export * from './server.js';
export * from './solver-catalog.js';
