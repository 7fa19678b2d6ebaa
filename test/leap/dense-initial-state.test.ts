import { describe, expect, it } from 'vitest';
import { denseInitialState } from '../../src/sapi/client/dense-initial-state.js';

describe('initial_state as the client sends it', () => {
  it('a mapping becomes the dense list (3 = unused), values mapped by sign; lists pass through', () => {
    expect(denseInitialState({ 0: 1, 2: -1 }, 4, 'ising')).toEqual([1, 3, -1, 3]);
    expect(denseInitialState({ 1: 1, 3: 0 }, 4, 'qubo')).toEqual([3, 1, 3, 0]);
    expect(denseInitialState([1, -1, 3, 3], 4, 'ising')).toEqual([1, -1, 3, 3]);
    expect(denseInitialState([[0, 1]], 4, 'ising')).toEqual([1, 3, 3, 3]);
    expect(() => denseInitialState({ 9: 1 }, 4, 'ising')).toThrow(/"9" is not a qubit in \[0, 4\)/);
  });
});
