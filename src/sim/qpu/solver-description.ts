/**
 * qpu-sim from a Leap solver description (`GET solvers/remote/<name>`: {"identity": {"name"}, "properties":
 * {...}} or the properties alone): the profile is chosen by name / chip_id (else by topology), and the working
 * graph is the description's `qubits` and `couplers`, so the emulator has exactly that QPU's broken qubits.
 */

import { ParameterError } from '../../errors.js';
import { topologyFromJson } from '../../topology/index.js';
import { findQpuProfile, QPU_PROFILES, type QpuProfile } from './profiles.js';
import { QpuSimulator } from './qpu-simulator.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The profile matching a solver description (by name, chip_id, then topology type and shape). */
export function profileForDescription(doc: unknown, source = 'solver'): QpuProfile {
  if (!isObject(doc))
    throw new ParameterError(`${source}: expected a JSON object (a Leap solver description)`, {
      field: source,
    });
  const props = isObject(doc.properties) ? doc.properties : doc;
  const identity = isObject(doc.identity) ? doc.identity : undefined;
  for (const name of [identity?.name, doc.name, doc.id, props.chip_id])
    if (typeof name === 'string') {
      const p = findQpuProfile(name) ?? findQpuProfile(name.replace(/\.\d+$/, ''));
      if (p) return p;
    }
  const topo = props.topology;
  if (isObject(topo)) {
    const shape = JSON.stringify(topo.shape);
    const p = QPU_PROFILES.find(
      (x) => x.topology.type === topo.type && JSON.stringify(x.topology.shape) === shape,
    );
    if (p) return p;
  }
  throw new ParameterError(
    `${source}: no qpu-sim profile matches this solver (by name, chip_id or topology); profiles: ${QPU_PROFILES.map((p) => p.name).join(', ')}`,
    { field: source },
  );
}

/** A QpuSimulator with the profile and working graph of a Leap solver description. */
export function qpuSimulatorFromDescription(
  doc: unknown,
  opts: { threads?: number; source?: string } = {},
): QpuSimulator {
  const source = opts.source ?? 'solver';
  const profile = profileForDescription(doc, source);
  const props = isObject(doc) && isObject(doc.properties) ? doc.properties : (doc as Record<string, unknown>);
  const hasGraph = props.qubits !== undefined || props.couplers !== undefined;
  const workingGraph = hasGraph
    ? topologyFromJson({ topology: profile.topology, qubits: props.qubits, couplers: props.couplers }, source)
    : undefined;
  return new QpuSimulator({
    profile,
    ...(workingGraph ? { workingGraph } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
  });
}
