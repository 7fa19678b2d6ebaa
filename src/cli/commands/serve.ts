/**
 * `qaxai serve`: starts the web app (the explainer at /, the anneal lab at /lab) on 127.0.0.1 and prints its
 * URL. Ctrl-C stops it (running jobs are cancelled).
 */

import type { Command } from 'commander';
import { parseRedisUrl } from '../../studies/queue/redis-target.js';
import { action, type CommandContext } from '../command.js';
import { addLeapConnectionOptions, exportLeapFlags, type LeapConnectionFlags } from '../leap-flags.js';
import { hostFlag, listening } from '../listen-errors.js';
import { parseNumberFlag, toJsonText } from '../output.js';

interface ServeFlags extends LeapConnectionFlags {
  port: string;
  host: string;
  model?: string;
  workers?: string;
  maxQueued?: string;
  uploadLimit?: string;
  json?: boolean;
  queue?: string;
}

export const serveCommand = {
  register(program: Command, ctx: CommandContext): void {
    addLeapConnectionOptions(program.command('serve'))
      .description('start the web app: the explainer (/) and the anneal lab (/lab), on 127.0.0.1 by default')
      .option('--port <p>', 'TCP port (0 picks a free one)', '8080')
      .option(
        '--host <addr>',
        'address to bind (127.0.0.1; anything else exposes the app to the network)',
        '127.0.0.1',
      )
      .option('--model <dir>', 'explainer model folder (default: the embedded Fashion-MNIST CNN)')
      .option('--workers <n>', 'job workers running at once (default min(2, CPU cores))')
      .option('--max-queued <n>', 'jobs that may wait for a worker before requests get 503', '256')
      .option('--upload-limit <MiB>', 'largest upload accepted, MiB', '5')
      .option('--json', 'print {"url": …} as one JSON line once listening (logs on stderr)')
      .option(
        '--queue <url>',
        "run the app's jobs on qaxai workers through Redis (redis://[:PASSWORD@]HOST:PORT[/DB]); see docs/distributed.md",
      )
      .action(
        action(ctx, 'serve', async (f: ServeFlags) => {
          const port = parseNumberFlag(f.port, '--port', { integer: true, min: 0, max: 65535 })!;
          const workers = parseNumberFlag(f.workers, '--workers', { integer: true, min: 1, max: 64 });
          const maxQueued = parseNumberFlag(f.maxQueued, '--max-queued', {
            integer: true,
            min: 0,
            max: 100_000,
          })!;
          const uploadMiB = parseNumberFlag(f.uploadLimit, '--upload-limit', {
            min: 0,
            exclusiveMin: true,
            max: 1024,
          })!;
          const host = hostFlag(f.host);
          exportLeapFlags(f); // the leap sampler of the web app's jobs reads them as DWAVE_API_* variables
          const { startWebServer } = await import('../../web/server.js');
          const server = await listening(
            startWebServer({
              host,
              port,
              ...(f.model ? { modelDir: f.model } : {}),
              ...(workers !== undefined ? { workers } : {}),
              maxQueued,
              uploadLimit: Math.round(uploadMiB * 2 ** 20),
              ...(f.queue !== undefined ? { queue: f.queue } : {}),
            }),
            { host, port },
          );
          if (f.json) process.stdout.write(toJsonText({ url: server.url }));
          else
            process.stdout.write(
              `qaxai web app: ${server.url}  (explainer at /, anneal lab at /lab; Ctrl-C stops)\n`,
            );
          if (f.queue !== undefined)
            process.stderr.write(`jobs run on the qaxai workers of ${parseRedisUrl(f.queue).display}\n`);
          if (f.host !== '127.0.0.1' && f.host !== 'localhost' && f.host !== '::1')
            process.stderr.write(
              `warning: listening on ${f.host}: anyone who can reach this address can run jobs\n`,
            );
          await new Promise<void>((resolve) => {
            const stop = () => {
              process.off('SIGINT', stop);
              process.off('SIGTERM', stop);
              void server.close().finally(resolve);
            };
            process.on('SIGINT', stop);
            process.on('SIGTERM', stop);
          });
        }),
      );
  },
};
