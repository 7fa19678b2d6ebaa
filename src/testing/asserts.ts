/**
 * Assertions for samplers and sample sets, after dimod's testing/asserts.py. Each throws node's
 * AssertionError with a message that says what is off; test runners report it as a failure.
 */

import { AssertionError } from 'node:assert';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { formatLabel, type Label, labelKey } from '../hamiltonian/labels.js';
import { type SamplerInfo, SampleSet } from '../hamiltonian/sample-set.js';
import {
  type Composite,
  isComposite,
  isStructured,
  type ParameterKind,
  resolveParameters,
  type Sampler,
  type StructuredSampler,
} from '../sim/sampler.js';

function ensure(ok: unknown, message: string): asserts ok {
  if (!ok) throw new AssertionError({ message });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const KINDS: readonly ParameterKind[] = ['integer', 'number', 'boolean', 'string', 'enum', 'json'];

/**
 * The sampler API: a name; `sample`, `sampleIsing` and `sampleQubo` methods; `parameters` (each with a known
 * kind and a doc line; enums with their values; defaults that pass their own checks) and `properties` records.
 */
export function assertSamplerApi(sampler: Sampler): void {
  ensure(isRecord(sampler), 'a sampler must be an object');
  ensure(typeof sampler.name === 'string' && sampler.name !== '', 'a sampler must have a non-empty name');
  for (const m of ['sample', 'sampleIsing', 'sampleQubo'] as const)
    ensure(typeof sampler[m] === 'function', `${sampler.name}: a sampler must have a ${m} method`);
  ensure(isRecord(sampler.parameters), `${sampler.name}: parameters must be a record of parameter specs`);
  for (const [key, spec] of Object.entries(sampler.parameters)) {
    ensure(isRecord(spec), `${sampler.name}: parameters.${key} must be a parameter spec`);
    ensure(
      KINDS.includes(spec.kind),
      `${sampler.name}: parameters.${key}.kind ${String(spec.kind)} is not a kind`,
    );
    ensure(
      typeof spec.doc === 'string' && spec.doc !== '',
      `${sampler.name}: parameters.${key} needs a doc line`,
    );
    if (spec.kind === 'enum')
      ensure(
        Array.isArray(spec.values) && spec.values.length > 0,
        `${sampler.name}: enum parameter ${key} must list its values`,
      );
  }
  try {
    resolveParameters(sampler.name, sampler.parameters, {});
  } catch (e) {
    throw new AssertionError({
      message: `${sampler.name}: the defaults do not pass their own checks: ${String(e)}`,
    });
  }
  ensure(isRecord(sampler.properties), `${sampler.name}: properties must be a record`);
}

/** The composite API (dimod's): `children` is an array and `child` is one of them. */
export function assertCompositeApi(composite: Composite): void {
  ensure(isComposite(composite), 'a composite must have a child sampler');
  ensure(Array.isArray(composite.children), `${composite.name}: children must be an array of samplers`);
  ensure(composite.children.includes(composite.child), `${composite.name}: child must be one of children`);
}

/**
 * The structured API: `nodelist` lists distinct integer nodes; `edgelist` lists pairs of distinct nodes of
 * nodelist, each edge once.
 */
export function assertStructuredApi(sampler: StructuredSampler): void {
  ensure(isStructured(sampler), 'a structured sampler must have nodelist and edgelist arrays');
  const nodes = new Set<number>();
  for (const v of sampler.nodelist) {
    ensure(Number.isInteger(v), `${sampler.name}: nodelist holds ${JSON.stringify(v)}, not an integer node`);
    ensure(!nodes.has(v), `${sampler.name}: nodelist lists ${v} twice`);
    nodes.add(v);
  }
  const edges = new Set<string>();
  for (const e of sampler.edgelist) {
    ensure(Array.isArray(e) && e.length === 2, `${sampler.name}: edgelist entries must be [u, v] pairs`);
    const [u, v] = e;
    ensure(u !== v, `${sampler.name}: edge (${u}, ${v}) is a self-loop`);
    ensure(nodes.has(u) && nodes.has(v), `${sampler.name}: edge (${u}, ${v}) joins a node not in nodelist`);
    const key = `${Math.min(u, v)},${Math.max(u, v)}`;
    ensure(!edges.has(key), `${sampler.name}: edgelist lists (${u}, ${v}) twice`);
    edges.add(key);
  }
}

/**
 * Every row of `sampleset` is a sample of `bqm`: the same variables and vartype, values in the vartype's
 * domain, and the energy the model gives it (to `precision` decimals, dimod's rounding test).
 */
export function assertSampleSetEnergies(
  sampleset: SampleSet,
  bqm: BinaryQuadraticModel,
  precision = 7,
): void {
  ensure(sampleset instanceof SampleSet, 'expected a SampleSet');
  ensure(
    sampleset.vartype === bqm.vartype,
    `the sample set is ${sampleset.vartype} but the model ${bqm.vartype}`,
  );
  const own = new Set(sampleset.variables.map(labelKey));
  ensure(
    own.size === sampleset.numVariables && own.size === bqm.numVariables,
    `the sample set has ${sampleset.numVariables} variables, the model ${bqm.numVariables}`,
  );
  for (const l of bqm.variables)
    ensure(own.has(labelKey(l)), `the model's variable ${formatLabel(l)} is not in the sample set`);
  const ordered = sampleset.reorder(bqm.variables.toArray());
  const domain = bqm.vartype === 'SPIN' ? [-1, 1] : [0, 1];
  const energies = ordered.energy;
  for (let r = 0; r < ordered.numRows; r++) {
    const row = ordered.row(r);
    for (const x of row) ensure(domain.includes(x), `row ${r} holds ${x}, not a ${bqm.vartype} value`);
    const e = bqm.energyOf(row);
    ensure(
      Math.round((e - energies[r]!) * 10 ** precision) === 0,
      `row ${r}: energy ${energies[r]} but the model gives ${e}`,
    );
  }
}

const SNAKE = /^[a-z][a-z0-9_]*$/;

/**
 * A sampler's info: `timing` is a non-empty record of finite non-negative numbers, and every key (and every
 * key of an object one level down) is snake_case, dimod's casing.
 */
export function assertSamplerInfo(info: SamplerInfo): void {
  ensure(isRecord(info), 'info must be a record');
  ensure(isRecord(info.timing), 'info.timing must be a record');
  const timing = Object.entries(info.timing);
  ensure(timing.length > 0, 'info.timing is empty');
  for (const [k, v] of timing)
    ensure(
      typeof v === 'number' && Number.isFinite(v) && v >= 0,
      `info.timing.${k} is ${String(v)}, not a time`,
    );
  for (const [k, v] of Object.entries(info)) {
    ensure(SNAKE.test(k), `info key ${k} is not snake_case`);
    if (isRecord(v))
      for (const k2 of Object.keys(v)) ensure(SNAKE.test(k2), `info key ${k}.${k2} is not snake_case`);
  }
}

/** A value of `sample` by label, tuple labels compared by value (as dimod's sample views do). */
export function sampleValue(sample: ReadonlyMap<Label, number>, label: Label): number {
  const key = labelKey(label);
  for (const [l, v] of sample) if (labelKey(l) === key) return v;
  throw new AssertionError({ message: `the sample has no variable ${formatLabel(label)}` });
}
