/**
 * `qaxai leap …`: the Leap (SAPI) side of qaxai.
 *   leap solvers [--json]            solvers the token can use (name, topology, numQubits, status, …)
 *   leap solver NAME [--json]        one solver's summary and parameters
 *   leap problem ID [--json]         a problem's status and metadata (`--answer` decodes its SampleSet)
 *   leap cancel ID… [--json]         cancel problems
 *   leap replay FILE [--json|--out]  decode a raw answer saved with --save-raw, offline
 *   leap config [--json]             the resolved configuration (the token is never shown)
 * Configuration as Ocean: DWAVE_API_TOKEN, DWAVE_API_ENDPOINT, DWAVE_API_REGION, DWAVE_API_SOLVER,
 * DWAVE_CONFIG_FILE / DWAVE_PROFILE and dwave.conf; the flags below override them.
 * Sampling goes through the sampler registry: `qaxai sample MODEL --sampler leap --solver NAME`.
 */

import type { Command } from 'commander';
import { sampleSetToDimodJson } from '../../hamiltonian/io/dimod-sampleset.js';
import { LeapClient } from '../../sapi/client/client.js';
import { describeConfig, type LeapConfigOverrides, loadLeapConfig } from '../../sapi/client/config.js';
import { sampleSetFromQpAnswer, vartypeOf } from '../../sapi/client/qp-coders.js';
import { readRawAnswerFile, replayRawAnswer } from '../../sapi/client/raw-answers.js';
import { type SolverSummary, summarizeSolver } from '../../sapi/client/solver-summary.js';
import { formatEnergy, formatNumber, formatTable } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { addLeapConnectionOptions } from '../leap-flags.js';
import { emit, parseNumberFlag } from '../output.js';

interface ConnFlags {
  token?: string;
  endpoint?: string;
  region?: string;
  configFile?: string;
  profile?: string;
  requestTimeout?: string;
  json?: boolean;
  out?: string;
}

function withConnectionFlags(c: Command): Command {
  return addLeapConnectionOptions(c)
    .option('--request-timeout <s>', 'seconds per HTTP request (default 60)')
    .option('--json', 'print JSON on stdout');
}

function overrides(o: ConnFlags): LeapConfigOverrides {
  return {
    token: o.token,
    endpoint: o.endpoint,
    region: o.region,
    configFile: o.configFile,
    profile: o.profile,
    requestTimeout: parseNumberFlag(o.requestTimeout, '--request-timeout', { min: 0, exclusiveMin: true }),
  };
}

function clientFor(o: ConnFlags): LeapClient {
  return LeapClient.fromConfig(loadLeapConfig(overrides(o)), {
    log: (l) => process.stderr.write(`qaxai leap: ${l}\n`),
  });
}

/** A solver property range [lo, hi] as text; '-' when the solver does not state it. */
function rangeText(r: readonly number[] | null | undefined): string {
  return r ? `[${r.map((x) => formatNumber(x)).join(', ')}]` : '-';
}

function solversText(endpoint: string, list: SolverSummary[]): string {
  const rows = list.map((s) => [
    s.name,
    s.topology ? `${s.topology.type} ${s.topology.shape.join('x')}` : '-',
    s.numQubits === null ? '-' : String(s.numQubits),
    s.numActiveQubits === null ? '-' : String(s.numActiveQubits),
    s.status,
    s.category ?? '-',
  ]);
  const head = ['name', 'topology', 'numQubits', 'active', 'status', 'category'];
  return [`solvers at ${endpoint}`, formatTable(head, rows)].join('\n');
}

