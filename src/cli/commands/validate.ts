/**
 * `qaxai validate QPU_RESULT --model MODEL [--method pimc|statevector|sa|svmc] …`: how close does the emulator
 * come to a real QPU run? Reads the QPU result (dimod SampleSet JSON, SAPI answer JSON or a bqpjson-family
 * result file), rebuilds the problem with the QPU's settings (from the file, overridable by flags), runs the
 * emulator and compares (src/studies/validation/compare.ts). With a folder for QPU_RESULT and a folder for
 * --model it validates every instance and summarises (Spearman ρ of P(ground), median |ΔP|); `--fit` searches
 * the emulator's temperature (and noise σ where the emulator has one) to best match a set of QPU results.
 */

import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { getSchedule, scheduleNames } from '../../hamiltonian/schedule/catalog.js';
import { SpinReversalTransformComposite } from '../../sim/composites/spin-reversal.js';
import { findQpuProfile } from '../../sim/qpu/profiles.js';
import type { Progress, SampleParams, Sampler } from '../../sim/sampler.js';
import { closeAllPools } from '../../sim/threads/pool.js';
import { contentHash, type JsonLike, runSweep, sweepFailureError } from '../../studies/sweep/runner.js';
import {
  compareResults,
  exactLevels,
  FLAG_DELTA_P,
  type ValidationReport,
} from '../../studies/validation/compare.js';
import { checkResultFitsModel, type QpuResult, readQpuResult } from '../../studies/validation/qpu-result.js';
import { validationHtml } from '../../studies/validation/report-html.js';
import { median, spearman } from '../../studies/validation/stats.js';
import { formatNumber, formatTable, NO_VALUE, plural, wroteLine } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import {
  emit,
  parseNumberFlag,
  parseNumberListFlag,
  readModelFile,
  readTextFile,
  writeFileAtomic,
} from '../output.js';
import { createProgressReporter } from '../progress.js';
import {
  addQueueOption,
  type CommandQueue,
  MAX_IN_FLIGHT,
  openCommandQueue,
} from '../queue/command-queue.js';
import { createSampler } from './sample.js';

const METHODS = ['pimc', 'statevector', 'sa', 'svmc'] as const;
type Method = (typeof METHODS)[number];

export interface EmulatorSettings {
  method: Method;
  solver: string | undefined;
  annealingTime: number;
  numReads: number;
  spinReversalTransforms: number;
  temperature?: number;
  seed: number;
}

/** Settings for the emulator from the QPU file, with flags taking precedence. */
export function emulatorSettings(
  qpu: QpuResult,
  flags: {
    method?: string;
    solver?: string;
    annealingTime?: number;
    numReads?: number;
    temperature?: number;
    seed?: number;
  },
): EmulatorSettings {
  const method = (flags.method ?? 'pimc') as Method;
  if (!METHODS.includes(method))
    throw new InputError(`--method: ${JSON.stringify(flags.method)} is not one of ${METHODS.join(', ')}`, {
      field: '--method',
    });
  const solver = flags.solver ?? (typeof qpu.settings.solver === 'string' ? qpu.settings.solver : undefined);
  if (solver !== undefined) checkKnownSolver(solver);
  const fileTime = typeof qpu.settings.annealing_time === 'number' ? qpu.settings.annealing_time : undefined;
  const fileReads = typeof qpu.settings.num_reads === 'number' ? qpu.settings.num_reads : undefined;
  const srt =
    typeof qpu.settings.num_spin_reversal_transforms === 'number'
      ? qpu.settings.num_spin_reversal_transforms
      : 0;
  return {
    method,
    solver,
    annealingTime: flags.annealingTime ?? fileTime ?? 20,
    numReads: flags.numReads ?? fileReads ?? qpu.storedHistogram.total,
    spinReversalTransforms: method === 'statevector' ? 0 : srt,
    ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
    seed: flags.seed ?? 1,
  };
}

