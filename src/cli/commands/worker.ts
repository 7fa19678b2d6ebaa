/**
 * `qaxai worker --queue URL [--concurrency N] [--threads T]`: a long-running worker that takes points of any
 * sweep (study points, validate runs, demo explanations, web app jobs) from the point queue on Redis, runs
 * them on worker threads with the same engines as a local run, and returns their results. Start one on every
 * machine that has qaxai and reaches Redis (docs/distributed.md). SIGINT/SIGTERM: finish the running points and
 * stop; a second signal returns them to the queue at once (another worker takes them).
 */

import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { closeAllPools } from '../../sim/threads/pool.js';
import { parseRedisUrl } from '../../studies/queue/redis-target.js';
import { qaxaiVersion } from '../../studies/queue/wire.js';
import { startPointWorker } from '../../studies/queue/worker.js';
import { action, type CommandContext } from '../command.js';
import { parseNumberFlag, toJsonText } from '../output.js';
import { threadPointEvaluator } from '../queue/thread-evaluator.js';

interface WorkerFlags {
  queue: string;
  concurrency?: string;
  threads?: string;
  lockDuration: string;
  json?: boolean;
}

export const workerCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('worker')
      .description('take points of studies, validations, demos and web jobs from a Redis queue and run them')
      .requiredOption(
        '--queue <url>',
        'the Redis of the queue: redis://[[USER]:PASSWORD@]HOST:PORT[/DB], or rediss://… for TLS',
      )
      .option('--concurrency <n>', 'points run at once (default: CPU cores ÷ --threads)')
      .option('--threads <n>', 'engine threads per point', '1')
      .option(
        '--lock-duration <ms>',
        'a point of a worker that stops answering (killed, cut off) goes back to the queue after this long',
        '30000',
      )
      .option('--json', 'print a JSON summary on stdout when the worker stops (log lines on stderr)')
      .action(
        action(ctx, 'worker', async (f: WorkerFlags) => {
          const target = parseRedisUrl(f.queue);
          const threads = parseNumberFlag(f.threads, '--threads', { integer: true, min: 1, max: 1024 })!;
          const concurrency =
            parseNumberFlag(f.concurrency, '--concurrency', { integer: true, min: 1, max: 1024 }) ??
            Math.max(1, Math.floor(availableParallelism() / threads));
          const lockDurationMs = parseNumberFlag(f.lockDuration, '--lock-duration', {
            integer: true,
            min: 1000,
            max: 3_600_000,
          })!;
          const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
          const worker = await startPointWorker(target, {
            evaluate: threadPointEvaluator(concurrency, threads),
            concurrency,
            lockDurationMs,
            log,
          });
          log(
            `qaxai worker ${worker.name}: taking points from ${target.display}, ${concurrency} at once with ${threads} thread${threads === 1 ? '' : 's'} each (qaxai ${qaxaiVersion()}); Ctrl-C finishes the running points, a second Ctrl-C hands them back`,
          );
          await new Promise<void>((resolve) => {
            let signals = 0;
            const stop = (sig: string) => {
              signals++;
              if (signals === 1) {
                log(`${sig}: finishing ${worker.stats().running} running point(s), taking no more`);
                void worker.close().then(resolve);
              } else {
                log(`${sig} again: handing the running points back to the queue`);
                void worker.close({ handBack: true }).then(resolve);
              }
            };
            process.on('SIGINT', () => stop('SIGINT'));
            process.on('SIGTERM', () => stop('SIGTERM'));
          });
          await closeAllPools();
          const s = worker.stats();
          log(`stopped: ${s.done} points done, ${s.failed} failed, ${s.refused} refused (another version)`);
          if (f.json) process.stdout.write(toJsonText({ worker: worker.name, ...s }));
        }),
      );
  },
};
