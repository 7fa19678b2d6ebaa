/**
 * Explicit TensorFlow.js initialisation for the XAI layer. Nothing happens at import: {@link initTf} picks
 * the backend — tfjs-node ('tensorflow') when that optional package is installed, else 'wasm', else the
 * pure-JS 'cpu' — registers the kernels wasm lacks, and reports what it chose. `QAXAI_TF_BACKEND`
 * (tensorflow|wasm|cpu) or the `backend` option forces one.
 */

import * as tf from '@tensorflow/tfjs';
import { InputError } from '../errors.js';
import { registerWasmKernels } from './wasm-kernels.js';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';
export const TF_BACKENDS: readonly TfBackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface TfRuntime {
  backend: TfBackendName;
  tfVersion: string;
  /** Backends tried before the chosen one, with why each was skipped. */
  skipped: { backend: TfBackendName; reason: string }[];
}

let current: TfRuntime | undefined;

async function tryBackend(name: TfBackendName): Promise<string | undefined> {
  try {
    if (name === 'tensorflow') {
      const mod = '@tensorflow/tfjs-node';
      await import(mod);
    } else if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      registerWasmKernels(tf);
    }
    if (!(await tf.setBackend(name))) return `${name} backend did not initialise`;
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ERR_MODULE_NOT_FOUND' ? 'package not installed' : (e as Error).message;
  }
}

/**
 * Initialises tfjs once per process and returns the runtime record (later calls return the same record
 * unless a different backend is forced).
 */
export async function initTf(options: { backend?: TfBackendName } = {}): Promise<TfRuntime> {
  const forced = options.backend ?? (process.env.QAXAI_TF_BACKEND as TfBackendName | undefined);
  if (forced !== undefined && !TF_BACKENDS.includes(forced))
    throw new InputError(
      `QAXAI_TF_BACKEND: ${JSON.stringify(forced)} is not one of ${TF_BACKENDS.join(', ')}`,
      {
        field: 'QAXAI_TF_BACKEND',
      },
    );
  if (current && (forced === undefined || forced === current.backend)) return current;
  tf.enableProdMode();
  const order = forced ? [forced] : TF_BACKENDS;
  const skipped: TfRuntime['skipped'] = [];
  for (const name of order) {
    const why = await tryBackend(name);
    if (why === undefined) {
      current = { backend: name, tfVersion: tf.version.tfjs, skipped };
      return current;
    }
    skipped.push({ backend: name, reason: why });
  }
  throw new InputError(
    `no TensorFlow.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
    { field: 'QAXAI_TF_BACKEND' },
  );
}

/** The runtime chosen by {@link initTf}, or undefined before it ran. */
export function tfRuntime(): TfRuntime | undefined {
  return current;
}
