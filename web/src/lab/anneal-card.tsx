/** The anneal job: one anneal along the path and its figures of merit (src/studies/anneal-point.ts). */

import type { ComponentChildren } from 'preact';
import type { AnnealJobResult } from '../../../src/web/jobs/lab-results';
import {
  formatEnergy,
  formatEnergyDifference,
  formatNumber,
  formatSeconds,
  formatTime,
  formatWithError,
  NO_VALUE,
} from '../../../src/util/format';
import { JobStatus } from '../components/job-status';
import { Downloads } from './downloads';
import { RunButton } from './run-button';
import { StaleNote } from './stale-note';
import type { LabJob } from './use-lab-jobs';

function AnnealTable({ a }: { a: AnnealJobResult }) {
  const rows: [string, ComponentChildren][] = [
    [
      'success probability',
      a.method === 'pimc'
        ? `${formatWithError(a.successProbability, a.successProbabilityStdErr)} (${a.numReads} reads)`
        : formatNumber(a.successProbability),
    ],
    ['ground energy (degeneracy)', `${formatEnergy(a.groundEnergy)} (${a.groundDegeneracy ?? NO_VALUE})`],
    [
      '⟨H_P⟩ · residual energy',
      `${formatNumber(a.expectedEnergy)} · ${formatEnergyDifference(a.residualEnergy, a.groundEnergy)}`,
    ],
    [
      a.method === 'statevector' ? 'steps · dt' : 'sweeps',
      a.method === 'statevector'
        ? `${a.steps} · ${formatTime(a.dt, a.dtUnit, 4)}`
        : String(a.steps ?? NO_VALUE),
    ],
    ['TTS99', a.tts99 === null ? `${NO_VALUE} (p = 0)` : formatTime(a.tts99, a.timeUnit, 5)],
    [
      'path (t, s)',
      <>
        <code>{a.annealPath.map((q) => `${q[0]},${q[1]}`).join(' ')}</code> (t in {a.durationUnit})
      </>,
    ],
    ...(a.kernel ? [['kernels', a.kernel] as [string, string]] : []),
    ['wall time', formatSeconds(a.wallSeconds)],
  ];
  return (
    <table class="kv" data-testid="anneal-result">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AnnealCard(p: { job: LabJob<'anneal'>; body: () => Record<string, unknown> }) {
  const { job } = p;
  const anneal = job.done?.result;
  const stale = job.stale(JSON.stringify(p.body()));
  return (
    <section class="card" data-testid="anneal-card">
      <h2>Anneal</h2>
      <RunButton running={job.state.running} onRun={() => job.start(p.body())} testId="anneal-button">
        Run anneal
      </RunButton>
      <JobStatus state={job.state} onCancel={job.cancel} testId="anneal-status" />
      {anneal && job.done && (
        <div class={stale ? 'stale' : ''}>
          <StaleNote stale={stale} />
          <AnnealTable a={anneal} />
          <Downloads id={job.done.id} csv sampleSet={anneal.sampleSet !== undefined} />
        </div>
      )}
    </section>
  );
}