/** Refuses a solver qaxai has no schedule for (every method: `sa` uses none, but a typo is still a typo). */
export function checkKnownSolver(solver: string): void {
  try {
    getSchedule(solver);
  } catch {
    throw new InputError(
      `--solver: unknown solver ${JSON.stringify(solver)}; known solvers: ${scheduleNames()
        .filter((n) => n !== 'linear' && !n.endsWith(':fast'))
        .join(', ')}`,
      { field: '--solver' },
    );
  }
}

/**
 * Runs the emulator on `bqm` with the QPU's settings. With `pimc` and a solver that has a qpu-sim profile the
 * emulator is qpu-sim itself (the QPU's parameters, auto_scale, spin-reversal transforms, noise, and the
 * given embedding for logical problems); otherwise the chosen sampler runs on the model with the solver's
 * schedule, wrapped in a SpinReversalTransformComposite when the QPU used transforms.
 */
export async function runEmulator(
  bqm: BinaryQuadraticModel,
  s: EmulatorSettings,
  opts: {
    threads?: number;
    embedding?: string;
    autoScale?: boolean;
    noiseSigma?: number;
    onProgress?: (p: Progress) => void;
  } = {},
): Promise<SampleSet> {
  const threads = opts.threads !== undefined ? { threads: opts.threads } : {};
  const sampleOptions = opts.onProgress ? { onProgress: opts.onProgress } : {};
  const transforms = s.spinReversalTransforms;
  if (s.method === 'pimc' && s.solver !== undefined && findQpuProfile(s.solver)) {
    const sampler = await createSampler('qpu-sim', { solver: s.solver, ...threads });
    const params: SampleParams = {
      num_reads: s.numReads,
      annealing_time: s.annealingTime,
      seed: s.seed,
      auto_scale: opts.autoScale ?? true,
    };
    if (transforms > 0) params.num_spin_reversal_transforms = transforms;
    if (s.temperature !== undefined) params.x_temperature_mk = s.temperature;
    if (opts.noiseSigma !== undefined) {
      params.x_h_noise_sigma = opts.noiseSigma;
      params.x_j_noise_sigma = opts.noiseSigma;
    }
    if (opts.embedding !== undefined) params.embedding = opts.embedding;
    try {
      return await sampler.sample(bqm, params, sampleOptions);
    } finally {
      await sampler.close?.();
    }
  }
  let sampler: Sampler = await createSampler(s.method, threads);
  const params: SampleParams = { seed: s.seed };
  params.num_reads = transforms > 0 ? Math.ceil(s.numReads / transforms) : s.numReads;
  if (s.method !== 'sa') {
    if (!s.solver)
      throw new InputError(
        '--solver: the QPU result does not name its solver; give --solver NAME (its schedule is used)',
        {
          field: '--solver',
        },
      );
    params.schedule = s.solver;
    params.annealing_time = s.annealingTime;
    if (s.temperature !== undefined && s.method !== 'statevector') params.temperature = s.temperature;
  }
  if (transforms > 0) {
    sampler = new SpinReversalTransformComposite(sampler);
    params.num_spin_reversal_transforms = transforms;
    params.srt_seed = s.seed;
  }
  try {
    return await sampler.sample(bqm, params, sampleOptions);
  } finally {
    await sampler.close?.();
  }
}

interface Instance {
  name: string;
  resultPath: string;
  modelPath: string;
}

const stem = (p: string) => basename(p, extname(p));

/** Pairs result files with model files by file name (without extension). */
export function pairInstances(resultDir: string, modelDir: string): Instance[] {
  const models = new Map<string, string>();
  for (const f of readdirSync(modelDir)) if (!f.startsWith('.')) models.set(stem(f), join(modelDir, f));
  const out: Instance[] = [];
  for (const f of readdirSync(resultDir).sort()) {
    if (f.startsWith('.')) continue;
    const m = models.get(stem(f));
    if (!m)
      throw new InputError(`--model: no model file named ${stem(f)}.* in ${modelDir} for the result ${f}`, {
        field: '--model',
      });
    out.push({ name: stem(f), resultPath: join(resultDir, f), modelPath: m });
  }
  if (out.length === 0)
    throw new InputError(`QPU_RESULT: the folder ${resultDir} holds no result files`, {
      field: 'QPU_RESULT',
    });
  return out;
}

