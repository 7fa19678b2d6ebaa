/** The schedule picker with a plot of its A(s), B(s) (published D-Wave tables in GHz, or linear). */

import { useEffect, useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { getJson, type Info } from '../api';
import { Plot } from '../components/plot';
import { inputText, type ScheduleData } from './problem';

function useScheduleData(name: string): ScheduleData | null {
  const [data, setData] = useState<ScheduleData | null>(null);
  useEffect(() => {
    getJson<ScheduleData>(`/api/schedules/${encodeURIComponent(name)}`)
      .then(setData)
      .catch(() => setData(null));
  }, [name]);
  return data;
}

export function SchedulePanel(p: { info: Info; schedule: string; onSchedule: (name: string) => void }) {
  const sched = useScheduleData(p.schedule);
  const ghz = p.schedule !== 'linear';
  const plot = useMemo(
    () =>
      sched && {
        data: [sched.s, sched.A, sched.B] as uPlot.AlignedData,
        series: [
          { label: 'A(s)', color: '#1f77b4', width: 2 },
          { label: 'B(s)', color: '#d62728', width: 2 },
        ],
      },
    [sched],
  );
  return (
    <div>
      <h3>Schedule</h3>
      <label>
        schedule{' '}
        <select value={p.schedule} onChange={(e) => p.onSchedule(inputText(e))} data-testid="schedule-select">
          {p.info.schedules.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {sched && plot && (
        <Plot
          title={`${sched.name}: H(s) = ${ghz ? '−A(s)/2 Σσx + B(s)/2 H_P (GHz)' : '−A(s) Σσx + B(s) H_P'}`}
          xLabel="s"
          yLabel={ghz ? 'GHz' : 'coefficient'}
          data={plot.data}
          series={plot.series}
          height={220}
          testId="schedule-plot"
        />
      )}
    </div>
  );
}
