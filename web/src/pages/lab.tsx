/**
 * The anneal lab: load (upload a model file in any supported format) or generate a problem, choose a schedule
 * (published tables plotted as A(s), B(s), or linear) and a path (forward, pause, quench, reverse), then run gap,
 * anneal, study and sample jobs with live progress; plots of the spectrum, success probability and TTS99 versus
 * annealing time; downloads as dimod JSON and CSV. The panels live in ../lab/; this page holds what they share:
 * the problem, the schedule, the path-and-method form and the jobs.
 */

import { useReducer, useState } from 'preact/hooks';
import type { Info } from '../api';
import { AnnealCard } from '../lab/anneal-card';
import { annealFormReducer, annealJobBody, initialAnnealForm } from '../lab/anneal-form';
import { GapCard } from '../lab/gap-card';
import { PathMethodCard } from '../lab/path-method-card';
import { type ProblemSummary, pathUnitOf } from '../lab/problem';
import { ProblemSource } from '../lab/problem-source';
import { ProblemSummaryView } from '../lab/problem-summary';
import { SampleCard } from '../lab/sample-card';
import { SchedulePanel } from '../lab/schedule-panel';
import { StudyCard } from '../lab/study-card';
import { useLabJobs } from '../lab/use-lab-jobs';

export function LabPage({ info }: { info: Info }) {
  const [problem, setProblem] = useState<ProblemSummary | null>(null);
  const [schedule, setSchedule] = useState('linear');
  const [form, dispatch] = useReducer(annealFormReducer, initialAnnealForm);
  const { jobs } = useLabJobs();

  // results are kept when the problem changes and marked stale by their cards
  const onProblem = (p: ProblemSummary) => setProblem(p);
  const onSchedule = (name: string) => {
    setSchedule(name);
    dispatch({ type: 'schedule', ghz: name !== 'linear' });
  };

  return (
    <div class="lab">
      <section class="card">
        <h2>Problem</h2>
        <ProblemSource info={info} onProblem={onProblem} />
        {problem && (
          <div class="two" data-testid="problem-summary">
            <ProblemSummaryView problem={problem} />
            <SchedulePanel info={info} schedule={schedule} onSchedule={onSchedule} />
          </div>
        )}
      </section>

      {problem && <PathMethodCard form={form} dispatch={dispatch} schedule={schedule} />}

      {problem && (
        <div class="jobs">
          <GapCard job={jobs.gap} problem={problem.id} schedule={schedule} />
          <AnnealCard job={jobs.anneal} body={() => annealJobBody(form, problem.id, schedule)} />
          <StudyCard
            job={jobs.study}
            durations={form.durations}
            onDurations={(durations) => dispatch({ type: 'set', patch: { durations } })}
            unit={pathUnitOf(schedule)}
            body={() => annealJobBody(form, problem.id, schedule, true)}
          />
          <SampleCard info={info} job={jobs.sample} problem={problem.id} />
        </div>
      )}
      {!problem && <p class="muted">Generate or upload a problem to start.</p>}
    </div>
  );
}
