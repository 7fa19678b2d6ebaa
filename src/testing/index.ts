/**
 * `qaxai/testing`: conformance checks for samplers, after dimod's `testing` (asserts.py, sampler.py). Run
 * them over your own sampler to check it behaves as qaxai's composites and front ends expect.
 */

export * from './asserts.js';
export * from './describe-sampler.js';
