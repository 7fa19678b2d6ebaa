/**
 * The explainer: pick an embedded evaluation image or upload a PNG/JPEG, choose the QUBO sampler and its
 * parameters, and see the prediction, Grad-CAM, Grad-CAM++ and the QA-selected heatmaps side by side, the feature
 * maps (selected ones marked), the QUBO's h and J, and the spectrum of H(s) with the gap and the success
 * probability F.
 */

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatEnergy, formatSeconds } from '../../../src/util/format';
import { ApiError, getJson, type Info, type RunningJob, runJob, uploadFile } from '../api';
import { type JobState, JobStatus } from '../components/job-status';
import { MatrixView } from '../components/matrix-view';
import { isQpuShaped, SamplerParameters, SamplerPicker } from '../components/sampler-picker';
import { type Spectrum, SpectrumPlot } from '../components/spectrum-plot';

interface ImageList {
  dataset: string;
  classNames: string[];
  images: { index: number; label: number; className: string }[];
}

interface MethodResult {
  overlayPng: string;
  selectedMaps: number[];
  weights: number[];
}

interface ExplainResult {
  model: { dataset: string | null; layer: string; tfBackend: string };
  image: { png: string; label: number | null; notes: string[] };
  predictedClass: number;
  className: string;
  probability: number;
  classNames: string[];
  probabilities: number[];
  mapShape: [number, number, number];
  methods: Record<'gradcam' | 'gradcam++' | 'qa', MethodResult>;
  selectedMaps: number[];
  /** The QA selection against the candidates (α > 0) and the QUBO's exact minimiser (src/xai/ablation.ts). */
  selection: { positive: number[]; exact: number[] | null; summary: string };
  featureMaps: { index: number; alpha: number; selected: boolean; png: string }[];
  qubo: {
    d: number;
    beta: number;
    form: string;
    kept: number[];
    h: number[];
    J: number[][];
    energy: number | null;
  };
  sampler: {
    name: string;
    parameters: Record<string, unknown>;
    notApplicable: string[];
    reads: number;
  } | null;
  annealing: {
    minGap: number | null;
    sAtMin: number | null;
    successProbability: number | null;
    engine: string;
    tau: number;
    dt: number;
  } | null;
  spectrum: Spectrum | null;
  warnings: string[];
  wallSeconds: number;
}

const METHOD_TITLES: [keyof ExplainResult['methods'], string][] = [
  ['gradcam', 'Grad-CAM'],
  ['gradcam++', 'Grad-CAM++'],
  ['qa', 'QA-selected maps'],
];

type Source =
  | { kind: 'embedded'; index: number }
  | { kind: 'upload'; id: string; name: string; preview: string };

