/** The study job: success probability and TTS99 against annealing time, one anneal per time. */

import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { StudyJobResult } from '../../../src/web/jobs/lab-results';
import { JobStatus } from '../components/job-status';
import { Plot } from '../components/plot';
import { Downloads } from './downloads';
import { RunButton } from './run-button';
import { StaleNote } from './stale-note';
import { inputText } from './problem';
import type { LabJob } from './use-lab-jobs';

function StudyPlots({ study }: { study: StudyJobResult }) {
  const plots = useMemo(() => {
    const t = study.rows.map((r) => r.annealingTime);
    return {
      p: {
        data: [t, study.rows.map((r) => r.successProbability)] as uPlot.AlignedData,
        series: [{ label: 'P(success)', color: '#1f77b4', points: true, width: 2 }],
      },
      tts: {
        data: [
          t,
          study.rows.map((r) => (r.tts99 !== null && r.tts99 > 0 ? r.tts99 : null)),
        ] as unknown as uPlot.AlignedData,
        series: [{ label: 'TTS99', color: '#d62728', points: true, width: 2 }],
      },
    };
  }, [study]);
  const xLabel = `annealing time (${study.durationUnit})`;
  return (
    <div class="two">
      <Plot
        title="Success probability"
        xLabel={xLabel}
        yLabel="P"
        data={plots.p.data}
        series={plots.p.series}
        logX
        height={240}
        testId="study-p-plot"
      />
      <Plot
        title="Time to solution (99%)"
        xLabel={xLabel}
        yLabel={`TTS99 (${study.durationUnit})`}
        data={plots.tts.data}
        series={plots.tts.series}
        logX
        logY
        height={240}
        testId="study-tts-plot"
      />
    </div>
  );
}

export function StudyCard(p: {
  job: LabJob<'study'>;
  durations: string;
  onDurations: (durations: string) => void;
  unit: string;
  body: () => Record<string, unknown>;
}) {
  const { job } = p;
  const study = job.done?.result;
  const stale = job.stale(JSON.stringify(p.body()));
  return (
    <section class="card" data-testid="study-card">
      <h2>Study: success probability and TTS99 vs annealing time</h2>
      <div class="row">
        <label>
          annealing times ({p.unit}){' '}
          <input type="text" value={p.durations} onInput={(e) => p.onDurations(inputText(e))} size={28} />
        </label>
        <RunButton running={job.state.running} onRun={() => job.start(p.body())} testId="study-button">
          Run study
        </RunButton>
      </div>
      <JobStatus state={job.state} onCancel={job.cancel} testId="study-status" />
      {study && job.done && (
        <div class={stale ? 'stale' : ''}>
          <StaleNote stale={stale} />
          <StudyPlots study={study} />
          <Downloads id={job.done.id} csv />
        </div>
      )}
    </section>
  );
}
