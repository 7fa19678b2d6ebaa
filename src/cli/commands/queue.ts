/**
 * `qaxai queue status|drain|clean --queue URL`: the point queue that `--queue` runs and `qaxai worker`s share.
 *   status   points waiting, running, delayed, failed, finished (per sweep), the workers connected, the
 *            latest failures
 *   drain    removes every waiting point (running points finish)
 *   clean    removes finished and failed points; with --sweep, every point of that sweep (a study folder, a
 *            validate --checkpoint folder, or a sweep id from `status`) that no worker is running
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { cleanQueue, drainQueue, queueStatus } from '../../studies/queue/admin.js';
import { parseRedisUrl } from '../../studies/queue/redis-target.js';
import { formatTable, plural } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { emit } from '../output.js';

interface QueueFlags {
  queue: string;
  sweep?: string;
  json?: boolean;
}

const ACTIONS = ['status', 'drain', 'clean'] as const;

/** The sweep ids of a study folder (its manifest), a validate checkpoint (fit/ and final/), or the id itself. */
export function sweepIds(value: string): string[] {
  const manifests = [
    join(value, 'manifest.json'),
    join(value, 'fit', 'manifest.json'),
    join(value, 'final', 'manifest.json'),
  ];
  const found = manifests.filter((m) => existsSync(m));
  if (found.length === 0) return [value];
  return found.map((m) => {
    const hash = (JSON.parse(readFileSync(m, 'utf8')) as { sweepHash?: unknown }).sweepHash;
    if (typeof hash !== 'string')
      throw new InputError(`--sweep: ${m} holds no sweepHash; is it a qaxai sweep folder?`, {
        field: '--sweep',
      });
    return hash;
  });
}

export const queueCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('queue')
      .description('the Redis point queue of --queue and qaxai worker: status, drain (drop waiting), clean')
      .argument('<action>', ACTIONS.join(' | '))
      .requiredOption(
        '--queue <url>',
        'the Redis of the queue: redis://[:PASSWORD@]HOST:PORT[/DB] or rediss://…',
      )
      .option(
        '--sweep <dir|id>',
        'clean: only the points of this sweep (a study or checkpoint folder, or an id)',
      )
      .option('--json', 'print JSON on stdout')
      .action(
        action(ctx, 'queue', async (what: string, f: QueueFlags) => {
          if (!(ACTIONS as readonly string[]).includes(what))
            throw new InputError(`action: ${JSON.stringify(what)} is not one of ${ACTIONS.join(', ')}`, {
              field: 'action',
            });
          if (f.sweep !== undefined && what !== 'clean')
            throw new InputError('--sweep: only `qaxai queue clean` takes a sweep', { field: '--sweep' });
          const target = parseRedisUrl(f.queue);
          if (what === 'status') {
            const r = await queueStatus(target);
            emit(r, { json: f.json === true }, () => {
              const c = r.counts;
              const lines = [
                `${r.queue}: ${c.waiting} waiting, ${c.active} running, ${c.delayed} delayed, ${c.failed} failed, ${c.completed} finished (not yet collected)`,
                r.workers.length === 0
                  ? 'no workers connected'
                  : `${plural(r.workers.length, 'worker')}: ${r.workers.map((w) => `${w.host}:${w.pid} (qaxai ${w.version})`).join(', ')}`,
              ];
              if (r.sweeps.length > 0)
                lines.push(
                  formatTable(
                    ['sweep', 'waiting', 'running', 'delayed', 'failed', 'finished'],
                    r.sweeps.map((s) =>
                      [s.sweep, s.waiting, s.active, s.delayed, s.failed, s.completed].map(String),
                    ),
                  ),
                );
              for (const x of r.failures)
                lines.push(
                  `failed ${x.id} (${x.kind}, sweep ${x.sweep}, ${plural(x.attempts, 'attempt')}): ${x.error}`,
                );
              return lines.join('\n');
            });
          } else if (what === 'drain') {
            const removed = await drainQueue(target);
            emit(
              { queue: target.display, removed },
              { json: f.json === true },
              () => `${target.display}: removed ${plural(removed, 'waiting point')}; running points finish`,
            );
          } else {
            const sweeps = f.sweep !== undefined ? sweepIds(f.sweep) : undefined;
            const removed = await cleanQueue(target, sweeps);
            emit(
              { queue: target.display, removed, ...(sweeps ? { sweeps } : {}) },
              { json: f.json === true },
              () =>
                sweeps
                  ? `${target.display}: removed ${plural(removed, 'point')} of sweep ${sweeps.join(', ')}`
                  : `${target.display}: removed ${plural(removed, 'finished or failed point')}`,
            );
          }
        }),
      );
  },
};
