/** Shared fixtures for the qpu-sim tests. */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { modelFromJsonText } from '../../src/hamiltonian/io/model-json.js';

/** Real Advantage_system4.1 results with their instances (data/qpu-calibration/README.md). */
export const CALIBRATION = join(dirname(fileURLToPath(import.meta.url)), '../../data/qpu-calibration');

export interface CalibrationEntry {
  instance: number;
  n: number;
  E0_exact: number;
  deg_E0: number;
  p_qpu_E0: number;
}

export function calibrationSummary(): CalibrationEntry[] {
  return JSON.parse(readFileSync(join(CALIBRATION, 'summary.json'), 'utf8')) as CalibrationEntry[];
}

export function calibrationInstances(): { file: string; bqm: BinaryQuadraticModel; id: number }[] {
  const dir = join(CALIBRATION, 'instances');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: join(dir, f),
      bqm: modelFromJsonText(readFileSync(join(dir, f), 'utf8'), f).bqm,
      id: Number(/_(\d+)\.json$/.exec(f)![1]),
    }));
}
