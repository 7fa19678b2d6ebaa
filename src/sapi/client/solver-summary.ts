/** One line of `qaxai leap solvers`: the facts people pick a solver by (camelCase keys, as cli.md lists). */

import { isStructuredSolver, type SolverDescription } from './models.js';

export interface SolverSummary {
  name: string;
  graphId: string | null;
  topology: { type: string; shape: number[] } | null;
  numQubits: number | null;
  numActiveQubits: number | null;
  numCouplers: number | null;
  status: string;
  category: string | null;
  avgLoad: number | null;
  structured: boolean;
  supportedProblemTypes: string[];
  annealingTimeRange: [number, number] | null;
  numReadsRange: [number, number] | null;
  hRange: [number, number] | null;
  jRange: [number, number] | null;
  description: string | null;
}

export function summarizeSolver(d: SolverDescription): SolverSummary {
  const p = d.properties;
  const structured = isStructuredSolver(d);
  return {
    name: d.identity.name,
    graphId: d.identity.version?.graph_id ?? null,
    topology: p.topology ?? null,
    numQubits: typeof p.num_qubits === 'number' ? p.num_qubits : null,
    numActiveQubits: Array.isArray(p.qubits) ? p.qubits.length : null,
    numCouplers: Array.isArray(p.couplers) ? p.couplers.length : null,
    status: d.status ?? 'UNKNOWN',
    category: typeof p.category === 'string' ? p.category : null,
    avgLoad: typeof d.avg_load === 'number' ? d.avg_load : null,
    structured,
    supportedProblemTypes: Array.isArray(p.supported_problem_types) ? p.supported_problem_types : [],
    annealingTimeRange: p.annealing_time_range ?? null,
    numReadsRange: p.num_reads_range ?? null,
    hRange: p.h_range ?? null,
    jRange: p.j_range ?? null,
    description: d.description ?? null,
  };
}
