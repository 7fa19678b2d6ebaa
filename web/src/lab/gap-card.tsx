/** The gap job: the lowest levels of H(s) over s and the minimum gap, plotted. */

import { useState } from 'preact/hooks';
import { JobStatus } from '../components/job-status';
import { SpectrumPlot } from '../components/spectrum-plot';
import { Downloads } from './downloads';
import { RunButton } from './run-button';
import { StaleNote } from './stale-note';
import { inputNumber } from './problem';
import type { LabJob } from './use-lab-jobs';

export function GapCard(p: { job: LabJob<'gap'>; problem: string; schedule: string }) {
  const [points, setPoints] = useState(101);
  const [levels, setLevels] = useState(4);
  const { job } = p;
  const gap = job.done?.result;
  const context = JSON.stringify({ problem: p.problem, schedule: p.schedule });
  const stale = job.stale(context);
  return (
    <section class="card" data-testid="gap-card">
      <h2>Gap</h2>
      <div class="row">
        <label>
          points{' '}
          <input type="number" min="3" max="1001" value={points} onInput={(e) => setPoints(inputNumber(e))} />
        </label>
        <label>
          levels{' '}
          <input type="number" min="2" max="32" value={levels} onInput={(e) => setLevels(inputNumber(e))} />
        </label>
        <RunButton
          running={job.state.running}
          onRun={() => job.start({ problem: p.problem, schedule: p.schedule, points, levels }, context)}
          testId="gap-button"
        >
          Run gap
        </RunButton>
      </div>
      <JobStatus state={job.state} onCancel={job.cancel} testId="gap-status" />
      {gap && job.done && (
        <div class={stale ? 'stale' : ''}>
          <StaleNote stale={stale} />
          <SpectrumPlot spectrum={gap} testId="gap-plot" title={`Spectrum (${gap.method})`} zoom />
          <p class="muted small">{gap.note}</p>
          <Downloads id={job.done.id} csv />
        </div>
      )}
    </section>
  );
}
