/**
 * `qaxai demo [--quick]`: the paper's evaluation on the embedded model and evaluation subset (Grad-CAM,
 * Grad-CAM++ and QA-fGradCAM side by side, the ablation baselines positive / top-k / random-k / exact, QA
 * through more samplers with --compare-samplers, paired tests, the paper's Table I), written as an HTML
 * report plus results.json, results.csv and per-image.csv into a folder.
 */

import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { Sampler } from '../../sim/sampler.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { contentHash } from '../../studies/sweep/runner.js';
import {
  defaultsLine,
  formatEnergyOfH,
  formatNumber,
  formatSeconds,
  formatTable,
  wroteLine,
} from '../../util/format.js';
import type { MethodScores } from '../../xai/evaluation.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, parseNumberListFlag } from '../output.js';
import { createProgressReporter } from '../progress.js';
import {
  addQueueOption,
  type CommandQueue,
  MAX_IN_FLIGHT,
  openCommandQueue,
} from '../queue/command-queue.js';
import { queueQaPoints } from '../queue/explain-point.js';
import { addQaOptions, type QaFlags, qaDefaults, qaSolveOptions, setupQa } from './explain.js';
import { createSampler } from './sample.js';

/** How often QA kept every candidate, and found the QUBO's exact minimiser where it was enumerated. */
function qaSelectionLine(qa: MethodScores, images: number): string {
  const pos = `QA selection = all maps with α > 0 in ${qa.equalsPositive?.count ?? 0} of ${images} images`;
  const ex = qa.equalsExact;
  return ex && ex.of > 0
    ? `${pos}; a QUBO ground state in ${ex.count} of ${ex.of}`
    : `${pos}; the exact minimiser is enumerated for d ≤ 20 only (not here)`;
}

/** The command line as run (the words after `qaxai`), quoted where a shell would need it. */
function commandLine(cmd: Command): string {
  // commander keeps the parsed words in rawArgs (not in its typings)
  const args = (cmd.parent as (Command & { rawArgs?: string[] }) | null)?.rawArgs ?? [];
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['qaxai', ...args.map(quote)].join(' ');
}

interface DemoFlags extends QaFlags {
  quick?: boolean;
  compareSamplers?: string;
  gallery?: string;
  model?: string;
  subset?: string;
  layer?: string;
  perClass?: string;
  tauSweep: string;
  out: string;
  json?: boolean;
  queue?: string;
}

/** Images per class in --quick mode (every class is still covered). */
export const QUICK_PER_CLASS = 2;

