/**
 * The anneal lab: load (upload a model file in any supported format) or generate a problem, choose a schedule
 * (published tables plotted as A(s), B(s), or linear) and a path (forward, pause, quench, reverse), then run gap,
 * anneal, study and sample jobs with live progress; plots of the spectrum, success probability and TTS99 versus
 * annealing time; downloads as dimod JSON and CSV.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { ApiError, getJson, type Info, postJson, type RunningJob, runJob, uploadFile } from '../api';
import { type JobState, JobStatus } from '../components/job-status';
import { MatrixView } from '../components/matrix-view';
import { Plot } from '../components/plot';
import { isQpuShaped, SamplerPicker } from '../components/sampler-picker';
import { type Spectrum, SpectrumPlot } from '../components/spectrum-plot';

interface ProblemSummary {
  id: string;
  name: string;
  format: string;
  vartype: string;
  numVariables: number;
  numInteractions: number;
  labels: string[];
  h: number[] | null;
  J: number[][] | null;
}

interface ScheduleData {
  name: string;
  energyUnit: string;
  s: number[];
  A: number[];
  B: number[];
}

type PathKind = 'forward' | 'pause' | 'quench' | 'reverse';
type JobKind = 'gap' | 'anneal' | 'study' | 'sample';

interface AnnealResult {
  method: string;
  successProbability: number;
  groundEnergy: number;
  groundDegeneracy: number;
  expectedEnergy: number;
  residualEnergy: number;
  steps?: number | null;
  dt?: number;
  kernel?: string;
  wallSeconds: number;
  path: { points: number[][]; timeUnit: string };
  sampleSet?: unknown;
}

interface StudyResult {
  timeUnit: string;
  rows: (AnnealResult & { annealingTime: number; totalTime: number; tts99: number | null })[];
}

interface SampleResult {
  sampler: string;
  numRows: number;
  totalReads: number;
  lowestEnergy: number | null;
}

const num = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);
const str = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

function errorOf(err: unknown) {
  return err instanceof ApiError ? err.body : String(err);
}

export function LabPage({ info }: { info: Info }) {
  // problem
  const [genKind, setGenKind] = useState(info.generators[0]?.kind ?? 'spin-glass');
  const [genN, setGenN] = useState(8);
  const [genSeed, setGenSeed] = useState(1);
  const [problem, setProblem] = useState<ProblemSummary | null>(null);
  const [problemError, setProblemError] = useState<JobState>({ running: false });
  // schedule and path
  const [schedule, setSchedule] = useState('linear');
  const [sched, setSched] = useState<ScheduleData | null>(null);
  const ghz = schedule !== 'linear';
  const unit = ghz ? 'µs' : 'τ';
  const [pathKind, setPathKind] = useState<PathKind>('forward');
  const [duration, setDuration] = useState(10);
  const [sPause, setSPause] = useState(0.5);
  const [pauseDuration, setPauseDuration] = useState(1);
  const [sQuench, setSQuench] = useState(0.6);
  const [quenchDuration, setQuenchDuration] = useState(0.1);
  const [sTarget, setSTarget] = useState(0.6);
  const [initialState, setInitialState] = useState('');
  // method
  const [method, setMethod] = useState<'statevector' | 'pimc'>('statevector');
  const [backend, setBackend] = useState<'cpu' | 'gpu'>('cpu');
  const [numReads, setNumReads] = useState(100);
  const [seed, setSeed] = useState(1);
  const [beta, setBeta] = useState('');
  const [temperature, setTemperature] = useState('');
  const [points, setPoints] = useState(101);
  const [levels, setLevels] = useState(4);
  const [durations, setDurations] = useState('1, 2, 5, 10, 20, 50');
  const [sampler, setSampler] = useState('exact');
  const [samplerParams, setSamplerParams] = useState('{}');
  const [solver, setSolver] = useState('');
  const qpuShaped = isQpuShaped(sampler);
  // jobs
  const [states, setStates] = useState<Record<JobKind, JobState>>({
    gap: { running: false },
    anneal: { running: false },
    study: { running: false },
    sample: { running: false },
  });
  const [results, setResults] = useState<Partial<Record<JobKind, { id: string; result: unknown }>>>({});
  const running = useRef<Partial<Record<JobKind, RunningJob<unknown>>>>({});

  useEffect(() => {
    getJson<ScheduleData>(`/api/schedules/${encodeURIComponent(schedule)}`)
      .then(setSched)
      .catch(() => setSched(null));
    setDuration(schedule === 'linear' ? 10 : 20);
    setDurations(schedule === 'linear' ? '1, 2, 5, 10, 20, 50' : '0.5, 1, 2, 5, 10, 20');
  }, [schedule]);

  async function generate() {
    try {
      setProblem(
        await postJson<ProblemSummary>('/api/problems/generate', { kind: genKind, n: genN, seed: genSeed }),
      );
      setProblemError({ running: false });
      setResults({});
    } catch (err) {
      setProblemError({ running: false, error: errorOf(err) });
    }
  }

  async function onUpload(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      setProblem(await uploadFile<ProblemSummary>('/api/problems', file));
      setProblemError({ running: false });
      setResults({});
    } catch (err) {
      setProblemError({ running: false, error: errorOf(err) });
    }
    input.value = '';
  }

  function pathBody(): Record<string, unknown> {
    switch (pathKind) {
      case 'forward':
        return { kind: 'forward', duration };
      case 'pause':
        return { kind: 'pause', duration, sPause, pauseDuration };
      case 'quench':
        return { kind: 'quench', duration, sQuench, quenchDuration };
      case 'reverse':
        return {
          kind: 'reverse',
          sTarget,
          pauseDuration,
          rampDuration: duration,
          initialState: initialState
            .split(/[\s,]+/)
            .filter((x) => x !== '')
            .map(Number),
        };
    }
  }

  function start(kind: JobKind) {
    if (!problem) return;
    const base: Record<string, unknown> = { problem: problem.id };
    let body: Record<string, unknown>;
    if (kind === 'gap') body = { ...base, schedule, points, levels };
    else if (kind === 'sample') {
      let params: unknown;
      try {
        params = JSON.parse(samplerParams || '{}');
      } catch (e) {
        setStates((s) => ({
          ...s,
          sample: { running: false, error: `params: not JSON (${(e as Error).message})` },
        }));
        return;
      }
      body = {
        ...base,
        sampler,
        params,
        ...(qpuShaped && solver.trim() !== '' ? { solver: solver.trim() } : {}),
      };
    } else {
      body = { ...base, schedule, method, backend, path: pathBody(), numReads, seed };
      if (beta.trim() !== '') body.beta = Number(beta);
      if (temperature.trim() !== '') body.temperature = Number(temperature);
      if (kind === 'study') {
        body.durations = durations;
        delete (body.path as Record<string, unknown>).duration;
        delete (body.path as Record<string, unknown>).rampDuration;
      }
    }
    setStates((s) => ({ ...s, [kind]: { running: true } }));
    const job = runJob<unknown>(kind, body, (j, p) =>
      setStates((s) => ({ ...s, [kind]: { ...s[kind], job: j, ...(p ? { progress: p } : {}) } })),
    );
    running.current[kind] = job;
    void Promise.all([job.id, job.result])
      .then(([id, result]) => {
        setResults((r) => ({ ...r, [kind]: { id, result } }));
        setStates((s) => ({ ...s, [kind]: { ...s[kind], running: false } }));
      })
      .catch((err) =>
        setStates((s) => ({ ...s, [kind]: { ...s[kind], running: false, error: errorOf(err) } })),
      );
  }

  const schedPlot = useMemo(() => {
    if (!sched) return null;
    return {
      data: [sched.s, sched.A, sched.B] as uPlot.AlignedData,
      series: [
        { label: 'A(s)', color: '#1f77b4', width: 2 },
        { label: 'B(s)', color: '#d62728', width: 2 },
      ],
    };
  }, [sched]);

  const gap = results.gap?.result as
    | (Spectrum & { wallSeconds: number; method: string; note: string })
    | undefined;
  const anneal = results.anneal?.result as AnnealResult | undefined;
  const study = results.study?.result as StudyResult | undefined;
  const sample = results.sample?.result as SampleResult | undefined;

  const studyPlots = useMemo(() => {
    if (!study) return null;
    const rows = study.rows;
    const t = rows.map((r) => r.annealingTime);
    return {
      p: {
        data: [t, rows.map((r) => r.successProbability)] as uPlot.AlignedData,
        series: [{ label: 'P(success)', color: '#1f77b4', points: true, width: 2 }],
      },
      tts: {
        data: [
          t,
          rows.map((r) => (r.tts99 !== null && r.tts99 > 0 ? r.tts99 : null)),
        ] as unknown as uPlot.AlignedData,
        series: [{ label: 'TTS99', color: '#d62728', points: true, width: 2 }],
      },
    };
  }, [study]);

  const samplerInfo = info.samplers.find((s) => s.name === sampler);

  return (
    <div class="lab">
      <section class="card">
        <h2>Problem</h2>
        <div class="row">
          <label>
            generate{' '}
            <select value={genKind} onChange={(e) => setGenKind(str(e))} data-testid="generator-select">
              {info.generators.map((g) => (
                <option key={g.kind} value={g.kind} title={g.summary}>
                  {g.kind}
                </option>
              ))}
            </select>
          </label>
          <label>
            n{' '}
            <input
              type="number"
              min="1"
              max="64"
              value={genN}
              onInput={(e) => setGenN(num(e))}
              data-testid="generator-n"
            />
          </label>
          <label>
            seed <input type="number" min="0" value={genSeed} onInput={(e) => setGenSeed(num(e))} />
          </label>
          <button type="button" onClick={generate} data-testid="generate-button">
            Generate
          </button>
          <span class="muted">or</span>
          <label class="upload">
            upload model JSON (dimod, bqpjson, h/J, Q){' '}
            <input
              type="file"
              accept=".json,application/json"
              onChange={onUpload}
              data-testid="problem-upload"
            />
          </label>
        </div>
        <p class="muted small">{info.generators.find((g) => g.kind === genKind)?.summary}</p>
        <JobStatus state={problemError} />
        {problem && (
          <div class="two" data-testid="problem-summary">
            <div>
              <p>
                <strong>{problem.name}</strong> · {problem.format} · {problem.vartype} · n ={' '}
                {problem.numVariables}, {problem.numInteractions} interactions ·{' '}
                <a href={`/api/problems/${problem.id}/dimod.json`} download="problem.dimod.json">
                  download dimod JSON
                </a>
              </p>
              {problem.h && problem.J && (
                <MatrixView labels={problem.labels} h={problem.h} J={problem.J} title="h and J" />
              )}
            </div>
            <div>
              <h3>Schedule</h3>
              <label>
                schedule{' '}
                <select value={schedule} onChange={(e) => setSchedule(str(e))} data-testid="schedule-select">
                  {info.schedules.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              {sched && schedPlot && (
                <Plot
                  title={`${sched.name}: H(s) = ${ghz ? '−A(s)/2 Σσx + B(s)/2 H_P (GHz)' : '−A(s) Σσx + B(s) H_P'}`}
                  xLabel="s"
                  yLabel={ghz ? 'GHz' : 'coefficient'}
                  data={schedPlot.data}
                  series={schedPlot.series}
                  height={220}
                  testId="schedule-plot"
                />
              )}
            </div>
          </div>
        )}
      </section>

      {problem && (
        <section class="card">
          <h2>Path and method</h2>
          <div class="row">
            <label>
              path{' '}
              <select
                value={pathKind}
                onChange={(e) => setPathKind(str(e) as PathKind)}
                data-testid="path-select"
              >
                <option value="forward">forward</option>
                <option value="pause">pause</option>
                <option value="quench">quench</option>
                <option value="reverse">reverse</option>
              </select>
            </label>
            <label>
              {pathKind === 'reverse' ? 'ramp time' : 'annealing time'} ({unit}){' '}
              <input type="number" step="any" min="0" value={duration} onInput={(e) => setDuration(num(e))} />
            </label>
            {pathKind === 'pause' && (
              <label>
                s<sub>pause</sub>{' '}
                <input
                  type="number"
                  step="0.05"
                  min="0"
                  max="1"
                  value={sPause}
                  onInput={(e) => setSPause(num(e))}
                />
              </label>
            )}
            {pathKind === 'quench' && (
              <>
                <label>
                  s<sub>quench</sub>{' '}
                  <input
                    type="number"
                    step="0.05"
                    min="0"
                    max="1"
                    value={sQuench}
                    onInput={(e) => setSQuench(num(e))}
                  />
                </label>
                <label>
                  quench time ({unit}){' '}
                  <input
                    type="number"
                    step="any"
                    min="0"
                    value={quenchDuration}
                    onInput={(e) => setQuenchDuration(num(e))}
                  />
                </label>
              </>
            )}
            {pathKind === 'reverse' && (
              <>
                <label>
                  s<sub>target</sub>{' '}
                  <input
                    type="number"
                    step="0.05"
                    min="0"
                    max="1"
                    value={sTarget}
                    onInput={(e) => setSTarget(num(e))}
                  />
                </label>
                <label>
                  initial state{' '}
                  <input
                    type="text"
                    placeholder="1,-1,1,…"
                    value={initialState}
                    onInput={(e) => setInitialState(str(e))}
                  />
                </label>
              </>
            )}
            {(pathKind === 'pause' || pathKind === 'reverse') && (
              <label>
                pause ({unit}){' '}
                <input
                  type="number"
                  step="any"
                  min="0"
                  value={pauseDuration}
                  onInput={(e) => setPauseDuration(num(e))}
                />
              </label>
            )}
          </div>
          <div class="row">
            <label>
              method{' '}
              <select
                value={method}
                onChange={(e) => setMethod(str(e) as 'statevector' | 'pimc')}
                data-testid="method-select"
              >
                <option value="statevector">statevector</option>
                <option value="pimc">pimc</option>
              </select>
            </label>
            <label title="gpu: the gpu.js kernels in float32 on WebGPU (on the CPU through gpu.js's WebAssembly backend where the server has no GPU); pimc on gpu runs without cluster moves">
              backend{' '}
              <select value={backend} onChange={(e) => setBackend(str(e) as 'cpu' | 'gpu')} data-testid="backend-select">
                <option value="cpu">cpu</option>
                <option value="gpu">gpu (gpu.js)</option>
              </select>
            </label>
            {method === 'pimc' && (
              <>
                <label>
                  reads <input type="number" min="1" value={numReads} onInput={(e) => setNumReads(num(e))} />
                </label>
                <label>
                  seed <input type="number" min="0" value={seed} onInput={(e) => setSeed(num(e))} />
                </label>
                {ghz ? (
                  <label>
                    temperature (mK){' '}
                    <input
                      type="number"
                      step="any"
                      placeholder="12"
                      value={temperature}
                      onInput={(e) => setTemperature(str(e))}
                    />
                  </label>
                ) : (
                  <label>
                    β{' '}
                    <input
                      type="number"
                      step="any"
                      placeholder="10"
                      value={beta}
                      onInput={(e) => setBeta(str(e))}
                    />
                  </label>
                )}
              </>
            )}
          </div>
        </section>
      )}

      {problem && (
        <div class="jobs">
          <section class="card" data-testid="gap-card">
            <h2>Gap</h2>
            <div class="row">
              <label>
                points{' '}
                <input type="number" min="3" max="1001" value={points} onInput={(e) => setPoints(num(e))} />
              </label>
              <label>
                levels{' '}
                <input type="number" min="2" max="32" value={levels} onInput={(e) => setLevels(num(e))} />
              </label>
              <button
                type="button"
                class="primary"
                disabled={states.gap.running}
                onClick={() => start('gap')}
                data-testid="gap-button"
              >
                Run gap
              </button>
            </div>
            <JobStatus
              state={states.gap}
              onCancel={() => running.current.gap?.cancel()}
              testId="gap-status"
            />
            {gap && (
              <>
                <SpectrumPlot spectrum={gap} testId="gap-plot" title={`Spectrum (${gap.method})`} />
                <p class="muted small">{gap.note}</p>
                <Downloads id={results.gap!.id} csv />
              </>
            )}
          </section>

          <section class="card" data-testid="anneal-card">
            <h2>Anneal</h2>
            <button
              type="button"
              class="primary"
              disabled={states.anneal.running}
              onClick={() => start('anneal')}
              data-testid="anneal-button"
            >
              Run anneal
            </button>
            <JobStatus
              state={states.anneal}
              onCancel={() => running.current.anneal?.cancel()}
              testId="anneal-status"
            />
            {anneal && (
              <>
                <table class="kv" data-testid="anneal-result">
                  <tbody>
                    <tr>
                      <th>success probability</th>
                      <td>{anneal.successProbability.toFixed(6)}</td>
                    </tr>
                    <tr>
                      <th>ground energy (degeneracy)</th>
                      <td>
                        {anneal.groundEnergy} ({anneal.groundDegeneracy})
                      </td>
                    </tr>
                    <tr>
                      <th>⟨H_P⟩ · residual energy</th>
                      <td>
                        {anneal.expectedEnergy.toPrecision(6)} · {anneal.residualEnergy.toPrecision(4)}
                      </td>
                    </tr>
                    <tr>
                      <th>{anneal.method === 'statevector' ? 'steps · dt' : 'sweeps'}</th>
                      <td>
                        {anneal.steps ?? '—'}
                        {anneal.dt !== undefined ? ` · ${anneal.dt.toPrecision(4)}` : ''}
                      </td>
                    </tr>
                    <tr>
                      <th>path (t, s)</th>
                      <td>
                        <code>{anneal.path.points.map((q) => `${q[0]},${q[1]}`).join(' ')}</code>{' '}
                        {anneal.path.timeUnit}
                      </td>
                    </tr>
                    {anneal.kernel && (
                      <tr>
                        <th>kernels</th>
                        <td>{anneal.kernel}</td>
                      </tr>
                    )}
                    <tr>
                      <th>wall time</th>
                      <td>{anneal.wallSeconds.toFixed(3)} s</td>
                    </tr>
                  </tbody>
                </table>
                <Downloads id={results.anneal!.id} csv sampleSet={anneal.sampleSet !== undefined} />
              </>
            )}
          </section>

          <section class="card" data-testid="study-card">
            <h2>Study: success probability and TTS99 vs annealing time</h2>
            <div class="row">
              <label>
                annealing times ({unit}){' '}
                <input type="text" value={durations} onInput={(e) => setDurations(str(e))} size={28} />
              </label>
              <button
                type="button"
                class="primary"
                disabled={states.study.running}
                onClick={() => start('study')}
                data-testid="study-button"
              >
                Run study
              </button>
            </div>
            <JobStatus
              state={states.study}
              onCancel={() => running.current.study?.cancel()}
              testId="study-status"
            />
            {study && studyPlots && (
              <>
                <div class="two">
                  <Plot
                    title="Success probability"
                    xLabel={`annealing time (${study.timeUnit === 'us' ? 'µs' : 'τ'})`}
                    yLabel="P"
                    data={studyPlots.p.data}
                    series={studyPlots.p.series}
                    logX
                    height={240}
                    testId="study-p-plot"
                  />
                  <Plot
                    title="Time to solution (99%)"
                    xLabel={`annealing time (${study.timeUnit === 'us' ? 'µs' : 'τ'})`}
                    yLabel={`TTS99 (${study.timeUnit === 'us' ? 'µs' : 'τ'})`}
                    data={studyPlots.tts.data}
                    series={studyPlots.tts.series}
                    logX
                    logY
                    height={240}
                    testId="study-tts-plot"
                  />
                </div>
                <Downloads id={results.study!.id} csv />
              </>
            )}
          </section>

          <section class="card" data-testid="sample-card">
            <h2>Sample</h2>
            <div class="row">
              <SamplerPicker
                label="sampler"
                samplers={info.samplers}
                sampler={sampler}
                onSampler={setSampler}
                solver={solver}
                onSolver={setSolver}
              />
              <label>
                params (JSON){' '}
                <input
                  type="text"
                  value={samplerParams}
                  onInput={(e) => setSamplerParams(str(e))}
                  size={36}
                />
              </label>
              <button
                type="button"
                class="primary"
                disabled={states.sample.running}
                onClick={() => start('sample')}
              >
                Sample
              </button>
            </div>
            {samplerInfo && (
              <details>
                <summary class="small">
                  {samplerInfo.name}: {samplerInfo.summary}
                </summary>
                <ul class="small params">
                  {Object.entries(samplerInfo.parameters).map(([k, v]) => (
                    <li key={k}>
                      <code>{k}</code> — {v.doc}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <JobStatus state={states.sample} onCancel={() => running.current.sample?.cancel()} />
            {sample && (
              <>
                <p>
                  {sample.sampler}: {sample.numRows} rows, {sample.totalReads} reads, lowest energy{' '}
                  {sample.lowestEnergy}
                </p>
                <Downloads id={results.sample!.id} csv sampleSet />
              </>
            )}
          </section>
        </div>
      )}
      {!problem && <p class="muted">Generate or upload a problem to start.</p>}
    </div>
  );
}

function Downloads(p: { id: string; csv?: boolean; sampleSet?: boolean }) {
  return (
    <p class="downloads small">
      Download:{' '}
      <a href={`/api/jobs/${p.id}/result`} download="result.json">
        JSON
      </a>
      {p.csv && (
        <>
          {' · '}
          <a href={`/api/jobs/${p.id}/result.csv`} download>
            CSV
          </a>
        </>
      )}
      {p.sampleSet && (
        <>
          {' · '}
          <a href={`/api/jobs/${p.id}/sampleset.json`} download>
            dimod SampleSet JSON
          </a>
        </>
      )}
    </p>
  );
}
