/** The lab's problem and schedule as the server describes them (POST /api/problems…, GET /api/schedules/:name). */

export interface ProblemSummary {
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

export interface ScheduleData {
  name: string;
  energyUnit: string;
  s: number[];
  A: number[];
  B: number[];
}

/** The unit of path times under a schedule: µs for D-Wave tables, τ for linear. */
export const pathUnitOf = (schedule: string) => (schedule === 'linear' ? 'τ' : 'µs');

export const inputNumber = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);
export const inputText = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
