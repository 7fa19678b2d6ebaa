/** The path (forward, pause, quench, reverse) and the method (statevector or pimc, cpu or gpu) of anneals and studies. */

import type { ComponentChildren } from 'preact';
import { ANNEAL_METHODS } from '../../../src/studies/anneal-point-result';
import { type AnnealForm, type AnnealFormAction, PATH_KINDS } from './anneal-form';
import { inputNumber, inputText, pathUnitOf } from './problem';

type Dispatch = (a: AnnealFormAction) => void;
type Set = (p: Partial<AnnealForm>) => void;
type NumberKey = { [K in keyof AnnealForm]: AnnealForm[K] extends number ? K : never }[keyof AnnealForm];

/** A number input bound to one numeric field of the form (a fraction in [0, 1] with `fraction`). */
function NumberField(p: {
  form: AnnealForm;
  set: Set;
  name: NumberKey;
  label: ComponentChildren;
  fraction?: boolean;
  step?: string;
  min?: string;
}) {
  return (
    <label>
      {p.label}{' '}
      <input
        type="number"
        step={p.fraction ? '0.05' : (p.step ?? 'any')}
        min={p.min ?? '0'}
        {...(p.fraction ? { max: '1' } : {})}
        value={p.form[p.name]}
        onInput={(e) => p.set({ [p.name]: inputNumber(e) })}
      />
    </label>
  );
}

/** A select bound to one field of the form, with its choices as [value, text]. */
function ChoiceField<K extends 'pathKind' | 'method' | 'backend'>(p: {
  form: AnnealForm;
  set: Set;
  name: K;
  label: string;
  choices: [AnnealForm[K], string][];
  testId: string;
}) {
  return (
    <label>
      {p.label}{' '}
      <select
        value={p.form[p.name]}
        onChange={(e) => p.set({ [p.name]: inputText(e) } as Partial<AnnealForm>)}
        data-testid={p.testId}
      >
        {p.choices.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** s_pause, s_quench, s_target: a point on the s axis. */
const sLabel = (which: string) => (
  <>
    s<sub>{which}</sub>
  </>
);

function PathFields({ form, set, unit }: { form: AnnealForm; set: Set; unit: string }) {
  const k = form.pathKind;
  const bind = { form, set };
  return (
    <div class="row">
      <ChoiceField
        {...bind}
        name="pathKind"
        label="path"
        choices={PATH_KINDS.map((kind) => [kind, kind])}
        testId="path-select"
      />
      <NumberField
        {...bind}
        name="duration"
        label={`${k === 'reverse' ? 'ramp time' : 'annealing time'} (${unit})`}
      />
      {k === 'pause' && <NumberField {...bind} name="sPause" label={sLabel('pause')} fraction />}
      {k === 'quench' && (
        <>
          <NumberField {...bind} name="sQuench" label={sLabel('quench')} fraction />
          <NumberField {...bind} name="quenchDuration" label={`quench time (${unit})`} />
        </>
      )}
      {k === 'reverse' && (
        <>
          <NumberField {...bind} name="sTarget" label={sLabel('target')} fraction />
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
        <NumberField {...bind} name="pauseDuration" label={`pause (${unit})`} />
      )}
    </div>
  );
}

function MethodFields({ form, set, ghz }: { form: AnnealForm; set: Set; ghz: boolean }) {
  return (
    <div class="row">
      <ChoiceField
        form={form}
        set={set}
        name="method"
        label="method"
        choices={ANNEAL_METHODS.map((m) => [m, m])}
        testId="method-select"
      />
      <span title="gpu: the gpu.js kernels in float32 on WebGPU (on the CPU through gpu.js's WebAssembly backend where the server has no GPU); pimc on gpu runs without cluster moves">
        <ChoiceField
          form={form}
          set={set}
          name="backend"
          label="backend"
          choices={[
            ['cpu', 'cpu'],
            ['gpu', 'gpu (gpu.js)'],
          ]}
          testId="backend-select"
        />
      </span>
      {form.method === 'pimc' && (
        <>
          <NumberField form={form} set={set} name="numReads" label="reads" min="1" step="1" />
          <NumberField form={form} set={set} name="seed" label="seed" step="1" />
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

export function PathMethodCard(p: { form: AnnealForm; dispatch: Dispatch; schedule: string }) {
  const set: Set = (patch) => p.dispatch({ type: 'set', patch });
  return (
    <section class="card">
      <h2>Path and method</h2>
      <PathFields form={p.form} set={set} unit={pathUnitOf(p.schedule)} />
      <MethodFields form={p.form} set={set} ghz={p.schedule !== 'linear'} />
    </section>
  );
}
