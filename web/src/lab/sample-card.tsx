/** The sample job: any registered sampler on the problem, with its parameters as JSON. */

import { useState } from 'preact/hooks';
import { formatEnergy } from '../../../src/util/format';
import type { Info } from '../api';
import { JobStatus } from '../components/job-status';
import { isQpuShaped, SamplerParameters, SamplerPicker } from '../components/sampler-picker';
import { Downloads } from './downloads';
import { inputText } from './problem';
import { RunButton } from './run-button';
import { StaleNote } from './stale-note';
import type { LabJob } from './use-lab-jobs';

export function SampleCard(p: { info: Info; job: LabJob<'sample'>; problem: string }) {
  const [sampler, setSampler] = useState('exact');
  const [params, setParams] = useState('{}');
  const [solver, setSolver] = useState('');
  const { job } = p;
  const samplerInfo = p.info.samplers.find((s) => s.name === sampler);
  const sample = job.done?.result;

  function start() {
    let parsed: unknown;
    try {
      parsed = JSON.parse(params || '{}');
    } catch (e) {
      job.fail(`params: not JSON (${(e as Error).message})`);
      return;
    }
    job.start(
      {
        problem: p.problem,
        sampler,
        params: parsed,
        ...(isQpuShaped(sampler) && solver.trim() !== '' ? { solver: solver.trim() } : {}),
      },
      p.problem,
    );
  }

  return (
    <section class="card" data-testid="sample-card">
      <h2>Sample</h2>
      <div class="row">
        <SamplerPicker
          label="sampler"
          samplers={p.info.samplers}
          sampler={sampler}
          onSampler={setSampler}
          solver={solver}
          onSolver={setSolver}
        />
        <label>
          params (JSON){' '}
          <input type="text" value={params} onInput={(e) => setParams(inputText(e))} size={36} />
        </label>
        <RunButton running={job.state.running} onRun={start}>
          Sample
        </RunButton>
      </div>
      {samplerInfo && (
        <SamplerParameters sampler={samplerInfo} summary={`${samplerInfo.name}: ${samplerInfo.summary}`} />
      )}
      <JobStatus state={job.state} onCancel={job.cancel} />
      {sample && job.done && (
        <div class={job.stale(p.problem) ? 'stale' : ''}>
          <StaleNote stale={job.stale(p.problem)} />
          <p>
            {sample.sampler}: {sample.numRows} rows, {sample.totalReads} reads, lowest energy{' '}
            {formatEnergy(sample.lowestEnergy)}
          </p>
          <Downloads id={job.done.id} csv sampleSet />
        </div>
      )}
    </section>
  );
}