/** What every run of one instance shares: the model, the QPU result, their exact low spectrum. */
interface LoadedInstance {
  bqm: BinaryQuadraticModel;
  qpu: QpuResult;
  /** Started on first call, once per instance. */
  spectrum(): ReturnType<typeof exactLevels>;
}

/**
 * Reads each instance once (checking that the result can belong to the model), however many temperature × σ
 * runs of a fit use it; its exact spectrum is solved once, when a run first needs it.
 */
function instanceLoader(): (inst: Instance) => LoadedInstance {
  const loaded = new Map<string, LoadedInstance>();
  return (inst) => {
    let l = loaded.get(inst.resultPath);
    if (!l) {
      const bqm = readModelFile(inst.modelPath);
      const qpu = readQpuResult(readTextFile(inst.resultPath, 'QPU_RESULT'), inst.resultPath, bqm.vartype);
      checkResultFitsModel(bqm, qpu);
      let spectrum: ReturnType<typeof exactLevels> | undefined;
      l = {
        bqm,
        qpu,
        spectrum: () => {
          if (!spectrum) {
            spectrum = exactLevels(bqm);
            // a run that fails before awaiting it must not leave an unhandled rejection behind
            spectrum.catch(() => {});
          }
          return spectrum;
        },
      };
      loaded.set(inst.resultPath, l);
    }
    return l;
  };
}

async function validateOne(
  inst: Instance,
  { bqm, qpu, spectrum }: LoadedInstance,
  flags: Parameters<typeof emulatorSettings>[1],
  run: RunOptions,
): Promise<{ name: string; report: ValidationReport; settings: EmulatorSettings; format: string }> {
  const settings = emulatorSettings(qpu, flags);
  const autoScale = typeof qpu.settings.auto_scale === 'boolean' ? qpu.settings.auto_scale : undefined;
  const [levels, sim] = await Promise.all([
    spectrum(),
    runEmulator(bqm, settings, { ...run, ...(autoScale !== undefined ? { autoScale } : {}) }),
  ]);
  return { name: inst.name, report: compareResults(bqm, qpu, sim, levels), settings, format: qpu.format };
}

type ValidationRun = Awaited<ReturnType<typeof validateOne>>;

/** How every emulator run of a validation runs: threads, the QPU's embedding, a fitted σ, progress of its reads. */
interface RunOptions {
  threads?: number;
  embedding?: string;
  noiseSigma?: number;
  onProgress?: (p: Progress) => void;
}

/**
 * Progress of a validation in runs, moving within each run as its reads finish (a long run no longer sits
 * still): `finished` sets the runs done, `within` adds the current run's fraction.
 */
function runProgress(update: (p: Progress) => void) {
  let finished = 0;
  let total = 1;
  return {
    finished(done: number, of: number) {
      finished = done;
      total = of;
      update({ done, total, label: 'runs' });
    },
    within(p: Progress) {
      const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
      update({ done: Math.min(total, Math.floor((finished + frac) * 10) / 10), total, label: 'runs' });
    },
  };
}

/** One emulator run of a validation: an instance, at a temperature and noise σ when fitting. */
interface RunSpec {
  inst: Instance;
  temperature?: number;
  noiseSigma?: number;
}

const fileHash = (path: string) => contentHash(readFileSync(path));

/**
 * Runs the validations of one phase ('fit' or 'final'). With a checkpoint folder every finished run is kept in
 * `<dir>/<phase>/points/` (src/studies/sweep/runner.ts: atomic files, a manifest that pins the runs), so an
 * interrupted validation resumes with nothing lost and nothing redone; the runs are keyed by the contents of
 * the result and model files and every setting, so a changed input is refused rather than mixed.
 */
