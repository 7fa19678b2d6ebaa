/**
 * Ctrl-C while a front end waits for the QPU: instead of leaving the problem queued on the solver, the first
 * SIGINT aborts the running sample() (which cancels its problem on the server and rejects with a
 * CancelledError saying what happened); a second SIGINT exits at once (status 130).
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleOptions, SampleParams, Sampler } from '../../sim/sampler.js';

export function cancelOnInterrupt<T extends Sampler>(sampler: T): T {
  const inner = sampler.sample.bind(sampler);
  sampler.sample = async (bqm: BinaryQuadraticModel, params?: SampleParams, options: SampleOptions = {}) => {
    const ctl = new AbortController();
    let interrupted = false;
    const onSigint = () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      process.stderr.write(
        'interrupted: cancelling the problem on the solver (Ctrl-C again to quit at once)\n',
      );
      ctl.abort(new Error('interrupted'));
    };
    process.on('SIGINT', onSigint);
    try {
      const signal = options.signal ? AbortSignal.any([options.signal, ctl.signal]) : ctl.signal;
      return await inner(bqm, params, { ...options, signal });
    } finally {
      process.off('SIGINT', onSigint);
    }
  };
  return sampler;
}
