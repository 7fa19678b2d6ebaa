/**
 * A problem that keeps qpu-sim busy for seconds: a ferromagnet on every working coupler of a served solver,
 * as a SAPI submission (the solver's `qp` encoding), one read of a long anneal. For tests of a server that
 * must keep answering while a problem runs.
 */

import { BinaryQuadraticModel } from '../../../src/hamiltonian/bqm.js';
import type { SolverDescription } from '../../../src/sapi/client/models.js';
import { encodeQpProblem, QpEncoding } from '../../../src/sapi/client/qp-coders.js';

/** The SAPI problem object; `annealingTime` µs (qpu-sim runs 50 sweeps per µs over every qubit). */
export function longJob(desc: SolverDescription, annealingTime = 200, numReads = 1): Record<string, unknown> {
  const bqm = new BinaryQuadraticModel('SPIN');
  for (const [a, b] of desc.properties.couplers) bqm.addQuadratic(a, b, -1);
  return {
    solver: desc.identity,
    type: 'ising',
    data: encodeQpProblem(new QpEncoding(desc.properties), bqm),
    params: { num_reads: numReads, annealing_time: annealingTime },
  };
}
