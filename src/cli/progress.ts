/**
 * Progress bars for long CLI work, on stderr only (stdout stays clean for --json). Silent when stderr is not
 * a terminal or QAXAI_NO_PROGRESS is set, so logs and CI output are not flooded.
 */

import cliProgress from 'cli-progress';
import type { Progress } from '../sim/sampler.js';

export interface ProgressReporter {
  update(p: Progress): void;
  stop(): void;
}

export function createProgressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  if (!stream.isTTY || process.env.QAXAI_NO_PROGRESS) return { update: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(p: Progress) {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} {unit} | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done, { unit: p.label ?? '' });
      }
      bar.setTotal(p.total);
      bar.update(p.done, { unit: p.label ?? '' });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
