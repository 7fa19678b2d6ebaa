/**
 * `qaxai/leap`: the Leap SAPI client (docs/leap.md), as dwave-cloud-client and dwave-system's DWaveSampler:
 * Ocean's configuration (`loadLeapConfig`: DWAVE_API_TOKEN, dwave.conf), the REST client (`LeapClient`), the
 * `leap` sampler (`createLeapSampler`, `LeapSampler`) and its registry entry (`leapSamplerEntry`), SAPI's `qp`
 * coders, saved raw answers and their replay. The token is never printed or logged.
 */

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
