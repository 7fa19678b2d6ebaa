/** The path (forward, pause, quench, reverse) and the method (statevector or pimc, cpu or gpu) of anneals and studies. */

import type { ComponentChildren } from 'preact';
import type { AnnealMethod } from '../../../src/studies/anneal-point-result';
import type { AnnealForm, AnnealFormAction, Backend, PathKind } from './anneal-form';
import { inputNumber, inputText } from './problem';

type Dispatch = (a: AnnealFormAction) => void;

/** A number input bound to one field of the form. */
function NumberField(p: {
  label: ComponentChildren;
  value: number;
  onValue: (v: number) => void;
  step?: string;
  min?: string;
  max?: string;
}) {
  return (
    <label>
      {p.label}{' '}
      <input
        type="number"
        step={p.step ?? 'any'}
        min={p.min ?? '0'}
        {...(p.max ? { max: p.max } : {})}
        value={p.value}
        onInput={(e) => p.onValue(inputNumber(e))}
      />
    </label>
  );
}

function PathFields({ form, set, unit }: { form: AnnealForm; set: (p: Partial<AnnealForm>) => void; unit: string }) {
  const k = form.pathKind;
  const fraction = { step: '0.05', min: '0', max: '1' };
  return (
    <div class="row">
      <label>
        path{' '}
        <select value={k} onChange={(e) => set({ pathKind: inputText(e) as PathKind })} data-testid="path-select">
          <option value="forward">forward</option>
          <option value="pause">pause</option>
          <option value="quench">quench</option>
          <option value="reverse">reverse</option>
        </select>
      </label>
      <NumberField
        label={`${k === 'reverse' ? 'ramp time' : 'annealing time'} (${unit})`}
        value={form.duration}
        onValue={(duration) => set({ duration })}
      />
      {k === 'pause' && (
        <NumberField label={<>s<sub>pause</sub></>} value={form.sPause} onValue={(sPause) => set({ sPause })} {...fraction} />
      )}
      {k === 'quench' && (
        <>
          <NumberField
            label={<>s<sub>quench</sub></>}
            value={form.sQuench}
            onValue={(sQuench) => set({ sQuench })}
            {...fraction}
          />
          <NumberField
            label={`quench time (${unit})`}
            value={form.quenchDuration}
            onValue={(quenchDuration) => set({ quenchDuration })}
          />
        </>
      )}
      {k === 'reverse' && (
        <>
          <NumberField
            label={<>s<sub>target</sub></>}
            value={form.sTarget}
            onValue={(sTarget) => set({ sTarget })}
            {...fraction}
          />
          <label>
            initial state{' '}
            <input
              type="text"
              placeholder="1,-1,1,…"
              value={form.initialState}
              onInput={(e) => set({ initialState: inputText(e) })}
            />
          </label>
        </>
      )}
      {(k === 'pause' || k === 'reverse') && (
        <NumberField
          label={`pause (${unit})`}
          value={form.pauseDuration}
          onValue={(pauseDuration) => set({ pauseDuration })}
        />
      )}
    </div>
  );
}

function MethodFields({ form, set, ghz }: { form: AnnealForm; set: (p: Partial<AnnealForm>) => void; ghz: boolean }) {
  return (
    <div class="row">
      <label>
        method{' '}
        <select
          value={form.method}
          onChange={(e) => set({ method: inputText(e) as AnnealMethod })}
          data-testid="method-select"
        >
          <option value="statevector">statevector</option>
          <option value="pimc">pimc</option>
        </select>
      </label>
      <label title="gpu: the gpu.js kernels in float32 on WebGPU (on the CPU through gpu.js's WebAssembly backend where the server has no GPU); pimc on gpu runs without cluster moves">
        backend{' '}
        <select
          value={form.backend}
          onChange={(e) => set({ backend: inputText(e) as Backend })}
          data-testid="backend-select"
        >
          <option value="cpu">cpu</option>
          <option value="gpu">gpu (gpu.js)</option>
        </select>
      </label>
      {form.method === 'pimc' && (
        <>
          <NumberField label="reads" value={form.numReads} onValue={(numReads) => set({ numReads })} min="1" step="1" />
          <NumberField label="seed" value={form.seed} onValue={(seed) => set({ seed })} step="1" />
          <label>
            {ghz ? 'temperature (mK)' : 'β'}{' '}
            <input
              type="number"
              step="any"
              placeholder={ghz ? '12' : '10'}
              value={ghz ? form.temperature : form.beta}
              onInput={(e) => set(ghz ? { temperature: inputText(e) } : { beta: inputText(e) })}
            />
          </label>
        </>
      )}
    </div>
  );
}

export function PathMethodCard(p: { form: AnnealForm; dispatch: Dispatch; ghz: boolean }) {
  const set = (patch: Partial<AnnealForm>) => p.dispatch({ type: 'set', patch });
  return (
    <section class="card">
      <h2>Path and method</h2>
      <PathFields form={p.form} set={set} unit={p.ghz ? 'µs' : 'τ'} />
      <MethodFields form={p.form} set={set} ghz={p.ghz} />
    </section>
  );
}
