/**
 * `qaxai serve-sapi [--port P] [--host H] [--token T | --token-file F] [--solver NAME …] [--fault SPEC …]`:
 * the QPU emulator (qpu-sim, one instance per solver profile) behind a SAPI-compatible REST endpoint, so
 * Ocean's dwave-cloud-client or qaxai's `leap` sampler can use it by setting DWAVE_API_ENDPOINT to the URL
 * printed at start (and DWAVE_API_TOKEN to the token). Runs until interrupted (SIGINT/SIGTERM): then problems in
 * progress are cancelled, pending ones are not run, and a line on stderr lists both; the exit status is 0.
 * Problems are sampled on worker threads (also with --threads 1), so the server answers while one runs.
 * The token comes from --token, --token-file or DWAVE_API_TOKEN and is never printed or logged.
 * With --json one JSON document {endpoint, port, solvers} is printed on stdout once the server listens.
 */

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { parseFaultSpec } from '../../sapi/server/faults.js';
import { type ShutdownReport, startSapiServer } from '../../sapi/server/server.js';
import { findStructuredChild, type StructuredSampler } from '../../sim/sampler.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { action, type CommandContext } from '../command.js';
import { hostFlag, listening } from '../listen-errors.js';
import { parseNumberFlag, toJsonText } from '../output.js';
import { cliSamplers } from '../samplers.js';

export const DEFAULT_SAPI_SOLVERS = ['Advantage_system4.1', 'Advantage2_system1', 'DW_2000Q_6'];

interface ServeFlags {
  port?: string;
  host?: string;
  token?: string;
  tokenFile?: string;
  solver?: string[];
  sampler?: string;
  fault?: string[];
  workers?: string;
  threads?: string;
  basePath?: string;
  quiet?: boolean;
  json?: boolean;
}

function collect(value: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), value];
}

function readToken(o: ServeFlags): string {
  if (o.token !== undefined && o.tokenFile !== undefined)
    throw new InputError('--token and --token-file: give one of them', { field: '--token' });
  if (o.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(o.tokenFile, 'utf8');
    } catch (e) {
      throw new InputError(
        `--token-file ${o.tokenFile}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        {
          field: '--token-file',
        },
      );
    }
    const t = text.trim();
    if (t === '' || /\s/.test(t))
      throw new InputError(`--token-file ${o.tokenFile}: expected one token on a line`, {
        field: '--token-file',
      });
    return t;
  }
  const t = o.token ?? process.env.DWAVE_API_TOKEN;
  if (!t)
    throw new InputError(
      'no token: give --token, --token-file or set DWAVE_API_TOKEN (clients send it as X-Auth-Token)',
      {
        field: '--token',
      },
    );
  return t;
}

/** What stopping did to unfinished problems, in a line (ids listed, for a client's records). */
function shutdownSummary(r: ShutdownReport): string {
  const part = (ids: string[], what: string) =>
    `${ids.length} ${ids.length === 1 ? 'problem' : 'problems'} ${what}${ids.length ? ` (${ids.join(', ')})` : ''}`;
  return `${part(r.cancelled, 'in progress cancelled')}, ${part(r.notRun, 'pending not run (cancelled)')}`;
}

export const serveSapiCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('serve-sapi')
      .description('serve the QPU emulator behind a SAPI-compatible endpoint (for Ocean or --sampler leap)')
      .option('--port <port>', 'TCP port (default 0: any free port, printed at start)')
      .option('--host <host>', 'address to listen on (default 127.0.0.1)')
      .option('--token <token>', 'the API token clients must send (default: DWAVE_API_TOKEN)')
      .option('--token-file <file>', 'read the token from a file')
      .option(
        '--solver <name>',
        `a qpu-sim profile to serve, repeatable (default: ${DEFAULT_SAPI_SOLVERS.join(', ')})`,
        collect,
      )
      .option('--sampler <name>', 'structured sampler from the registry to serve (default qpu-sim)')
      .option(
        '--fault <spec>',
        'inject faults for tests, repeatable, e.g. status=429,retry_after=1,method=POST,times=2',
        collect,
      )
      .option('--workers <n>', 'problems run at once (default 1, as on a QPU)')
      .option('--threads <n>', 'worker threads per sampler (default: all cores)')
      .option('--base-path <path>', 'URL path of the API (default /sapi/v2/)')
      .option('--quiet', 'do not log requests on stderr')
      .option('--json', 'print {endpoint, port, solvers} as JSON on stdout once listening')
      .action(
        action(ctx, 'serve-sapi', async (o: ServeFlags) => {
          const port = parseNumberFlag(o.port, '--port', { integer: true, min: 0, max: 65535 }) ?? 0;
          const workers = parseNumberFlag(o.workers, '--workers', { integer: true, min: 1, max: 64 });
          const threads = parseNumberFlag(o.threads, '--threads', { integer: true, min: 1 });
          const host = hostFlag(o.host);
          const token = readToken(o);
          const faults = (o.fault ?? []).map(parseFaultSpec);
          const samplerName = o.sampler ?? 'qpu-sim';
          if (!cliSamplers.has(samplerName))
            throw new InputError(
              `--sampler: ${JSON.stringify(samplerName)} is not in the sampler registry (${cliSamplers.names.join(', ')})`,
              { field: '--sampler' },
            );
          const names = o.solver?.length ? o.solver : DEFAULT_SAPI_SOLVERS;
          const solvers = new Map<string, StructuredSampler>();
          for (const name of names) {
            // a registry entry may wrap its QPU in a composite (qpu-sim embeds logical problems); SAPI serves
            // the structured sampler at the bottom of the chain, as a QPU takes only problems on its graph
            const s = findStructuredChild(
              await cliSamplers.create(samplerName, {
                solver: name,
                ...(threads !== undefined ? { threads } : {}),
              }),
            );
            if (!s)
              throw new InputError(
                `--sampler ${samplerName} is not a structured (QPU-shaped) sampler; SAPI serves those`,
                {
                  field: '--sampler',
                },
              );
            solvers.set(name, s);
          }
          const server = await listening(
            startSapiServer({
              solvers,
              token,
              host,
              port,
              faults,
              ...(workers !== undefined ? { workers } : {}),
              ...(o.basePath ? { basePath: o.basePath } : {}),
              ...(o.quiet ? {} : { log: (l: string) => process.stderr.write(`serve-sapi: ${l}\n`) }),
            }),
            { host, port },
          ).catch(async (e) => {
            for (const s of solvers.values()) await s.close?.();
            throw e;
          });
          const info = { endpoint: server.endpoint, port: server.port, solvers: [...solvers.keys()] };
          if (o.json) process.stdout.write(toJsonText(info));
          process.stderr.write(
            `SAPI endpoint ${server.endpoint} serving ${info.solvers.join(', ')}; set DWAVE_API_ENDPOINT=${server.endpoint} (and DWAVE_API_TOKEN). Ctrl-C stops.\n`,
          );
          await new Promise<void>((resolve) => {
            const stop = () => {
              process.off('SIGINT', stop);
              process.off('SIGTERM', stop);
              resolve();
            };
            process.on('SIGINT', stop);
            process.on('SIGTERM', stop);
          });
          const report = await server.close();
          for (const s of solvers.values()) await s.close?.();
          await closeAllPools();
          process.stderr.write(`serve-sapi: stopped; ${shutdownSummary(report)}\n`);
        }),
      );
  },
};