export function ExplainerPage({ info }: { info: Info }) {
  const ex = info.explainer;
  const [images, setImages] = useState<ImageList | null>(null);
  const [cls, setCls] = useState(0);
  const [source, setSource] = useState<Source>({ kind: 'embedded', index: 0 });
  const [sampler, setSampler] = useState(ex.available ? ex.defaultSampler : 'exact');
  const [beta, setBeta] = useState(0.7);
  const [tau, setTau] = useState(50);
  const [dt, setDt] = useState(0.01);
  const [reads, setReads] = useState('');
  const [seed, setSeed] = useState(0);
  const [form, setForm] = useState<'paper' | 'code'>('paper');
  const [invert, setInvert] = useState(false);
  const [spectrum, setSpectrum] = useState(true);
  const [samplerParams, setSamplerParams] = useState('');
  const [solver, setSolver] = useState('');
  const qpuShaped = isQpuShaped(sampler);
  const [state, setState] = useState<JobState>({ running: false });
  const [result, setResult] = useState<ExplainResult | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const running = useRef<RunningJob<ExplainResult> | null>(null);

  useEffect(() => {
    if (!ex.available) return;
    getJson<ImageList>('/api/explainer/images')
      .then(setImages)
      .catch(() => setImages(null));
  }, [ex.available]);

  const classImages = useMemo(() => images?.images.filter((i) => i.label === cls) ?? [], [images, cls]);
  const samplerInfo = info.samplers.find((s) => s.name === sampler);

  async function onUpload(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const u = await uploadFile<{ id: string; name: string }>('/api/uploads/image', file);
      setSource({ kind: 'upload', id: u.id, name: u.name, preview: URL.createObjectURL(file) });
      setState({ running: false });
    } catch (err) {
      setState({ running: false, error: err instanceof ApiError ? err.body : String(err) });
    }
    input.value = '';
  }

  function explain() {
    const body: Record<string, unknown> = {
      image: source.kind === 'embedded' ? { embedded: source.index } : { upload: source.id },
      sampler,
      beta,
      tau,
      dt,
      seed,
      quboForm: form,
      invert,
      spectrum,
    };
    if (reads.trim() !== '') body.reads = Number(reads);
    if (qpuShaped && solver.trim() !== '') body.solver = solver.trim();
    if (samplerParams.trim() !== '') {
      try {
        body.samplerParams = JSON.parse(samplerParams);
      } catch (e) {
        setState({ running: false, error: `samplerParams: not JSON (${(e as Error).message})` });
        return;
      }
    }
    setState({ running: true });
    const job = runJob<ExplainResult>('explain', body, (j, p) =>
      setState((s) => ({ ...s, job: j, ...(p ? { progress: p } : {}) })),
    );
    running.current = job;
    void job.id.then(setJobId);
    job.result
      .then((r) => {
        setResult(r);
        setState((s) => ({ ...s, running: false }));
      })
      .catch((err) =>
        setState((s) => ({ ...s, running: false, error: err instanceof ApiError ? err.body : String(err) })),
      );
  }

  if (!ex.available)
    return (
      <section class="card">
        <h2>Explainer unavailable</h2>
        <p>{ex.reason}</p>
      </section>
    );

  const sel = new Set(result?.selectedMaps ?? []);
  return (
    <div class="explainer">
      <section class="card controls">
        <h2>Image</h2>
        {images && (
          <>
            <label>
              Class{' '}
              <select
                value={cls}
                onChange={(e) => setCls(Number((e.currentTarget as HTMLSelectElement).value))}
                data-testid="class-select"
              >
                {images.classNames.map((c, i) => (
                  <option key={c} value={i}>
                    {i}: {c}
                  </option>
                ))}
              </select>
            </label>
            <div class="thumbs" data-testid="embedded-images">
              {classImages.map((im) => (
                <button
                  type="button"
                  key={im.index}
                  class={`thumb${source.kind === 'embedded' && source.index === im.index ? ' active' : ''}`}
                  title={`#${im.index}: ${im.className}`}
                  onClick={() => setSource({ kind: 'embedded', index: im.index })}
                >
                  <img
                    src={`/api/explainer/images/${im.index}.png`}
                    alt={`evaluation sample ${im.index} (${im.className})`}
                  />
                </button>
              ))}
            </div>
          </>
        )}
        <label class="upload">
          Upload PNG/JPEG{' '}
          <input type="file" accept="image/png,image/jpeg" onChange={onUpload} data-testid="image-upload" />
        </label>
        <p class="muted small">
          {source.kind === 'embedded'
            ? `Selected: evaluation image #${source.index}${images ? ` (${images.images[source.index]?.className ?? ''})` : ''}`
            : `Selected: upload ${source.name}`}
        </p>
        <label class="check">
          <input
            type="checkbox"
            checked={invert}
            onChange={(e) => setInvert((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          invert (dark object on a light background)
        </label>

        <h2>Sampler</h2>
        <SamplerPicker
          label="QUBO solver"
          samplers={info.samplers}
          sampler={sampler}
          onSampler={setSampler}
          solver={solver}
          onSolver={setSolver}
          testId="sampler-select"
        />
        {samplerInfo && <p class="muted small">{samplerInfo.summary}</p>}
        <div class="grid2">
          <label>
            β{' '}
            <input
              type="number"
              step="0.05"
              min="0"
              max="1"
              value={beta}
              onInput={(e) => setBeta(Number((e.currentTarget as HTMLInputElement).value))}
            />
          </label>
          <label>
            QUBO form{' '}
            <select
              value={form}
              onChange={(e) => setForm((e.currentTarget as HTMLSelectElement).value as 'paper' | 'code')}
            >
              <option value="paper">paper</option>
              <option value="code">code</option>
            </select>
          </label>
          <label>
            τ{' '}
            <input
              type="number"
              step="any"
              min="0"
              value={tau}
              onInput={(e) => setTau(Number((e.currentTarget as HTMLInputElement).value))}
            />
          </label>
          <label>
            dt{' '}
            <input
              type="number"
              step="any"
              min="0"
              value={dt}
              onInput={(e) => setDt(Number((e.currentTarget as HTMLInputElement).value))}
            />
          </label>
          <label>
            reads{' '}
            <input
              type="number"
              min="1"
              placeholder="d²"
              value={reads}
              onInput={(e) => setReads((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <label>
            seed{' '}
            <input
              type="number"
              min="0"
              value={seed}
              onInput={(e) => setSeed(Number((e.currentTarget as HTMLInputElement).value))}
            />
          </label>
        </div>
        <label>
          sampler parameters{' '}
          <input
            type="text"
            size={18}
            placeholder={sampler === 'pimc' || sampler.startsWith('svmc') ? '{"beta": 10}' : '{}'}
            value={samplerParams}
            onInput={(e) => setSamplerParams((e.currentTarget as HTMLInputElement).value)}
            data-testid="sampler-params"
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={spectrum}
            onChange={(e) => setSpectrum((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          spectrum and success probability of the QA problem
        </label>
        {samplerInfo && (
          <SamplerParameters sampler={samplerInfo} summary={`${samplerInfo.name}'s parameters`} />
        )}
        <button
          type="button"
          class="primary"
          onClick={explain}
          disabled={state.running}
          data-testid="explain-button"
        >
          Explain
        </button>
        <JobStatus state={state} onCancel={() => running.current?.cancel()} testId="explain-status" />
      </section>

      <section class={`results${state.running && result ? ' stale' : ''}`}>
        {state.running && (
          <p class="running-note" data-testid="result-running">
            Explaining… {state.job?.status === 'queued' ? 'queued' : (state.progress?.label ?? 'starting')}
            {result ? ' — the results below are from the previous run.' : ''}
          </p>
        )}
        {!result && !state.running && <p class="muted">Pick an image and press Explain.</p>}
        {result && (
          <>
            <div class="card" data-testid="prediction">
              <div class="prediction">
                <img class="input-image" src={result.image.png} alt="input" />
                <div>
                  <h2>
                    Prediction: {result.predictedClass} · {result.className}
                  </h2>
                  <p>
                    p = <strong>{result.probability.toFixed(4)}</strong>
                    {result.image.label !== null &&
                      ` · true class ${result.image.label} (${result.classNames[result.image.label]})`}
                  </p>
                  <div class="bars">
                    {result.probabilities.map((p, i) => (
                      <div
                        key={i}
                        class={`bar${i === result.predictedClass ? ' top' : ''}`}
                        title={`${result.classNames[i]}: ${p.toFixed(4)}`}
                      >
                        <span class="fill" style={{ width: `${Math.max(0.5, p * 100)}%` }} />
                        <span class="bar-label">{result.classNames[i]}</span>
                        <span class="bar-value" data-testid={`probability-${i}`}>
                          {p < 0.001 ? p.toExponential(0) : p.toFixed(3)}
                        </span>
                      </div>
                    ))}
                  </div>
                  {result.image.notes.length > 0 && (
                    <p class="muted small">{result.image.notes.join('; ')}</p>
                  )}
                  {result.warnings
                    .filter((w) => /light background/.test(w))
                    .map((w) => (
                      <p class="warning" key={w} data-testid="light-warning">
                        {w.replace('try `invert`', 'tick “invert” under Image and explain again')}
                      </p>
                    ))}
                </div>
              </div>
            </div>
            <div class="card">
              <h2>Heatmaps</h2>
              <div class="heatmaps">
                {METHOD_TITLES.map(([m, title]) => (
                  <figure key={m}>
                    <img
                      src={result.methods[m].overlayPng}
                      alt={`${title} heatmap`}
                      data-testid={`heatmap-${m === 'gradcam++' ? 'gradcampp' : m}`}
                    />
                    <figcaption>
                      {title}
                      <span class="muted small"> · {result.methods[m].selectedMaps.length} maps</span>
                    </figcaption>
                  </figure>
                ))}
              </div>
              <div class="colorbar" data-testid="heatmap-colorbar">
                <span class="scale">
                  <span class="jet" />
                  <span class="ticks">
                    <span>0</span>
                    <span>0.5</span>
                    <span>1</span>
                  </span>
                </span>
                <span class="muted small">
                  heatmap value: min–max normalised saliency, blue (least) to red (most), over the image at opacity
                  0.5
                </span>
              </div>
              {result.warnings
                .filter((w) => !/light background/.test(w))
                .map((w) => (
                  <p class="warning" key={w}>
                    {w}
                  </p>
                ))}
            </div>
            <div class="card">
              <h2>Feature maps ({result.model.layer})</h2>
              <p class="muted small">
                QA selected {result.selectedMaps.length} of {result.mapShape[2]} maps: [
                {result.selectedMaps.join(', ')}]; the QUBO keeps the d = {result.qubo.d} maps with α &gt; 0.
              </p>
              <p data-testid="selection-relation">
                {result.selection.summary}{' '}
                <span class="muted small">
                  (positive: [{result.selection.positive.join(', ')}]
                  {result.selection.exact ? `; exact: [${result.selection.exact.join(', ')}]` : ''})
                </span>
              </p>
              <div class="fmaps" data-testid="feature-maps">
                {result.featureMaps.map((f) => (
                  <figure key={f.index} class={`${f.selected ? 'selected' : ''}${f.alpha > 0 ? '' : ' dim'}`}>
                    <img src={f.png} alt={`feature map ${f.index}`} />
                    <figcaption>
                      #{f.index} α={f.alpha.toPrecision(2)}
                    </figcaption>
                  </figure>
                ))}
              </div>
            </div>
            <div class="card two">
              <div>
                <h2>QUBO</h2>
                <p class="muted small">
                  E(x) = {result.qubo.form === 'code' ? '4' : ''}(1 − β) Σ J<sub>pq</sub> x<sub>p</sub>x
                  <sub>q</sub> − {result.qubo.form === 'code' ? '2' : ''}β Σ h<sub>p</sub>x<sub>p</sub>, β ={' '}
                  {result.qubo.beta}, d = {result.qubo.d}
                  {result.qubo.energy !== null &&
                    `, energy of the kept bit string ${formatEnergy(result.qubo.energy)}`}
                </p>
                <MatrixView
                  labels={result.qubo.kept.map(String)}
                  h={result.qubo.h}
                  J={result.qubo.J}
                  highlight={
                    new Set(result.qubo.kept.map((k, i) => (sel.has(k) ? i : -1)).filter((i) => i >= 0))
                  }
                  testId="qubo-matrix"
                />
                {result.sampler && (
                  <table class="kv small">
                    <tbody>
                      <tr>
                        <th>sampler</th>
                        <td>{result.sampler.name}</td>
                      </tr>
                      <tr>
                        <th>reads</th>
                        <td>{result.sampler.reads}</td>
                      </tr>
                      <tr>
                        <th>parameters</th>
                        <td>
                          <code>{JSON.stringify(result.sampler.parameters)}</code>
                        </td>
                      </tr>
                      {result.sampler.notApplicable.length > 0 && (
                        <tr>
                          <th>not taken</th>
                          <td>{result.sampler.notApplicable.join(', ')}</td>
                        </tr>
                      )}
                    </tbody>
                  </table>
                )}
              </div>
              <div>
                <h2>Annealing</h2>
                {result.spectrum ? (
                  <SpectrumPlot spectrum={result.spectrum} testId="spectrum-plot" />
                ) : (
                  <p class="muted">
                    {result.qubo.d === 0 ? 'd = 0: nothing to anneal.' : 'Spectrum not computed.'}
                  </p>
                )}
                {result.annealing && (
                  <p data-testid="success-probability">
                    Success probability F ={' '}
                    <strong>
                      {result.annealing.successProbability !== null
                        ? result.annealing.successProbability.toFixed(4)
                        : '—'}
                    </strong>{' '}
                    (τ = {result.annealing.tau}, dt = {result.annealing.dt}){' '}
                    <span class="muted small">· {result.annealing.engine}</span>
                  </p>
                )}
              </div>
            </div>
            <p class="muted small">
              {formatSeconds(result.wallSeconds)} · TensorFlow.js {result.model.tfBackend} backend ·{' '}
              {jobId && (
                <>
                  <a href={`/api/jobs/${jobId}/result`} download="explanation.json">
                    result JSON
                  </a>{' '}
                  ·{' '}
                  <a href={`/api/jobs/${jobId}/result.csv`} download>
                    QUBO CSV
                  </a>
                </>
              )}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
