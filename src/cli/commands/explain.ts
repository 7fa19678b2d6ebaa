/**
 * `qaxai explain IMAGE`: explains one image's prediction with the paper's QA-fGradCAM (the maps a QUBO
 * solver selects), Grad-CAM or Grad-CAM++, writes the heatmap overlay as PNG and prints the result.
 */

import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { SampleParams, Sampler } from '../../sim/sampler.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { defaultsLine, formatEnergyOfH, formatNumber, wroteLine } from '../../util/format.js';
import type { AnnealAnalyzer } from '../../xai/anneal-stats.js';
import type { ExplainMethod } from '../../xai/explainer.js';
import type { QaSolveOptions } from '../../xai/qa-select.js';
import type { FeatureQuboOptions, QuboForm } from '../../xai/qubo.js';
import { action, type CommandContext } from '../command.js';
import { defaultedOptions } from '../defaults.js';
import { addLeapConnectionOptions, type LeapConnectionFlags } from '../leap-flags.js';
import { cliText } from '../option-flags.js';
import { emit, parseNumberFlag, parseParamsFlag, writeFileAtomic } from '../output.js';
import { cliSamplers } from '../samplers.js';
import { createSampler } from './sample.js';

const METHODS: readonly ExplainMethod[] = ['qa', 'gradcam', 'gradcam++'];

/** The sampler a QA explanation uses when none is named: statevector (the paper's) when registered, else exact. */
export function defaultXaiSampler(): string {
  return cliSamplers.has('statevector') ? 'statevector' : 'exact';
}

export interface QaFlags extends LeapConnectionFlags {
  sampler?: string;
  beta: string;
  quboForm: string;
  tau: string;
  dt: string;
  reads?: string;
  seed: string;
  threads?: string;
  params?: string;
  annealStats?: boolean;
}

/** The QUBO/sampler settings of {@link addQaOptions} that came from defaults, in words with their flags. */
export function qaDefaults(cmd: Command, qa: QaSetup): string[] {
  return [
    ...(cmd.getOptionValue('sampler') === undefined ? [`sampler ${qa.sampler.name} (--sampler)`] : []),
    ...defaultedOptions(cmd, {
      beta: (v) => `β = ${v} (--beta)`,
      tau: (v) => `anneal time ${v} τ (--tau)`,
      dt: (v) => `dt = ${v} τ (--dt)`,
    }),
  ];
}

/** Adds the QUBO/sampler flags shared by explain and demo. */
export function addQaOptions(cmd: Command): Command {
  return addLeapConnectionOptions(cmd)
    .option(
      '--sampler <name>',
      `QUBO solver (${cliSamplers.names.join(', ')}; default statevector when available, else exact)`,
    )
    .option('--beta <b>', 'QUBO weight β of the importance term, in [0, 1]', '0.7')
    .option(
      '--qubo-form <form>',
      'paper: (1−β)ΣJ x x − βΣh x; code: the authors’ script (4(1−β), 2β)',
      'paper',
    )
    .option('--tau <t>', 'annealing time τ of the linear schedule (ħ/energy)', '50')
    .option('--dt <dt>', 'time step (ħ/energy)', '0.01')
    .option('--reads <n>', 'reads per image (default d², the paper’s shots)')
    .option('--seed <s>', 'seed of the samplers', '0')
    .option('--threads <n>', 'worker threads for the sampler')
    .option(
      '--params <json>',
      'extra sampler parameters as a JSON object (Ocean names; override the offered ones)',
    )
    .option('--no-anneal-stats', 'skip the per-image minimum gap and success probability');
}

export interface QaSetup {
  sampler: Sampler;
  analyzer: AnnealAnalyzer | undefined;
  beta: number;
  form: QuboForm;
  tau: number;
  dt: number;
  reads: number | undefined;
  seed: number;
  params: SampleParams | undefined;
}

/** Validates the shared flags and builds the sampler (and the annealing analyzer when an engine is present). */
export async function setupQa(f: QaFlags): Promise<QaSetup> {
  const beta = parseNumberFlag(f.beta, '--beta', { min: 0, max: 1 })!;
  if (f.quboForm !== 'paper' && f.quboForm !== 'code')
    throw new InputError(`--qubo-form: ${JSON.stringify(f.quboForm)} is not one of paper, code`, {
      field: '--qubo-form',
    });
  const tau = parseNumberFlag(f.tau, '--tau', { min: 0, exclusiveMin: true })!;
  const dt = parseNumberFlag(f.dt, '--dt', { min: 0, exclusiveMin: true })!;
  if (dt > tau) throw new InputError(`--dt: ${dt} is larger than --tau ${tau}`, { field: '--dt' });
  const reads = parseNumberFlag(f.reads, '--reads', { integer: true, min: 1, max: 1_000_000 });
  const seed = parseNumberFlag(f.seed, '--seed', { integer: true, min: 0, max: 2 ** 32 - 1 })!;
  const threads = parseNumberFlag(f.threads, '--threads', { integer: true, min: 1 });
  const params = parseParamsFlag(f.params);
  const sampler = await createSampler(f.sampler ?? defaultXaiSampler(), {
    ...(threads !== undefined ? { threads } : {}),
    leap: f,
  });
  const { defaultAnnealAnalyzer } = await import('../../xai/sim-analyzer.js');
  const analyzer =
    f.annealStats === false
      ? undefined
      : defaultAnnealAnalyzer({ driver: f.quboForm === 'code' ? 'code' : 'paper' });
  return {
    sampler,
    analyzer,
    beta,
    form: f.quboForm,
    tau,
    dt,
    reads,
    seed,
    params: params as SampleParams | undefined,
  };
}