async function runValidations(
  phase: 'fit' | 'final',
  specs: readonly RunSpec[],
  flags: Parameters<typeof emulatorSettings>[1],
  run: RunOptions,
  checkpoint: { dir: string; resume: boolean } | undefined,
  load: (inst: Instance) => LoadedInstance,
  update: (p: Progress) => void,
  queue?: CommandQueue,
): Promise<ValidationRun[]> {
  const progress = runProgress(update);
  const onDone = progress.finished;
  if (!queue) run = { ...run, onProgress: progress.within };
  const evalOne = (s: RunSpec) =>
    validateOne(
      s.inst,
      load(s.inst),
      s.temperature !== undefined ? { ...flags, temperature: s.temperature } : flags,
      { ...run, ...(s.noiseSigma !== undefined ? { noiseSigma: s.noiseSigma } : {}) },
    );
  if (!checkpoint) {
    const out: ValidationRun[] = [];
    for (const [k, s] of specs.entries()) {
      out.push(await evalOne(s));
      onDone(k + 1, specs.length);
    }
    return out;
  }
  const hashes = new Map<string, string>();
  const hashOf = (path: string) => {
    let h = hashes.get(path);
    if (h === undefined) {
      h = fileHash(path);
      hashes.set(path, h);
    }
    return h;
  };
  const embedding = run.embedding !== undefined ? hashOf(run.embedding) : null;
  const points = specs.map((s, k) => ({
    spec: {
      phase,
      index: k,
      name: s.inst.name,
      result: hashOf(s.inst.resultPath),
      model: hashOf(s.inst.modelPath),
      embedding,
      flags: { ...flags, ...(s.temperature !== undefined ? { temperature: s.temperature } : {}) },
      noiseSigma: s.noiseSigma ?? run.noiseSigma ?? null,
    } as unknown as JsonLike,
  }));
  const runOf = (spec: JsonLike) => specs[(spec as { index: number }).index]!;
  const res = await runSweep<JsonLike>({
    dir: join(checkpoint.dir, phase),
    points,
    resume: checkpoint.resume,
    dirFlag: '--checkpoint',
    description: { command: 'qaxai validate', phase },
    evaluate: queue
      ? queue.evaluator('validate', (spec) => ({
          result: runOf(spec).inst.resultPath,
          model: runOf(spec).inst.modelPath,
          ...(run.embedding !== undefined ? { embedding: run.embedding } : {}),
        }))
      : async (spec) => JSON.parse(JSON.stringify(await evalOne(runOf(spec)))) as JsonLike,
    ...(queue ? { concurrency: Math.min(points.length, MAX_IN_FLIGHT), keepGoing: true } : {}),
    toRow: (rec) => {
      const r = rec.result as unknown as ValidationRun;
      const sp = rec.spec as { flags: { temperature?: number }; noiseSigma: number | null };
      return {
        name: r.name,
        temperatureMk: sp.flags.temperature ?? null,
        noiseSigma: sp.noiseSigma,
        pGroundQpu: r.report.pGround.qpu,
        pGroundSim: r.report.pGround.sim,
        energyTvd: r.report.energyTvd,
      };
    },
    onProgress: (p) => onDone(p.done, p.total),
  });
  if (res.failures.length > 0)
    throw sweepFailureError(res, 'fix the input and run again with --checkpoint DIR --resume');
  return res.records.map((r) => r.result as unknown as ValidationRun);
}

/** The spec of one checkpointed validation run (see runValidations). */
interface ValidationPointSpec {
  name: string;
  flags: Parameters<typeof emulatorSettings>[1];
  noiseSigma: number | null;
}

let pointLoader: ((inst: Instance) => LoadedInstance) | undefined;

/**
 * One run of a validation on a queue worker: the spec of a checkpointed run and local copies of its files
 * (`result`, `model`, and `embedding` when the QPU used one). The same computation as the local run's.
 */
export async function evaluateValidationPoint(
  spec: JsonLike,
  files: Record<string, string>,
  threads?: number,
): Promise<JsonLike> {
  const s = spec as unknown as ValidationPointSpec;
  pointLoader ??= instanceLoader();
  const inst = { name: s.name, resultPath: files.result!, modelPath: files.model! };
  const run = {
    ...(threads !== undefined ? { threads } : {}),
    ...(files.embedding !== undefined ? { embedding: files.embedding } : {}),
    ...(s.noiseSigma !== null ? { noiseSigma: s.noiseSigma } : {}),
  };
  return JSON.parse(JSON.stringify(await validateOne(inst, pointLoader(inst), s.flags, run))) as JsonLike;
}