export const leapCommand = {
  register(program: Command, ctx: CommandContext): void {
    const leap = program
      .command('leap')
      .description('D-Wave Leap (SAPI): list solvers, inspect or cancel problems, replay saved answers');

    withConnectionFlags(
      leap.command('solvers').description('list the solvers available to the token'),
    ).action(
      action(ctx, 'leap solvers', async (o: ConnFlags) => {
        const client = clientFor(o);
        const solvers = (await client.listSolvers()).map(summarizeSolver);
        emit({ endpoint: client.endpoint, solvers }, { json: o.json === true }, () =>
          solversText(client.endpoint, solvers),
        );
      }),
    );

    withConnectionFlags(leap.command('solver').description("one solver's summary, parameters and ranges"))
      .argument('<name>', 'solver name')
      .action(
        action(ctx, 'leap solver', async (name: string, o: ConnFlags) => {
          const d = await clientFor(o).getSolver(name);
          const out = { ...summarizeSolver(d), parameters: d.properties.parameters ?? {} };
          emit(out, { json: o.json === true }, () =>
            [
              `${out.name} (${out.status}), ${out.topology ? `${out.topology.type} ${out.topology.shape.join('x')}` : 'no topology'}`,
              `qubits ${out.numActiveQubits}/${out.numQubits} working, couplers ${out.numCouplers}`,
              `annealing_time_range ${rangeText(out.annealingTimeRange)} µs, num_reads_range ${rangeText(out.numReadsRange)}`,
              `h_range ${rangeText(out.hRange)}, j_range ${rangeText(out.jRange)}`,
              `parameters: ${Object.keys(out.parameters).sort().join(', ')}`,
            ].join('\n'),
          );
        }),
      );

    withConnectionFlags(leap.command('problem').description("a problem's status and metadata"))
      .argument('<id>', 'problem id')
      .option('--answer', 'decode the answer into a dimod SampleSet (printed instead of the status)')
      .action(
        action(ctx, 'leap problem', async (id: string, o: ConnFlags & { answer?: boolean }) => {
          const client = clientFor(o);
          const info = await client.getProblemInfo(id);
          if (o.answer) {
            const status = await client.finish(await client.getProblem(id));
            const type = info.metadata.type === 'qubo' ? 'qubo' : 'ising';
            const ss = sampleSetFromQpAnswer(status.answer, {
              type,
              offset: info.data?.offset ?? 0,
              problemId: id,
              label: info.metadata.label ?? undefined,
              info: { sampler: 'leap', solver: info.metadata.solver?.name },
            });
            emit(
              sampleSetToDimodJson(ss),
              { json: o.json === true },
              () =>
                `${ss.numRows} rows (${vartypeOf(type)}), lowest energy ${formatEnergy(Math.min(...ss.energy))}`,
            );
            return;
          }
          const { answer: _answer, ...rest } = info as typeof info & { answer?: unknown };
          const out = {
            id: info.id,
            ...rest.metadata,
            params: info.params,
            hasAnswer: _answer !== undefined,
          };
          emit(out, { json: o.json === true }, () =>
            [
              `problem ${out.id}: ${out.status}`,
              `solver ${out.solver?.name}, type ${out.type}, label ${out.label ?? '-'}`,
              `submitted ${out.submitted_on}, solved ${out.solved_on ?? '-'}`,
              `params ${JSON.stringify(out.params)}`,
            ].join('\n'),
          );
        }),
      );

    withConnectionFlags(leap.command('cancel').description('cancel problems'))
      .argument('<ids...>', 'problem ids')
      .action(
        action(ctx, 'leap cancel', async (ids: string[], o: ConnFlags) => {
          const results = await clientFor(o).cancelProblems(ids);
          emit({ results }, { json: o.json === true }, () =>
            results.map((r) => `${r.id}: ${r.outcome} (${r.message})`).join('\n'),
          );
        }),
      );

    leap
      .command('replay')
      .description('decode a raw answer saved with --save-raw into a dimod SampleSet (no network)')
      .argument('<file>', 'a <problem_id>.json file written by --save-raw')
      .option('--json', 'print the SampleSet as dimod JSON on stdout')
      .option('--out <file>', 'write the SampleSet JSON to a file (atomically)')
      .action(
        action(ctx, 'leap replay', (file: string, o: ConnFlags) => {
          const raw = readRawAnswerFile(file);
          const ss = replayRawAnswer(raw);
          emit(
            sampleSetToDimodJson(ss),
            { json: o.json === true, ...(o.out ? { out: o.out } : {}) },
            () =>
              `problem ${raw.problem_id} on ${raw.solver.name}: ${ss.numRows} rows, ${ss.totalReads} reads, lowest energy ${formatEnergy(Math.min(...ss.energy))}`,
          );
        }),
      );

    withConnectionFlags(
      leap.command('config').description('show the resolved Leap configuration (never the token)'),
    )
      .option('--solver <name>', 'solver (default: DWAVE_API_SOLVER or the profile)')
      .action(
        action(ctx, 'leap config', (o: ConnFlags & { solver?: string }) => {
          const c = describeConfig(loadLeapConfig({ ...overrides(o), solver: o.solver }));
          emit(c, { json: o.json === true }, () =>
            Object.entries(c)
              .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
              .join('\n'),
          );
        }),
      );
  },
};
