/**
 * `qaxai/sapi-server`: a SAPI-compatible server (docs/leap.md) over structured samplers, so that Ocean, the Leap
 * client or any SAPI script can sample the QPU emulator: `startSapiServer({solvers, token})`. Its problem
 * queue (`ProblemStore`) and fault injection for tests (`FaultInjector`, `parseFaultSpec`).
 */

export {
  FaultInjector,
  type FaultKind,
  type FaultRule,
  type InjectedFault,
  parseFaultSpec,
} from './faults.js';
export { ProblemStore, type ProblemStoreOptions, type StoredProblem } from './problem-store.js';
export { type SapiServer, type SapiServerOptions, startSapiServer } from './server.js';
export { applySolverFilter, type CatalogEntry, describeSolver, graphId } from './solver-catalog.js';
