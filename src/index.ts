/**
 * `qaxai`: quantum-annealing samplers with dimod's vocabulary (docs/api.md is the tour).
 *
 * What an Ocean user reaches for first, by name:
 * - models: `BinaryQuadraticModel` (`BQM`), `SampleSet`, and their dimod JSON files;
 * - every sampler (`ExactSolver`, `SimulatedAnnealingSampler`, `PimcSampler`, `ContinuousTimePimcSampler`,
 *   `SvmcSampler`, `StatevectorSampler`, the QPU emulator `QpuSimulator`, `LeapSampler`) and composite
 *   (`EmbeddingComposite`, `FixedEmbeddingComposite`, `AutoEmbeddingComposite`, `SpinReversalTransformComposite`,
 *   `StructureComposite`), the template to write your own (`BaseSampler`, `BaseComposite`) and the registry
 *   of samplers by name (`engineSamplerRegistry`, `leapSamplerEntry`);
 * - topologies (`chimeraGraph`, `pegasusGraph`, `zephyrGraph`), schedules and anneal paths (`getSchedule`,
 *   `forwardPath`, …) and the errors every layer throws (`InputError`, `WorkError`, …).
 *
 * The rest lives in the subpath entry points: `qaxai/hamiltonian` (every format, compiled models, units),
 * `qaxai/topology`, `qaxai/embedding`, `qaxai/sim` (engines as functions, solver rules, QPU profiles),
 * `qaxai/xai` (explanations; loads TensorFlow.js), `qaxai/leap` (the SAPI client), `qaxai/sapi-server` and
 * `qaxai/testing` (the sampler conformance kit). Importing `qaxai` starts nothing and does not load TensorFlow.js.
 */

// Errors (exit status 2 for bad input, 1 for failed work)
export { EmbeddingError } from './embedding/embedding-error.js';
export {
  CancelledError,
  CapacityError,
  InputError,
  InternalError,
  JsonSyntaxError,
  ModelError,
  ParameterError,
  QaError,
  type QaErrorCode,
  type QaErrorOptions,
  SampleSetError,
  ScheduleError,
  StructureError,
  TopologyError,
  WorkError,
} from './errors.js';
// Models
export { BinaryQuadraticModel, BQM, type Vartype } from './hamiltonian/bqm.js';
export { bqmFromBqpJson } from './hamiltonian/io/bqpjson.js';
export { bqmFromDimodJson, bqmToDimodJson, type DimodBqmJson } from './hamiltonian/io/dimod-bqm.js';
export { sampleSetFromDimodJson, sampleSetToDimodJson } from './hamiltonian/io/dimod-sampleset.js';
export { type ModelFormat, modelFromJsonText, modelFromJsonValue } from './hamiltonian/io/model-json.js';
export { bqmFromSimpleJson, bqmToSimpleJson } from './hamiltonian/io/simple-json.js';
export type { Label } from './hamiltonian/labels.js';
export {
  type LabelMapping,
  type SampleDataOptions,
  type SampleRow,
  type SamplerInfo,
  SampleSet,
  type SampleSetInit,
  type SampleVector,
} from './hamiltonian/sample-set.js';
// Schedules and anneal paths
export { getSchedule, listSchedules, scheduleNames } from './hamiltonian/schedule/catalog.js';
export { scheduleFromCsv } from './hamiltonian/schedule/csv.js';
export { linearSchedule } from './hamiltonian/schedule/linear.js';
export { forwardPath, pausePath, quenchPath, reversePath } from './hamiltonian/schedule/paths.js';
export type { AnnealingSchedule, AnnealPath } from './hamiltonian/schedule/types.js';
// Samplers and composites
export { createLeapSampler, LeapSampler } from './sapi/client/leap-sampler.js';
export { leapSamplerEntry } from './sapi/client/sampler-entry.js';
export { AutoEmbeddingComposite } from './sim/composites/auto-embedding.js';
export { EmbeddingComposite, FixedEmbeddingComposite } from './sim/composites/embedding.js';
export { SpinReversalTransformComposite } from './sim/composites/spin-reversal.js';
export { StructureComposite } from './sim/composites/structure.js';
export { ExactSolver } from './sim/exact/exact-sampler.js';
export { ContinuousTimePimcSampler } from './sim/mc/ct-pimc-sampler.js';
export { PimcSampler } from './sim/mc/pimc-sampler.js';
export { SimulatedAnnealingSampler } from './sim/mc/sa-sampler.js';
export { SvmcSampler } from './sim/mc/svmc-sampler.js';
export { QpuSimulator, type QpuSimulatorOptions } from './sim/qpu/qpu-simulator.js';
export { qpuSimulatorFromDescription } from './sim/qpu/solver-description.js';
// The sampler registry: samplers by name
export { ENGINE_SAMPLER_ENTRIES, engineSamplerRegistry } from './sim/registry/engine-entries.js';
export {
  type SamplerCreateOptions,
  type SamplerEntry,
  type SamplerEnvironment,
  type SamplerListing,
  SamplerRegistry,
} from './sim/registry/registry.js';
// The sampler contract and the template for your own samplers
export {
  type Composite,
  defineParameters,
  type IsingLinear,
  type IsingQuadratic,
  isComposite,
  isStructured,
  type ParameterSpec,
  type ParameterSpecs,
  type Progress,
  type QuboCoefficients,
  type ResolvedParameters,
  type SampleOptions,
  type SampleParams,
  type Sampler,
  type StructuredSampler,
  seedParameter,
} from './sim/sampler.js';
export {
  AbstractSampler,
  BaseComposite,
  BaseSampler,
  type SampleJob,
  type SampleOutcome,
} from './sim/sampler-base.js';
export { StatevectorSampler } from './sim/statevector/sampler.js';
export { closeAllPools } from './sim/threads/pool.js';
// Topologies
export { chimeraGraph } from './topology/chimera.js';
export { pegasusGraph } from './topology/pegasus.js';
export { topologyFromShape } from './topology/shape.js';
export { customTopology, Topology } from './topology/topology.js';
export { topologyFromJson, workingGraph } from './topology/working-graph.js';
export { zephyrGraph } from './topology/zephyr.js';
