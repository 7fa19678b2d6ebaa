/**
 * `qaxai/sim`: the samplers and the engines below them.
 *
 * - The sampler contract (dimod's Sampler, Composite, Structured): `Sampler`, parameter specs
 *   (`defineParameters`, `resolveParameters`) and the template every sampler builds on (`BaseSampler`,
 *   `BaseComposite`).
 * - The samplers: `ExactSolver`, `SimulatedAnnealingSampler`, `PimcSampler`, `ContinuousTimePimcSampler`,
 *   `SvmcSampler`, `StatevectorSampler`, the QPU emulator `QpuSimulator` (profiles, solver rules, SAPI timing);
 *   the composites `SpinReversalTransformComposite`, `EmbeddingComposite`, `FixedEmbeddingComposite`,
 *   `AutoEmbeddingComposite`, `StructureComposite`.
 * - The sampler registry: samplers by name as pure factories (`engineSamplerRegistry`, `SamplerRegistry`).
 * - The engines as functions: exact enumeration (`solveExact`), statevector annealing (`annealStatevector`),
 *   path-integral Monte Carlo (`annealPimc`, `simulatePimc`), spectra and the minimum gap (`lowestLevels`,
 *   `minimumGap`); seeded random streams (`Rng`); closing the worker threads (`closeAllPools`,
 *   `closeStatevectorThreads`).
 *
 * Importing this module starts nothing: worker threads, WebAssembly and gpu.js start on first use.
 */

export {
  AUTO_EMBEDDING_PARAMETERS,
  AutoEmbeddingComposite,
  fitsWorkingGraph,
} from './composites/auto-embedding.js';
export {
  EMBEDDING_PARAMETERS,
  EmbeddingComposite,
  FixedEmbeddingComposite,
  structureOf,
} from './composites/embedding.js';
export { applyGauge, drawGauge, SpinReversalTransformComposite } from './composites/spin-reversal.js';
export { StructureComposite } from './composites/structure.js';
export { EXACT_PARAMETERS, ExactSolver } from './exact/exact-sampler.js';
export {
  assertEnumerable,
  EXACT_MAX_VARIABLES,
  type ExactOptions,
  type ExactSolution,
  solveExact,
} from './exact/solve-exact.js';
export { availableGpuMode, type GpuMode } from './gpu.js';
export { type AnnealTable, buildAnnealTable } from './mc/anneal-table.js';
export { ContinuousTimePimcSampler, PIMC_CT_PARAMETERS } from './mc/ct-pimc-sampler.js';
export { annealPimc, type PimcAnnealOptions, type PimcOptions, simulatePimc } from './mc/pimc.js';
export { DEFAULT_NUM_SLICES, PIMC_PARAMETERS, PimcSampler } from './mc/pimc-sampler.js';
export { DEFAULT_SA_SWEEPS, SA_PARAMETERS, SimulatedAnnealingSampler } from './mc/sa-sampler.js';
export type { SvmcVariant } from './mc/svmc-kernel.js';
export { SVMC_PARAMETERS, SvmcSampler } from './mc/svmc-sampler.js';
export * from './qpu/index.js';
export * from './registry/index.js';
export { Rng, randomSeed, SEED_LIMIT } from './rng.js';
export * from './sampler.js';
export * from './sampler-base.js';
export {
  type LowestLevels,
  type LowestLevelsOptions,
  lowestLevels,
  type Sector,
} from './spectrum/block-lanczos.js';
export { type GapOptions, type GapResult, minimumGap } from './spectrum/gap.js';
export {
  annealCompiled,
  annealStatevector,
  defaultDt,
  STATEVECTOR_BACKENDS,
  type StatevectorAnnealOptions,
  type StatevectorAnnealResult,
  type StatevectorBackend,
} from './statevector/anneal.js';
export { StatevectorSampler, statevectorParameterSpecs } from './statevector/sampler.js';
export { closeStatevectorThreads } from './statevector/threaded.js';
export { closeAllPools, defaultThreadCount } from './threads/pool.js';
