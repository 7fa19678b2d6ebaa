/** The text formatting layer (src/util/format.ts): digits, errors, units, tables and fits as people read them. */

import { describe, expect, it } from 'vitest';
import {
  formatEnergy,
  formatEnergyDifference,
  formatNumber,
  formatPowerLaw,
  formatTable,
  formatTime,
  formatWithError,
  timeUnitText,
  withUnit,
} from '../../src/util/format.js';

describe('numbers', () => {
  it('meaningful digits without floating-point noise', () => {
    expect(formatEnergy(-5.600000000000001)).toBe('-5.6');
    expect(formatEnergy(-4.6000000000000005)).toBe('-4.6');
    expect(formatEnergy(-1.857206308123)).toBe('-1.857206308');
    expect(formatNumber(0.6795314159)).toBe('0.679531');
    expect(formatNumber(40.46812, 5)).toBe('40.468');
    expect(formatNumber(3.2e-5, 2)).toBe('3.2e-5');
    expect(formatNumber(1.5e20)).toBe('1.5e20');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('-∞');
    expect(formatEnergyDifference(-8.88e-15, -5.6)).toBe('0');
    expect(formatEnergyDifference(0.036, -5.6)).toBe('0.036');
  });

  it('a value with its standard error to the error’s two significant digits', () => {
    expect(formatWithError(0.97, 0.01705872)).toBe('0.970 ± 0.017');
    expect(formatWithError(0.679531415, 3.2e-5)).toBe('0.679531 ± 0.000032');
    expect(formatWithError(1234.5, 56)).toBe('1235 ± 56');
    expect(formatWithError(1234.5, 560)).toBe('1230 ± 560');
    expect(formatWithError(1, 0)).toBe('1');
  });
});

describe('units', () => {
  it('one vocabulary: τ for linear (path and engine time), µs and ns for D-Wave tables', () => {
    expect(timeUnitText('tau')).toBe('τ');
    expect(timeUnitText('hbar/energy')).toBe('τ');
    expect(timeUnitText('us')).toBe('µs');
    expect(timeUnitText('ns')).toBe('ns');
    expect(formatTime(0.023150001, 'hbar/energy', 4)).toBe('0.02315 τ');
    expect(withUnit('E', 'dimensionless')).toBe('E (dimensionless)');
    expect(withUnit('TTS99', 'us')).toBe('TTS99 (µs)');
  });
});

describe('tables', () => {
  it('pads columns to their widest cell; numbers right-aligned, text left-aligned', () => {
    const t = formatTable(
      ['instance', 'anneal time (τ)', 'P'],
      [
        ['a', '1', '0.5'],
        ['longer-name', '10', '0.970 ± 0.017'],
      ],
    ).split('\n');
    expect(t).toEqual([
      'instance     anneal time (τ)              P',
      'a                          1            0.5',
      'longer-name               10  0.970 ± 0.017',
    ]);
  });
});

describe('power-law fits', () => {
  it('a formula with its quality; a poor fit says not to extrapolate', () => {
    expect(formatPowerLaw({ a: 0.97, b: -2.48, r2: 0.195, points: 12 }, { x: 'd', y: 'Δmin' })).toBe(
      'Δmin ≈ 0.97·d^-2.48 (r² = 0.2, 12 points: poor fit, do not extrapolate)',
    );
    expect(formatPowerLaw({ a: 2.3141, b: -0.5543, r2: 0.987, points: 6 }, { x: 'd', y: 'Δmin' })).toBe(
      'Δmin ≈ 2.31·d^-0.554 (r² = 0.99, 6 points)',
    );
    expect(formatPowerLaw({ a: 1, b: -1, r2: 1, points: 2 }, { x: 'd', y: 'Δmin' })).toMatch(
      /two points fit any power law/,
    );
  });
});