export const demoCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('demo')
      .description(
        'the paper’s evaluation (Average Drop, class disentanglement, annealing statistics) on the embedded model; writes an HTML report',
      )
      .option('--quick', `${QUICK_PER_CLASS} images per class instead of 20 (every class is covered)`)
      .option('--model <dir>', 'model folder (default: the embedded Fashion-MNIST CNN, N_f = 16)')
      .option('--subset <file>', 'evaluation subset JSON (default: eval-subset.json in the model folder)')
      .option(
        '--layer <name>',
        'target conv layer (default: the model’s recorded layer, else the last conv layer)',
      )
      .option('--per-class <n>', 'images per class (default 20, or 2 with --quick)')
      .option(
        '--tau-sweep <list>',
        'annealing times for F versus d, comma-separated ("" to skip)',
        '10,50,100',
      )
      .option(
        '--compare-samplers <list>',
        'more samplers for QA on the same QUBOs, comma-separated (e.g. sa,pimc,qpu-sim): rows qa-<name>',
      )
      .option('--gallery <n>', 'images per class in the report gallery', '3');
    addQaOptions(cmd)
      .option('--out <dir>', 'report folder to write (report.html, results.json, heatmaps/)', 'qaxai-demo')
      .option('--json', 'print one JSON document on stdout');
    addQueueOption(cmd, "images' QUBO solves and τ-sweep anneals").action(
      action(ctx, 'demo', async (f: DemoFlags, cmd: Command) => {
        const perClass =
          parseNumberFlag(f.perClass, '--per-class', { integer: true, min: 1, max: 10_000 }) ??
          (f.quick ? QUICK_PER_CLASS : 20);
        const tauSweep =
          f.tauSweep.trim() === ''
            ? []
            : parseNumberListFlag(f.tauSweep, '--tau-sweep', { min: 0, exclusiveMin: true });
        const gridPerClass = parseNumberFlag(f.gallery, '--gallery', { integer: true, min: 0, max: 100 })!;
        const compareNames = (f.compareSamplers ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n);
        const qa = await setupQa(f);
        if (f.queue !== undefined && qa.sampler.name === 'leap')
          throw new InputError(
            '--queue: the leap sampler sends its problems to D-Wave from this machine; run the demo without --queue',
            { field: '--queue' },
          );
        const compareSamplers: Sampler[] = [];
        const progress = createProgressReporter('demo');
        let queue: CommandQueue | undefined;
        try {
          const { initTf } = await import('../../xai/tf-runtime.js');
          const { loadModel, defaultModelDir } = await import('../../xai/model-io.js');
          const { FeatureModel } = await import('../../xai/feature-model.js');
          const { readEvalSubset } = await import('../../xai/eval-subset.js');
          const { evaluate } = await import('../../xai/evaluation.js');
          const { renderReport } = await import('../../xai/report-html.js');
          const { writeFolderAtomic } = await import('../../xai/write-folder.js');
          const runtime = await initTf();
          const lm = await loadModel(f.model ?? defaultModelDir());
          const subset = readEvalSubset(f.subset ?? join(lm.dir, 'eval-subset.json'));
          const fm = new FeatureModel(lm.model, f.layer ?? lm.meta.targetLayer);
          const [, h, w, c] = subset.shape;
          const [ih, iw, ic] = fm.inputShape;
          if ((ih !== null && ih !== h) || (iw !== null && iw !== w) || ic !== c)
            throw new InputError(
              `--subset: images are ${h}×${w}×${c} but the model takes ${ih}×${iw}×${ic}`,
              { field: '--subset' },
            );
          if (subset.classNames.length !== fm.numClasses)
            throw new InputError(
              `--subset: ${subset.classNames.length} classes but the model has ${fm.numClasses} outputs`,
              { field: '--subset' },
            );
          for (const name of compareNames) compareSamplers.push(await createSampler(name, { leap: f }));
          if (f.queue !== undefined) queue = await openCommandQueue(f.queue, progress);
          // the demo's points belong to one sweep per setting (for `qaxai queue status|clean`)
          const settings = [
            f.model,
            f.subset,
            f.layer,
            perClass,
            tauSweep,
            qa.sampler.name,
            qa.beta,
            qa.form,
          ];
          const sweep = `demo-${contentHash(JSON.stringify([...settings, qa.tau, qa.dt, qa.reads, qa.seed, qa.params]))}`;
          const r = await evaluate({
            fm,
            subset,
            perClass,
            tauSweep,
            gridPerClass,
            compareSamplers,
            qa: qaSolveOptions(qa),
            onProgress: (p) => (queue ?? progress).update(p),
            ...(queue ? { remote: queueQaPoints(queue, qa, sweep), concurrency: MAX_IN_FLIGHT } : {}),
          });
          progress.stop();
          const command = commandLine(cmd);
          const training = lm.meta.training as { testAccuracy?: number } | undefined;
          const { resultsCsv, perImageCsv } = await import('../../xai/report-data.js');
          const html = renderReport(r, {
            title: 'qaxai: quantum-annealing feature-map explanations beside Grad-CAM and Grad-CAM++',
            model: {
              dir: lm.dir,
              arch: lm.meta.arch ?? 'default',
              ...(lm.meta.dataset ? { dataset: lm.meta.dataset } : {}),
              ...(training?.testAccuracy !== undefined ? { testAccuracy: training.testAccuracy } : {}),
            },
            tfBackend: runtime.backend,
            command,
            downloads: [
              { label: 'results.json', href: 'results.json' },
              { label: 'results.csv', href: 'results.csv' },
              { label: 'per-image.csv', href: 'per-image.csv' },
            ],
          });
          const { grid, ...rest } = r;
          const summary = {
            ...rest,
            model: lm.dir,
            arch: lm.meta.arch ?? 'default',
            dataset: lm.meta.dataset ?? null,
            quick: f.quick === true,
            tfBackend: runtime.backend,
            command,
          };
          const files: Record<string, string | Uint8Array> = {
            'report.html': html,
            'results.json': `${JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`,
            'results.csv': resultsCsv(r),
            'per-image.csv': perImageCsv(r),
          };
          for (const g of grid) {
            files[`heatmaps/class-${g.label}-row-${g.row}-image.png`] = g.image;
            for (const [m, png] of Object.entries(g.overlays))
              files[`heatmaps/class-${g.label}-row-${g.row}-${m}.png`] = png;
          }
          const dir = writeFolderAtomic(f.out, files);
          const result = {
            ...summary,
            report: join(dir, 'report.html'),
            results: join(dir, 'results.json'),
            outDir: dir,
          };
          emit(result, { json: f.json }, () => {
            const lines = [
              `${r.images} images (${perClass} per class), sampler ${qa.sampler.name}, ${formatSeconds(r.wallSeconds)}`,
              'Average Drop % (mean ± SEM over classes; lower is better):',
              formatTable(
                ['method', 'mean', 'SEM', 'maps'],
                r.methodOrder.map((m) => {
                  const s = r.methods[m]!;
                  return [
                    m,
                    s.averageDrop.mean.toFixed(2),
                    s.averageDrop.sem.toFixed(2),
                    s.meanSelectedMaps.toFixed(2),
                  ];
                }),
              ),
              qaSelectionLine(r.methods.qa!, r.images),
              'Paired tests of per-image Average Drop (a − b):',
              ...r.comparisons.map((c) => `  ${c.summary}`),
              'Off-diagonal Bhattacharyya ≥ 0.1 (of 45):',
              formatTable(
                ['method', 'count', 'max'],
                ['gradcam', 'gradcam++', 'qa']
                  .map((m) => [m, r.disentanglement[m]!] as const)
                  .map(([m, d]) => [m, String(d.offDiagonalAtLeast0_1), d.maxOffDiagonal.toFixed(3)]),
              ),
            ];
            if (r.annealing.minGapMedian !== null)
              lines.push(
                `median minimum gap ${formatEnergyOfH(r.annealing.minGapMedian, 'dimensionless', 4)}, median F ${formatNumber(r.annealing.successProbabilityMedian, 3)}`,
              );
            else if (r.annealing.note) lines.push(r.annealing.note);
            if (r.annealing.gapLocation) lines.push(r.annealing.gapLocation.summary);
            const defaults = defaultsLine([
              ...(f.perClass === undefined ? [`${perClass} images per class (--per-class)`] : []),
              ...qaDefaults(cmd, qa),
            ]);
            if (defaults) lines.push(defaults);
            lines.push(wroteLine('report', result.report));
            return lines.join('\n');
          });
        } finally {
          progress.stop();
          await queue?.close();
          await qa.sampler.close?.();
          for (const s of compareSamplers) await s.close?.();
          await closeAllPools();
        }
      }),
    );
  },
};
