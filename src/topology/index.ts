/**
 * `qaxai/topology`: QPU graphs as dwave-networkx has them (docs/topology.md): Chimera, Pegasus and Zephyr
 * lattices with D-Wave's linear labels and coordinates, shapes as Leap writes them, working graphs.
 */

export { type ChimeraCoord, ChimeraCoordinates, chimeraGraph } from './chimera.js';
export { checkLinear, checkTuple, MixedRadixCoordinates, type TopologyCoordinates } from './coordinates.js';
export { MAX_EDGES, MAX_INDEX_SPACE, MAX_TILE } from './limits.js';
export {
  type NiceCoord,
  type PegasusCoord,
  PegasusCoordinates,
  type PegasusOptions,
  type PegasusVariant,
  pegasusGraph,
} from './pegasus.js';
export {
  checkLatticeFamily,
  isLatticeFamily,
  LATTICE_FAMILIES,
  type LatticeFamily,
  parseShape,
  SHAPE_NAMES,
  type ShapeOptions,
  topologyFromShape,
} from './shape.js';
export {
  customTopology,
  type EdgeInput,
  flattenPairs,
  type SelectionFields,
  Topology,
  type TopologyFamily,
  type TopologyJson,
  type TopologyMeta,
  type TopologySummary,
} from './topology.js';
export {
  fullLattice,
  parseEdgeList,
  parseNodeList,
  topologyFromJson,
  workingGraph,
} from './working-graph.js';
export { type ZephyrCoord, ZephyrCoordinates, zephyrGraph } from './zephyr.js';
