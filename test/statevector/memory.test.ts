import { describe, expect, it } from 'vitest';
import { CapacityError } from '../../src/errors.js';
import { checkCapacity, formatBytes, statevectorMemory } from '../../src/sim/statevector/memory.js';

describe('memory figures in messages', () => {
  it('formatBytes goes past GiB and never prints Infinity for finite sizes', () => {
    expect(formatBytes(26 * 2 ** 40)).toBe('26 TiB');
    expect(formatBytes(1.5 * 2 ** 50)).toBe('1.5 PiB');
    expect(formatBytes(3 * 2 ** 80)).toBe('3.0 YiB');
    expect(formatBytes(2 ** 100)).toBe('1.3e+30 bytes');
    expect(formatBytes(2 * 2 ** 30)).toBe('2.0 GiB');
  });

  it('n = 10^6 is refused with a finite figure (issue 15 §1.18: it said "Infinity GiB")', () => {
    let e: unknown;
    try {
      checkCapacity(1_000_000, statevectorMemory(1_000_000));
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(CapacityError);
    const m = (e as Error).message;
    expect(m).not.toMatch(/Infinity|NaN/);
    expect(m).toMatch(/1000000 qubits is past the engine's limit of 30/);
    // 16 · 2^1000000 bytes = 10^(1.204 + 301029.996) bytes
    expect(m).toContain('more than 2^1000000 × 16 bytes ≈ 10^301031 bytes');
  });

  it('n = 40 says 26 TiB', () => {
    expect(() => checkCapacity(40, statevectorMemory(40))).toThrow(/it would need 26 TiB/);
  });
});