/** The text output: one aligned row per instance, the batch summary, the fitted settings, the report written. */
function validateText(
  rows: ReadonlyArray<{ name: string; report: ValidationReport; settings: EmulatorSettings }>,
  o: {
    summary?: ReturnType<typeof summarise>;
    fit?: { temperature: number; noiseSigma: number | null };
    report?: string;
  },
): string {
  const f = (x: number | null | undefined, digits = 4) => formatNumber(x, digits);
  const e = rows[0]!.settings;
  const lines = [
    `emulator ${e.method}${e.solver ? ` with the ${e.solver} schedule` : ''}: annealing time ${formatNumber(e.annealingTime)} µs, ${plural(e.numReads, 'read')}` +
      `${e.temperature !== undefined ? `, ${formatNumber(e.temperature)} mK` : ''}, ${plural(e.spinReversalTransforms, 'spin-reversal transform')}, seed ${e.seed} (from the QPU file where no flag gives them)`,
    formatTable(
      [
        'instance',
        'P(ground) qpu',
        'P(ground) sim',
        'P(1st exc) qpu',
        'P(1st exc) sim',
        'energy TVD',
        'β_eff qpu',
        'β_eff sim',
        '',
      ],
      rows.map(({ name, report: r }) => [
        name,
        f(r.pGround.qpu),
        f(r.pGround.sim),
        f(r.pFirstExcited.qpu),
        f(r.pFirstExcited.sim),
        f(r.energyTvd),
        f(r.effectiveBeta.qpu),
        f(r.effectiveBeta.sim),
        r.flagged ? `off by > ${FLAG_DELTA_P}` : '',
      ]),
    ),
  ];
  if (o.summary)
    lines.push(
      `${plural(o.summary.instances, 'instance')}: Spearman ρ of P(ground) ${f(o.summary.spearmanPGround, 3)}, median |ΔP(ground)| ${f(o.summary.medianAbsDeltaPGround)}, median energy TVD ${f(o.summary.medianEnergyTvd)}, ${o.summary.flagged} off by more than ${FLAG_DELTA_P} in P(ground) or P(first excited)`,
    );
  if (o.fit)
    lines.push(
      `fitted temperature ${formatNumber(o.fit.temperature)} mK, noise σ ${o.fit.noiseSigma === null ? NO_VALUE : formatNumber(o.fit.noiseSigma)}`,
    );
  if (o.report) lines.push(wroteLine('HTML report', o.report));
  return lines.join('\n');
}

function summarise(rows: ReadonlyArray<{ report: ValidationReport }>) {
  const pq = rows.map((r) => r.report.pGround.qpu);
  const ps = rows.map((r) => r.report.pGround.sim);
  const rho = spearman(pq, ps);
  return {
    instances: rows.length,
    spearmanPGround: Number.isFinite(rho) ? rho : null,
    medianAbsDeltaPGround: median(pq.map((q, i) => Math.abs(q - ps[i]!))),
    medianEnergyTvd: median(rows.map((r) => r.report.energyTvd)),
    flagged: rows.filter((r) => r.report.flagged).length,
  };
}

