/**
 * `--queue URL` for the commands that sweep (study, validate, demo): their points go to the point queue
 * (src/studies/queue) instead of this machine's threads, and the progress bar shows the queue's side
 * (running, waiting, failed, workers). Warnings go to stderr once: Redis unreachable (the run waits for it),
 * or only workers of another qaxai version connected (they refuse these points).
 */

import type { Command } from 'commander';
import type { Progress } from '../../sim/sampler.js';
import { parseRedisUrl } from '../../studies/queue/redis-target.js';
import { type PointRequest, PointSubmitter, type QueueProgress } from '../../studies/queue/submitter.js';
import type { JsonLike, SweepOptions } from '../../studies/sweep/runner.js';
import type { ProgressReporter } from '../progress.js';

/** Points a command keeps queued at once (the rest follow as these finish). */
export const MAX_IN_FLIGHT = 10_000;

export function addQueueOption(cmd: Command, what: string): Command {
  return cmd.option(
    '--queue <url>',
    `run the ${what} on qaxai workers through Redis (redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS); see docs/distributed.md`,
  );
}

export interface CommandQueue {
  /** runSweep's evaluate: each point a job of `kind`; `files` names the input files a spec reads. */
  evaluator(
    kind: string,
    files?: (spec: JsonLike) => Record<string, string>,
  ): SweepOptions<JsonLike>['evaluate'];
  run(p: PointRequest, o?: { signal?: AbortSignal }): Promise<JsonLike>;
  /** Shows sweep progress with the queue's counts. */
  update(p: Progress): void;
  close(): Promise<void>;
}

function describe(s: QueueProgress): string {
  if (s.redisDown !== undefined) return 'Redis unreachable, waiting';
  return `${s.running} running, ${s.waiting} waiting, ${s.failed} failed, ${s.workers} worker${s.workers === 1 ? '' : 's'}`;
}

export async function openCommandQueue(url: string, progress: ProgressReporter): Promise<CommandQueue> {
  const target = parseRedisUrl(url);
  let last: Progress | undefined;
  let sub: PointSubmitter | undefined;
  let wasDown = false;
  const warned = new Set<string>();
  const warn = (key: string, line: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    process.stderr.write(`${target.mask(line)}\n`);
  };
  const render = () => {
    if (last && sub)
      progress.update({ ...last, label: `${last.label ?? 'points'} · ${describe(sub.status())}` });
  };
  sub = await PointSubmitter.open(target, {
    onStatus: (s) => {
      render();
      if (s.redisDown !== undefined && !wasDown) {
        wasDown = true;
        process.stderr.write(
          `warning: Redis at ${target.display} is unreachable (${target.mask(s.redisDown)}); waiting for it, the points stay queued\n`,
        );
      } else if (s.redisDown === undefined && wasDown) {
        wasDown = false;
        process.stderr.write(`Redis at ${target.display} is reachable again\n`);
      }
      if (s.otherVersions.length > 0 && s.sameVersionWorkers === 0)
        warn(
          `v${s.otherVersions.join()}`,
          `warning: the workers connected to ${target.display} run qaxai ${s.otherVersions.join(', ')} and refuse these points; start workers of this qaxai's version`,
        );
    },
  });
  const submitter = sub;
  return {
    evaluator: (kind, files) => (spec, signal, point) =>
      submitter.run(
        { kind, spec, ...(files ? { files: files(spec) } : {}), sweep: point.sweepHash },
        { signal },
      ),
    run: (p, o) => submitter.run(p, o),
    update(p) {
      last = p;
      render();
    },
    close: () => submitter.close(),
  };
}
