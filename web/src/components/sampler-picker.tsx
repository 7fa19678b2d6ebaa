/**
 * The sampler select (unavailable samplers shown disabled, with why) and, for the QPU-shaped samplers
 * (qpu-sim, leap), the solver name field; and a sampler's parameters with their docs, folded.
 */

import type { ComponentChildren } from 'preact';
import type { SamplerInfo } from '../api';

/** Samplers that take a solver name. */
export const isQpuShaped = (sampler: string): boolean => sampler === 'qpu-sim' || sampler === 'leap';

const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function SamplerPicker(p: {
  label: string;
  samplers: SamplerInfo[];
  sampler: string;
  onSampler: (name: string) => void;
  solver: string;
  onSolver: (name: string) => void;
  testId?: string;
}) {
  return (
    <>
      <label>
        {p.label}{' '}
        <select value={p.sampler} onChange={(e) => p.onSampler(value(e))} data-testid={p.testId}>
          {p.samplers.map((s) => (
            <option key={s.name} value={s.name} disabled={!s.available} title={s.reason ?? s.summary}>
              {s.name}
              {s.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </label>
      {isQpuShaped(p.sampler) && (
        <label>
          solver{' '}
          <input
            type="text"
            placeholder="e.g. Advantage_system4.1"
            value={p.solver}
            onInput={(e) => p.onSolver(value(e))}
          />
        </label>
      )}
    </>
  );
}

/** A sampler's parameters (Ocean names) and what each does, under a folded summary. */
export function SamplerParameters(p: { sampler: SamplerInfo; summary: ComponentChildren }) {
  return (
    <details>
      <summary class="small">{p.summary}</summary>
      <ul class="small params">
        {Object.entries(p.sampler.parameters).map(([k, v]) => (
          <li key={k}>
            <code>{k}</code> — {v.doc}
          </li>
        ))}
      </ul>
    </details>
  );
}
