/** Where a lab problem comes from: a generator (kind, n, seed) or an uploaded model file in any supported format. */

import { useState } from 'preact/hooks';
import { postJson, uploadFile, type Info } from '../api';
import { type JobState, JobStatus } from '../components/job-status';
import { inputNumber, inputText, type ProblemSummary } from './problem';
import { errorOf } from './use-lab-jobs';

export function ProblemSource(p: { info: Info; onProblem: (problem: ProblemSummary) => void }) {
  const { info } = p;
  const [kind, setKind] = useState(info.generators[0]?.kind ?? 'spin-glass');
  const [n, setN] = useState(8);
  const [seed, setSeed] = useState(1);
  const [status, setStatus] = useState<JobState>({ running: false });

  async function load(request: Promise<ProblemSummary>) {
    try {
      p.onProblem(await request);
      setStatus({ running: false });
    } catch (err) {
      setStatus({ running: false, error: errorOf(err) });
    }
  }

  async function onUpload(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await load(uploadFile<ProblemSummary>('/api/problems', file));
    input.value = '';
  }

  return (
    <>
      <div class="row">
        <label>
          generate{' '}
          <select value={kind} onChange={(e) => setKind(inputText(e))} data-testid="generator-select">
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
            value={n}
            onInput={(e) => setN(inputNumber(e))}
            data-testid="generator-n"
          />
        </label>
        <label>
          seed <input type="number" min="0" value={seed} onInput={(e) => setSeed(inputNumber(e))} />
        </label>
        <button
          type="button"
          onClick={() => load(postJson<ProblemSummary>('/api/problems/generate', { kind, n, seed }))}
          data-testid="generate-button"
        >
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
      <p class="muted small">{info.generators.find((g) => g.kind === kind)?.summary}</p>
      <JobStatus state={status} />
    </>
  );
}