export const validateCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('validate')
      .description('compare a real QPU result with the emulator on the same problem (or a folder of them)')
      .argument(
        '<QPU_RESULT>',
        'dimod SampleSet JSON, SAPI answer JSON, bqpjson-family result file, or a folder of them',
      )
      .requiredOption(
        '--model <path>',
        'the model (any model format), or a folder of models named like the results',
      )
      .option('--method <m>', `emulator: ${METHODS.join(', ')}`, 'pimc')
      .option('--solver <name>', 'solver whose schedule the emulator uses (default: the one the file names)')
      .option('--annealing-time <us>', 'annealing time in µs (default: from the file, else 20)')
      .option('--num-reads <n>', 'emulator reads (default: as many as the QPU run)')
      .option('--temperature <mK>', 'emulator temperature in mK (pimc, svmc)')
      .option(
        '--embedding <file>',
        'embedding used on the QPU (logical results); the emulator runs the logical model',
      )
      .option('--fit', 'search the emulator temperature that best matches the QPU results (P(ground))')
      .option('--fit-temperatures <list>', 'temperatures in mK to try with --fit', '6,9,12,15,18,24')
      .option('--fit-noise <list>', 'h/J noise σ to try with --fit (qpu-sim)', '0,0.02,0.05')
      .option('--seed <s>', 'emulator seed', '1')
      .option('--threads <n>', 'worker threads')
      .option(
        '--checkpoint <dir>',
        'keep every finished emulator run in DIR (atomic files), so --resume continues after a crash',
      )
      .option('--resume', 'continue the validation checkpointed in --checkpoint DIR')
      .option('--html <file>', 'write an HTML report with the energy histograms overlaid')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result to a file (atomically)');
    addQueueOption(cmd, 'emulator runs (--fit trials and final runs)').action(
      action(
        ctx,
        'validate',
        async (resultArg: string, opts: Record<string, string | boolean | undefined>) => {
          const num = (k: string, flag: string, o: Parameters<typeof parseNumberFlag>[2] = {}) =>
            parseNumberFlag(opts[k] as string | undefined, flag, o);
          const flags = {
            method: opts.method as string,
            ...(typeof opts.solver === 'string' ? { solver: opts.solver } : {}),
            ...(opts.annealingTime !== undefined
              ? { annealingTime: num('annealingTime', '--annealing-time', { min: 0, exclusiveMin: true }) }
              : {}),
            ...(opts.numReads !== undefined
              ? { numReads: num('numReads', '--num-reads', { integer: true, min: 1 }) }
              : {}),
            ...(opts.temperature !== undefined
              ? { temperature: num('temperature', '--temperature', { min: 0, exclusiveMin: true }) }
              : {}),
            seed: num('seed', '--seed', { integer: true, min: 0, max: 2 ** 32 - 1 })!,
          } as Parameters<typeof emulatorSettings>[1];
          const threads = num('threads', '--threads', { integer: true, min: 1 });
          if (typeof opts.embedding === 'string') readTextFile(opts.embedding, '--embedding');
          const isDir = (p: string) => {
            try {
              return statSync(p).isDirectory();
            } catch {
              return false;
            }
          };
          const batch = isDir(resultArg);
          if (batch && !isDir(opts.model as string))
            throw new InputError(
              '--model: with a folder of QPU results, give a folder of models named like them',
              {
                field: '--model',
              },
            );
          const instances = batch
            ? pairInstances(resultArg, opts.model as string)
            : [{ name: stem(resultArg), resultPath: resultArg, modelPath: opts.model as string }];
          if (opts.resume && typeof opts.checkpoint !== 'string')
            throw new InputError('--resume: give the --checkpoint DIR of the validation to continue', {
              field: '--resume',
            });
          const queueUrl = typeof opts.queue === 'string' ? opts.queue : undefined;
          // through the queue every run goes through the sweep runner: into --checkpoint, or a temp folder
          const checkpoint =
            typeof opts.checkpoint === 'string'
              ? { dir: resolve(opts.checkpoint), resume: opts.resume === true }
              : queueUrl !== undefined
                ? { dir: mkdtempSync(join(tmpdir(), 'qaxai-validate-')), resume: false }
                : undefined;
          if (flags.solver !== undefined) checkKnownSolver(flags.solver);
          const load = instanceLoader();
          // every file is read and its settings checked (solver, variables) before any emulator run
          for (const inst of instances) emulatorSettings(load(inst).qpu, flags);
          const progress = createProgressReporter('validate');
          const queue = queueUrl !== undefined ? await openCommandQueue(queueUrl, progress) : undefined;
          // progress in runs, here or (with --queue) beside the queue's own lines
          const update = (p: Progress) => (queue ?? progress).update(p);
          try {
            const run: RunOptions = {
              ...(threads !== undefined ? { threads } : {}),
              ...(typeof opts.embedding === 'string' ? { embedding: opts.embedding } : {}),
            };
            let fit: Record<string, unknown> | undefined;
            if (opts.fit) {
              const list = (flag: string, v: unknown, min: number, exclusiveMin: boolean) =>
                parseNumberListFlag(String(v), flag, { min, exclusiveMin });
              const temps = list('--fit-temperatures', opts.fitTemperatures, 0, true);
              if (flags.method !== 'pimc' && flags.method !== 'svmc')
                throw new InputError(
                  '--fit: only the thermal emulators (pimc, svmc) have a temperature to fit',
                  {
                    field: '--fit',
                  },
                );
              // noise σ is a knob of qpu-sim (pimc with a solver profile) only
              const sigmas =
                flags.method === 'pimc' ? list('--fit-noise', opts.fitNoise, 0, false) : [undefined];
              const trials: Array<{
                temperature: number;
                noiseSigma: number | null;
                medianAbsDeltaPGround: number;
                spearmanPGround: number | null;
              }> = [];
              const fitSpecs: RunSpec[] = [];
              for (const t of temps)
                for (const sigma of sigmas)
                  for (const inst of instances)
                    fitSpecs.push({
                      inst,
                      temperature: t,
                      ...(sigma !== undefined ? { noiseSigma: sigma } : {}),
                    });
              const fitRuns = await runValidations(
                'fit',
                fitSpecs,
                flags,
                run,
                checkpoint,
                load,
                update,
                queue,
              );
              let k = 0;
              for (const t of temps)
                for (const sigma of sigmas) {
                  const s = summarise(fitRuns.slice(k, k + instances.length));
                  k += instances.length;
                  trials.push({
                    temperature: t,
                    noiseSigma: sigma ?? null,
                    medianAbsDeltaPGround: s.medianAbsDeltaPGround,
                    spearmanPGround: s.spearmanPGround,
                  });
                }
              const best = trials.reduce((a, b) =>
                b.medianAbsDeltaPGround < a.medianAbsDeltaPGround ? b : a,
              );
              fit = {
                objective: 'median |P_sim(E0) − P_qpu(E0)| over the instances',
                trials,
                temperature: best.temperature,
                noiseSigma: best.noiseSigma,
              };
              flags.temperature = best.temperature;
              if (best.noiseSigma !== null) run.noiseSigma = best.noiseSigma;
            }
            const rows = await runValidations(
              'final',
              instances.map((inst) => ({ inst })),
              flags,
              run,
              checkpoint,
              load,
              update,
              queue,
            );
            progress.stop();
            const meta = {
              method: flags.method,
              settings: rows[0]!.settings,
              qpuFormat: rows[0]!.format,
              ...(typeof opts.embedding === 'string' ? { embedding: resolve(opts.embedding) } : {}),
            };
            const result = batch
              ? {
                  ...meta,
                  summary: summarise(rows),
                  ...(fit ? { fit } : {}),
                  instances: rows.map((r) => ({ name: r.name, ...r.report })),
                }
              : { ...meta, ...rows[0]!.report, ...(fit ? { fit } : {}) };
            let reportPath: string | undefined;
            if (typeof opts.html === 'string') {
              reportPath = writeFileAtomic(
                opts.html,
                validationHtml(
                  rows,
                  meta,
                  batch ? { ...summarise(rows), ...(fit ? { fit } : {}) } : undefined,
                ),
              );
              (result as Record<string, unknown>).report = reportPath;
            }
            emit(
              result,
              { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
              () =>
                validateText(rows, {
                  ...(batch ? { summary: summarise(rows) } : {}),
                  ...(fit ? { fit: fit as { temperature: number; noiseSigma: number | null } } : {}),
                  ...(reportPath ? { report: reportPath } : {}),
                }),
            );
          } finally {
            progress.stop();
            await queue?.close();
            await closeAllPools();
          }
        },
      ),
    );
  },
};
