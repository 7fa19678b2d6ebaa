/**
 * `qaxai energy MODEL SAMPLESET`: recomputes the energy of every row of a dimod sample set on the model and
 * lists the rows whose stored energy differs (|ΔE| > 1e-9·max(1,|E|), the tolerance of cli.md). Any such row
 * makes the exit status 1 (the report is still printed), so scripts can check a file with the exit code alone.
 */

import type { Command } from 'commander';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { energiesOnModel } from '../../hamiltonian/sample-set-energies.js';
import { energiesEqual } from '../../sim/exact/enumerate.js';
import { formatNumber } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { emit, readModelFile, readSampleSetFile } from '../output.js';

export interface EnergyReport {
  numRows: number;
  energies: number[];
  mismatches: Array<{ row: number; stored: number; computed: number }>;
}

/** Energies of a sample set's rows on `bqm`; the variable sets must be equal (named when not). */
export function recomputeEnergies(bqm: BinaryQuadraticModel, ss: SampleSet): EnergyReport {
  const energies = Array.from(energiesOnModel(bqm, ss));
  const stored = ss.vectors.energy!.data as number[];
  const mismatches: EnergyReport['mismatches'] = [];
  energies.forEach((e, r) => {
    if (!energiesEqual(e, stored[r]!)) mismatches.push({ row: r, stored: stored[r]!, computed: e });
  });
  return { numRows: ss.numRows, energies, mismatches };
}

export const energyCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('energy')
      .description("recompute a sample set's energies on a model and report rows whose stored energy differs")
      .argument('<MODEL>', 'model file')
      .argument('<SAMPLESET>', 'dimod SampleSet JSON file')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result to a file (atomically)')
      .action(
        action(ctx, 'energy', (modelPath: string, ssPath: string, opts: { json?: boolean; out?: string }) => {
          const report = recomputeEnergies(readModelFile(modelPath), readSampleSetFile(ssPath));
          emit(report, opts, () => {
            const lines = [
              `${report.numRows} rows, ${report.mismatches.length} with a stored energy that differs`,
            ];
            for (const m of report.mismatches.slice(0, 20))
              lines.push(
                `  row ${m.row}: stored ${formatNumber(m.stored, 12)}, computed ${formatNumber(m.computed, 12)} (Δ = ${formatNumber(m.computed - m.stored, 3)})`,
              );
            if (report.mismatches.length > 20) lines.push(`  … ${report.mismatches.length - 20} more`);
            return lines.join('\n');
          });
          if (report.mismatches.length > 0) {
            process.stderr.write(
              `qaxai energy: ${report.mismatches.length} of ${report.numRows} rows have a stored energy that differs from the model's\n`,
            );
            ctx.setExitCode(1);
          }
        }),
      );
  },
};
