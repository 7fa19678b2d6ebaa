/**
 * SpinReversalTransformComposite (gauge transforms, King & McGeoch arXiv:1410.2628), as dwave-preprocessing:
 * for each of `num_spin_reversal_transforms` transforms draw g ∈ {±1}^n, sample the gauged Ising model
 * h'_i = g_i h_i, J'_ij = g_i g_j J_ij with the child (each transform gets the child's full num_reads), map the
 * samples back σ_i = g_i σ'_i and concatenate. Energies are recomputed on the original model, so they are
 * unchanged by construction; BINARY models are gauged in their SPIN form and returned as BINARY.
 */

import { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import { Rng, randomSeed } from '../rng.js';
import {
  defineParameters,
  type ParameterSpecs,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type Sampler,
  throwIfAborted,
} from '../sampler.js';
import { BaseComposite } from '../sampler-base.js';

const OWN_PARAMETERS = defineParameters({
  num_spin_reversal_transforms: {
    kind: 'integer',
    min: 0,
    max: 100_000,
    default: 1,
    doc: 'gauge transforms to run; each samples the child once with its full num_reads (0 passes through)',
  },
  srt_seed: {
    kind: 'integer',
    min: 0,
    max: 2 ** 32 - 1,
    doc: 'seed for the gauges (default: random, recorded in info)',
  },
});

/** Draws the gauge of transform `t` for `n` variables. */
export function drawGauge(seed: number, t: number, n: number): Int8Array {
  return drawGaugeFrom(Rng.fromSeed(seed, t), n);
}

/** Draws a gauge g ∈ {±1}^n from `rng` (n spins in variable order). */
export function drawGaugeFrom(rng: Rng, n: number): Int8Array {
  const g = new Int8Array(n);
  for (let i = 0; i < n; i++) g[i] = rng.nextSpin();
  return g;
}

/**
 * Applies gauge g to spins in place: row-major rows of n = g.length spins, σ_i → g_i σ_i. The gauge is its own
 * inverse, so this maps a gauged model's samples back (σ_i = g_i σ'_i) and a state into the gauged frame.
 */
export function gaugeSpins(spins: Int8Array, g: Int8Array): Int8Array {
  const n = g.length;
  for (let k = 0; k < spins.length; k++) spins[k] = spins[k]! * g[k % n]!;
  return spins;
}

/** The SPIN model with gauge g applied (labels and order kept). */
export function applyGauge(spin: BinaryQuadraticModel, g: Int8Array): BinaryQuadraticModel {
  const out = new BinaryQuadraticModel('SPIN', spin.offset);
  for (let i = 0; i < spin.numVariables; i++) out.addLinear(spin.variables.at(i), g[i]! * spin.linearAt(i));
  for (const [i, j, b] of spin.interactions()) out.addQuadraticByIndex(i, j, g[i]! * g[j]! * b);
  return out;
}

export class SpinReversalTransformComposite extends BaseComposite {
  readonly name: string;
  readonly parameters: ParameterSpecs;
  readonly properties: Readonly<Record<string, unknown>>;

  constructor(child: Sampler) {
    super(child);
    this.name = `spin-reversal(${child.name})`;
    this.parameters = { ...child.parameters, ...OWN_PARAMETERS };
    this.properties = { child_properties: child.properties };
  }

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const own = resolveParameters(this.name, OWN_PARAMETERS, {
      num_spin_reversal_transforms: params.num_spin_reversal_transforms,
      srt_seed: params.srt_seed,
    });
    const childParams: SampleParams = { ...params };
    delete childParams.num_spin_reversal_transforms;
    delete childParams.srt_seed;
    const count = own.num_spin_reversal_transforms;
    if (count === 0) return this.child.sample(bqm, childParams, options);
    const seed = own.srt_seed ?? randomSeed();
    const spin = bqm.vartype === 'SPIN' ? bqm : bqm.changeVartype('SPIN');
    const n = spin.numVariables;
    const parts: SampleSet[] = [];
    for (let t = 0; t < count; t++) {
      throwIfAborted(options.signal);
      const g = drawGauge(seed, t, n);
      const child = await this.child.sample(applyGauge(spin, g), childParams, options);
      const ordered = child.reorder(spin.variables.toArray());
      const samples = gaugeSpins(ordered.samples.slice(), g);
      const back = SampleSet.fromSamplesBqm(spin, samples, {
        vectors: withoutEnergy(ordered),
        info: child.info,
      });
      parts.push(bqm.vartype === 'SPIN' ? back : back.changeVartype('BINARY', 0));
    }
    const out = SampleSet.concatenate(parts);
    out.info = { ...parts[0]!.info, spin_reversal: { num_spin_reversal_transforms: count, srt_seed: seed } };
    return out;
  }
}

function withoutEnergy(ss: SampleSet): SampleSet['vectors'] {
  const v = { ...ss.vectors };
  delete v.energy;
  return v;
}