/** The QA solve options of a setup, as evaluate() and explainImage() take them. */
export function qaSolveOptions(qa: QaSetup): QaSolveOptions & FeatureQuboOptions {
  return {
    sampler: qa.sampler,
    seed: qa.seed,
    beta: qa.beta,
    form: qa.form,
    tau: qa.tau,
    dt: qa.dt,
    ...(qa.reads !== undefined ? { reads: qa.reads } : {}),
    ...(qa.params ? { params: qa.params } : {}),
    ...(qa.analyzer ? { analyzer: qa.analyzer } : {}),
  };
}

interface ExplainFlags extends QaFlags {
  model?: string;
  method: string;
  layer?: string;
  target?: string;
  invert?: boolean;
  out?: string;
  json?: boolean;
}

export const explainCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('explain')
      .description(
        'explain an image classifier’s prediction: QA-selected feature maps (the paper), Grad-CAM or Grad-CAM++',
      )
      .argument('<IMAGE>', 'PNG or JPEG image (converted to the model’s input size and channels)')
      .option(
        '--model <dir>',
        'TensorFlow.js layers model folder (default: the embedded Fashion-MNIST CNN, N_f = 16)',
      )
      .option('--method <m>', 'qa, gradcam or gradcam++', 'qa')
      .option(
        '--layer <name>',
        'target conv layer (default: the model’s recorded layer, else the last conv layer)',
      )
      .option('--target <class>', 'explain this class index instead of the prediction')
      .option('--invert', 'invert the image (dark objects on light backgrounds)');
    addQaOptions(cmd)
      .option(
        '--out <png>',
        'heatmap overlay PNG to write (default: <image>-<method>.png in the current folder)',
      )
      .option('--json', 'print one JSON document on stdout')
      .action(
        action(ctx, 'explain', async (imagePath: string, f: ExplainFlags, cmd: Command) => {
          if (!METHODS.includes(f.method as ExplainMethod))
            throw new InputError(
              `--method: ${JSON.stringify(f.method)} is not one of ${METHODS.join(', ')}`,
              { field: '--method' },
            );
          const method = f.method as ExplainMethod;
          const target = parseNumberFlag(f.target, '--target', { integer: true, min: 0 });
          let bytes: Uint8Array;
          try {
            bytes = new Uint8Array(readFileSync(imagePath));
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            throw new InputError(
              `IMAGE ${imagePath}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}`,
              {
                field: 'IMAGE',
              },
            );
          }
          const qa = method === 'qa' ? await setupQa(f) : undefined;
          try {
            const { initTf } = await import('../../xai/tf-runtime.js');
            const { loadModel, defaultModelDir } = await import('../../xai/model-io.js');
            const { FeatureModel } = await import('../../xai/feature-model.js');
            const { explainImage } = await import('../../xai/explain-image.js');
            const { decodeImage } = await import('../../xai/image-io.js');
            decodeImage(bytes, `IMAGE ${imagePath}`);
            const runtime = await initTf();
            const lm = await loadModel(f.model ?? defaultModelDir());
            const fm = new FeatureModel(lm.model, f.layer ?? lm.meta.targetLayer);
            const t0 = performance.now();
            const r = await explainImage({
              fm,
              ...(lm.meta.classNames ? { classNames: lm.meta.classNames } : {}),
              image: bytes,
              method,
              ...(f.invert ? { invert: true } : {}),
              ...(target !== undefined ? { target } : {}),
              ...(qa ? { qa: qaSolveOptions(qa) } : {}),
            });
            const seconds = (performance.now() - t0) / 1000;
            const out = f.out ?? `${basename(imagePath, extname(imagePath))}-${method}.png`;
            const png = writeFileAtomic(out, r.overlayPng);
            const result = {
              image: resolve(imagePath),
              model: lm.dir,
              layer: r.layer,
              method,
              predictedClass: r.predictedClass,
              className: r.className,
              probability: r.probability,
              target: r.target,
              selectedMaps: r.selectedMaps,
              numMaps: r.mapShape[2],
              weights: r.weights,
              heatmapPng: png,
              qubo: r.qubo,
              selection: r.selection,
              annealing: r.annealing,
              sampler: r.sampler,
              inputNotes: r.notes,
              warnings: r.warnings,
              tfBackend: runtime.backend,
              wallSeconds: seconds,
            };
            for (const w of r.warnings) if (!f.json) process.stderr.write(`warning: ${cliText(w, cmd)}\n`);
            emit(result, { json: f.json }, () =>
              [
                `predicted ${r.predictedClass} (${r.className}), p = ${formatNumber(r.probability, 4)}`,
                `${method}: maps [${r.selectedMaps.join(', ')}] of ${r.mapShape[2]} at layer ${r.layer}`,
                r.qubo &&
                  `QUBO d = ${r.qubo.d}, β = ${r.qubo.beta}, energy ${formatNumber(r.qubo.energy)}, sampler ${r.sampler?.name}`,
                r.selection?.summary,
                r.annealing?.minGap != null &&
                  `minimum gap ${formatEnergyOfH(r.annealing.minGap, 'dimensionless', 4)} at s = ${formatNumber(r.annealing.sAtMin, 4)}, F = ${formatNumber(r.annealing.successProbability, 4)}`,
                qa && defaultsLine(qaDefaults(cmd, qa)),
                wroteLine('heatmap', png),
              ]
                .filter((l) => l)
                .join('\n'),
            );
          } finally {
            await qa?.sampler.close?.();
            await closeAllPools();
          }
        }),
      );
  },
};
