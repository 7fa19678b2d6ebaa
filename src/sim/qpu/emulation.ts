/**
 * The emulated QPU of one qpu-sim run, resolved from its parameters and profile: engine, temperature, sweeps,
 * the schedule sheet and path with their per-sweep table, the per-qubit controls (with M_AFM and their sweep
 * table for the thermal engines), the flux drift, programming noise and readout errors.
 */

import { getSchedule, getScheduleTable } from '../../hamiltonian/schedule/catalog.js';
import type { QubitControls } from '../../hamiltonian/schedule/qubit-controls.js';
import { type ScheduleTable, tableSchedule } from '../../hamiltonian/schedule/table.js';
import { type AnnealingSchedule, type AnnealPath, pathDuration } from '../../hamiltonian/schedule/types.js';
import { mkToBeta } from '../../hamiltonian/schedule/units.js';
import { DEFAULT_SWEEPS_PER_US } from '../mc/anneal-params.js';
import { type AnnealTable, buildAnnealTable } from '../mc/anneal-table.js';
import { buildQubitSweepTable, type QubitSweepTable } from '../mc/qubit-table.js';
import type { Rng } from '../rng.js';
import type { ResolvedParameters } from '../sampler.js';
import type { QpuProfile } from './profiles.js';
import type { ProgrammingNoise } from './programming.js';
import type { QpuEngine, QpuParameters } from './qpu-parameters.js';

/** The emulated QPU of one run: engine, temperature, sweeps, the anneal table, controls, noise and readout errors. */
export interface Emulation {
  engine: QpuEngine;
  temperatureMk: number;
  /** 1/(k_B·T/h), 1/GHz. */
  beta: number;
  numSweeps: number;
  /** The published schedule sheet (A scaled by x_transverse_scale), as a table and a schedule, and the path. */
  scheduleName: string;
  scheduleTable: ScheduleTable;
  schedule: AnnealingSchedule;
  transverseScale: number;
  path: AnnealPath;
  table: AnnealTable;
  slices: number;
  /** Per-qubit controls on the model's variables (M_AFM included); undefined when neutral. */
  controls: QubitControls | undefined;
  /** Their per-sweep table for the thermal engines (without the flux drift, which changes per programming). */
  qubitTable: QubitSweepTable | undefined;
  /** Standard deviation of each qubit's static flux drift per programming, Φ0 (0: compensated). */
  fluxDrift: number;
  noise: ProgrammingNoise;
  /** χ of the background susceptibility (./susceptibility.ts), 0 for none. */
  chi: number;
  /** Draw the programming noise for every read (else once per programming). */
  perRead: boolean;
  readoutFlipProbability: number;
  backend: 'cpu' | 'gpu';
}

/** The emulation of a run along `path` on the schedule sheet `scheduleName`, from the x_ parameters and the profile. */
export function qpuEmulation(
  p: ResolvedParameters<QpuParameters>,
  prof: QpuProfile,
  path: AnnealPath,
  scheduleName: string,
  controls: QubitControls | undefined,
  n: number,
): Emulation {
  const temperatureMk = p.x_temperature_mk ?? prof.temperatureMk;
  const beta = mkToBeta(temperatureMk);
  const numSweeps =
    p.x_num_sweeps ??
    Math.max(1, Math.round((p.x_sweeps_per_us ?? DEFAULT_SWEEPS_PER_US) * pathDuration(path)));
  const fluxDrift = p.flux_drift_compensation ? 0 : p.x_flux_drift_phi0;
  const transverseScale = p.x_transverse_scale;
  const published = getScheduleTable(scheduleName);
  const scheduleTable =
    transverseScale === 1 ? published : { ...published, A: published.A.map((a) => a * transverseScale) };
  const schedule =
    transverseScale === 1 ? getSchedule(scheduleName) : tableSchedule(scheduleName, scheduleTable);
  const withM = controls || fluxDrift > 0 ? { ...controls, mAfmPh: prof.mAfmPh } : undefined;
  return {
    engine: p.x_engine,
    temperatureMk,
    beta,
    numSweeps,
    scheduleName,
    scheduleTable,
    schedule,
    transverseScale,
    path,
    table: buildAnnealTable(schedule, path, beta, numSweeps),
    controls: withM,
    qubitTable:
      withM && p.x_engine !== 'statevector'
        ? buildQubitSweepTable(scheduleName, scheduleTable, path, beta, numSweeps, n, withM)
        : undefined,
    fluxDrift,
    slices: p.x_trotter_slices,
    noise: { sigmaH: p.x_h_noise_sigma, sigmaJ: p.x_j_noise_sigma },
    chi: p.x_background_susceptibility,
    perRead: p.x_noise === 'per_read',
    readoutFlipProbability: p.x_readout_flip_probability,
    backend: p.x_backend,
  };
}

/** info.emulation.qubit_controls: what the per-qubit controls of the run do. */
export function controlsInfo(emu: Emulation): Record<string, unknown> {
  const c = emu.controls!;
  const offsets = c.offsets ? [...new Set(c.offsets)].sort((a, b) => a - b) : [];
  return {
    anneal_offsets: offsets.length
      ? { distinct: offsets.length, min: offsets[0], max: offsets.at(-1) }
      : null,
    h_gain_schedule: c.hGain ? c.hGain.map((q) => [q[0], q[1]]) : null,
    flux_biases: c.fluxBiases ? c.fluxBiases.reduce((k, x) => k + (x !== 0 ? 1 : 0), 0) : 0,
    flux_drift_phi0: emu.fluxDrift,
    m_afm_ph: c.mAfmPh,
  };
}

/** The controls of one programming chunk: the run's, plus a fresh static flux drift per qubit when uncompensated. */
export function chunkControls(emu: Emulation, n: number, rng: Rng): QubitControls | undefined {
  if (!(emu.fluxDrift > 0)) return emu.controls;
  const flux = new Float64Array(n);
  for (let i = 0; i < n; i++)
    flux[i] = (emu.controls?.fluxBiases?.[i] ?? 0) + emu.fluxDrift * rng.nextGaussian();
  return { ...emu.controls, fluxBiases: flux };
}
