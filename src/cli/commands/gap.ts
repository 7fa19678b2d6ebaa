/**
 * `qaxai gap MODEL [--schedule …] [--points N] [--levels K] [--sector full|symmetric] [--svg FILE]`: the lowest
 * levels of H(s) over s ∈ [0, 1] and the minimum gap (cli.md's degeneracy rule), with an SVG of the spectrum.
 */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { compileModel } from '../../hamiltonian/compiled.js';
import { type GapResult, minimumGap } from '../../sim/spectrum/gap.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { defaultsLine, formatEnergyOfH, formatNumber, withUnit, wroteLine } from '../../util/format.js';
import { lineChartSvg } from '../../util/plot/index.js';
import { action, type CommandContext } from '../command.js';
import { defaultedOptions } from '../defaults.js';
import { cliText } from '../option-flags.js';
import { emit, parseNumberFlag, readModelFile, writeFileAtomic } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { addScheduleOptions, resolveSchedule } from '../schedule-flags.js';

/** The spectrum chart: every level against s, the gap level highlighted, the minimum marked. */
export function spectrumSvg(r: GapResult, scheduleName: string): string {
  const K = r.levels[0]?.length ?? 0;
  const series = Array.from({ length: K }, (_, j) => ({
    name: j === 0 ? 'E_0' : j === r.gapLevel ? `E_${j} (gap level)` : `E_${j}`,
    x: r.s,
    y: r.levels.map((l) => l[j] ?? null),
    color: j === 0 ? '#1f77b4' : j === r.gapLevel ? '#d62728' : '#999999',
    width: j === 0 || j === r.gapLevel ? 2 : 1,
    hideInLegend: !(j === 0 || j === r.gapLevel || j === 1),
  }));
  const e0 = r.levelsAtMin[0]!;
  const eg = r.levelsAtMin[Math.min(r.gapLevel, r.levelsAtMin.length - 1)]!;
  return lineChartSvg({
    title: `Spectrum of H(s), ${scheduleName}${r.sector === 'symmetric' ? ' (symmetric sector)' : ''}`,
    xLabel: 's',
    yLabel: withUnit('E', r.units),
    series,
    spans: [
      {
        x: r.sAtMin,
        y0: e0,
        y1: eg,
        label: `Δmin = ${r.minGap.toPrecision(6)} at s = ${r.sAtMin.toFixed(4)}`,
      },
    ],
  });
}

export const gapCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('gap')
      .description('spectrum of H(s) and the minimum gap over s ∈ [0, 1]')
      .argument('<MODEL>', 'model file (dimod BQM JSON, bqpjson, or the simple h/J/Q form)');
    addScheduleOptions(cmd, { timing: false });
    cmd
      .option('--points <n>', 'coarse scan points over [0, 1] before refinement', '101')
      .option('--levels <k>', 'levels to report at each point (default: max(4, g + 3))')
      .option(
        '--sector <full|symmetric>',
        'full spectrum, or the sector a forward anneal from |+⟩ explores',
        'full',
      )
      .option(
        '--method <auto|dense|lanczos>',
        'eigensolver (auto: dense for n ≤ 6, Lanczos up to n = 24)',
        'auto',
      )
      .option('--svg <file>', 'write the spectrum with the gap marked as SVG')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result to a file (atomically)')
      .action(
        action(
          ctx,
          'gap',
          async (modelPath: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
            const bqm = readModelFile(modelPath);
            const schedule = resolveSchedule({ schedule: opts.schedule as string | undefined });
            const points = parseNumberFlag(opts.points as string, '--points', {
              integer: true,
              min: 3,
              max: 100000,
            })!;
            const levels = parseNumberFlag(opts.levels as string | undefined, '--levels', {
              integer: true,
              min: 2,
              max: 256,
            });
            const sector = opts.sector as string;
            if (sector !== 'full' && sector !== 'symmetric')
              throw new InputError(`--sector: ${JSON.stringify(sector)} is not full or symmetric`, {
                field: '--sector',
              });
            const method = opts.method as string;
            if (method !== 'auto' && method !== 'dense' && method !== 'lanczos')
              throw new InputError(`--method: ${JSON.stringify(method)} is not auto, dense or lanczos`, {
                field: '--method',
              });
            const progress = createProgressReporter('gap');
            let r: GapResult;
            try {
              r = await minimumGap(compileModel(bqm, 'SPIN'), {
                schedule,
                points,
                sector,
                method,
                ...(levels !== undefined ? { levels } : {}),
                onProgress: progress.update,
              });
            } finally {
              progress.stop();
              await closeAllPools();
            }
            const svg =
              typeof opts.svg === 'string'
                ? writeFileAtomic(opts.svg, spectrumSvg(r, schedule.name))
                : undefined;
            const result = { ...r, schedule: schedule.name, n: bqm.numVariables, ...(svg ? { svg } : {}) };
            emit(
              result,
              { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
              () =>
                [
                  `minimum gap Δmin = ${formatEnergyOfH(r.minGap, r.units)} at s = ${formatNumber(r.sAtMin)}`,
                  `${schedule.name} schedule, ${r.sector} spectrum, ${r.method} eigensolver, n = ${bqm.numVariables}`,
                  `ground degeneracy of H_P: ${r.groundDegeneracy} — ${cliText(r.note, cmd)}`,
                  defaultsLine(defaultedOptions(cmd, { points: (v) => `${v} scan points (--points)` })),
                  svg && wroteLine('spectrum plot', svg),
                ]
                  .filter((l) => l)
                  .join('\n'),
            );
          },
        ),
      );
  },
};
