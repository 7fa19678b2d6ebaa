import { InputError } from '../../src/errors.js';

/** The InputError `f` throws; fails when `f` returns, and rethrows anything that is not an InputError. */
export function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e;
  }
  throw new Error('expected an InputError, but the call returned');
}
