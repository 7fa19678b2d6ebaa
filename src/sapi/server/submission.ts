/**
 * `POST problems/`: one problem object or a list of them. Each item is checked on its own (solver, graph,
 * problem type, qp data, parameters against the solver's rules, the sampler's own parameters) and either
 * queued (its status) or refused (a per-item SAPI error); a single object that is refused is the reply's error.
 */

import { QaError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { solverRules } from '../../sim/qpu/rules/index.js';
import { resolveParameters } from '../../sim/sampler.js';
import type { SolverProperties } from '../client/models.js';
import { decodeQpProblem, qpProblemToBqm } from '../client/qp-coders.js';
import type { SapiContext } from './context.js';
import type { SapiGeneration } from './negotiation.js';
import type { StoredProblem } from './problem-store.js';
import { errorBody, SapiHttpError, SOLVER_UNKNOWN } from './sapi-errors.js';

type ItemOutcome = { ok: true; status: unknown } | { ok: false; code: number; msg: string };

/** The solver's rules (src/sim/qpu/rules): throws an InputError naming what breaks one. */
function checkAgainstSolverRules(
  bqm: BinaryQuadraticModel,
  params: Record<string, unknown>,
  props: SolverProperties,
  solverName: string,
): void {
  solverRules(props, { solver: solverName }).check(bqm, params);
}

function submitItem(ctx: SapiContext, item: unknown, g: SapiGeneration): ItemOutcome {
  try {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { ok: false, code: 400, msg: 'each problem must be a JSON object' };
    const it = item as Record<string, unknown>;
    const solverField = it.solver;
    const name =
      typeof solverField === 'string' ? solverField : (solverField as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string')
      return { ok: false, code: 400, msg: 'solver: missing (an identity {"name": …})' };
    const entry = ctx.entries.get(name);
    if (!entry) return { ok: false, code: 400, msg: SOLVER_UNKNOWN };
    const wantGraph = (solverField as { version?: { graph_id?: unknown } }).version?.graph_id;
    const haveGraph = entry.description.identity.version?.graph_id;
    if (typeof wantGraph === 'string' && wantGraph !== haveGraph)
      return {
        ok: false,
        code: 400,
        msg: `solver ${name} graph_id ${wantGraph} is not current (${haveGraph})`,
      };
    const type = it.type;
    if (type !== 'ising' && type !== 'qubo')
      return { ok: false, code: 400, msg: `Problem type (${String(type)}) is not supported by the solver.` };
    const decoded = decodeQpProblem(entry.encoding, it.data);
    const params = it.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      return { ok: false, code: 400, msg: 'params: expected a JSON object' };
    const p = params as Record<string, unknown>;
    const bqm = qpProblemToBqm(decoded, type, false);
    checkAgainstSolverRules(bqm, p, entry.description.properties, name);
    const declared = Object.fromEntries(Object.entries(p).filter(([k]) => k in entry.sampler.parameters));
    resolveParameters(entry.sampler.name, entry.sampler.parameters, declared);
    const label = it.label;
    if (label !== undefined && label !== null && typeof label !== 'string')
      return { ok: false, code: 400, msg: 'label: expected a string' };
    const stored = ctx.store.add({
      entry,
      type,
      data: it.data as StoredProblem['data'],
      params: p,
      label: (label as string | null | undefined) ?? null,
      bqm,
    });
    ctx.log(`problem ${stored.id} accepted for ${name}`);
    return { ok: true, status: ctx.store.statusOf(stored, false, g) };
  } catch (e) {
    if (e instanceof QaError && e.exitCode === 2) return { ok: false, code: 400, msg: e.message };
    throw e;
  }
}

/**
 * The reply body of a submission: a list of statuses or per-item errors, or one status (statuses in
 * representation generation `g`).
 */
export function submitProblems(ctx: SapiContext, body: unknown, g: SapiGeneration): unknown {
  if (Array.isArray(body)) {
    if (body.length === 0) throw new SapiHttpError(400, 'an empty list of problems');
    return body.map((item) => {
      const r = submitItem(ctx, item, g);
      return r.ok ? r.status : errorBody(r.code, r.msg);
    });
  }
  const r = submitItem(ctx, body, g);
  if (!r.ok) throw new SapiHttpError(r.code, r.msg);
  return r.status;
}
