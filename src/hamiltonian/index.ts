/**
 * `qaxai/hamiltonian`: the models and their files, as dimod has them (pure: no file or network access).
 *
 * - `BinaryQuadraticModel` (alias `BQM`): labelled linear and quadratic biases and an offset, SPIN or BINARY;
 *   `Label` (integer, string or tuple), `Variables`, and the compiled typed-array form kernels run on
 *   (`compileModel`, `energies`).
 * - `SampleSet`: a sampler's rows with dimod's vocabulary (`first`, `lowest()`, `data()`, `sampleList()`,
 *   `relabelVariables`, `SampleSet.concatenate`); energies of a sample set on a model.
 * - Formats: dimod BQM and SampleSet JSON (`to_serializable()`), LANL bqpjson, the simple `{h, J}` / `{Q}`
 *   form, detection by content (`modelFromJsonText`), bqpjson QPU result text; `parseStrictJson`, the JSON
 *   reader for user files (line and column in errors, duplicate keys refused, Python's NaN and Infinity read).
 * - Schedules and anneal paths: D-Wave's published A(s), B(s) tables (`getSchedule`), `linearSchedule`,
 *   forward, pause, quench and reverse paths, their QPU rules, units (docs/schedules.md).
 */

export { type JsonValue, parseStrictJson, type StrictJsonOptions } from '../util/strict-json.js';
export * from './bqm.js';
export * from './compiled.js';
export * from './io/bqpjson.js';
export * from './io/dimod-bqm.js';
export * from './io/dimod-sampleset.js';
export * from './io/model-json.js';
export * from './io/qpu-result-text.js';
export * from './io/simple-json.js';
export * from './labels.js';
export * from './sample-set.js';
export * from './sample-set-energies.js';
export * from './schedule/index.js';
export * from './variables.js';
