import { describe, expect, it } from 'vitest';
import {
  ghzToMk,
  ghzToRadPerNs,
  isingBetaAt,
  K_B_OVER_H_GHZ_PER_MK,
  K_B_OVER_H_GHZ_PER_MK_CODATA,
  mkToBeta,
  mkToGhz,
  nsToUs,
  radPerNsToGhz,
  usToNs,
} from '../../src/hamiltonian/schedule/index.js';

describe('units', () => {
  it('GHz <-> rad/ns is a factor 2π', () => {
    expect(ghzToRadPerNs(1)).toBe(2 * Math.PI);
    expect(ghzToRadPerNs(9.839417)).toBeCloseTo(61.82288033, 7);
    expect(radPerNsToGhz(ghzToRadPerNs(3.7))).toBeCloseTo(3.7, 15);
  });

  it('µs <-> ns', () => {
    expect(usToNs(20)).toBe(20000);
    expect(usToNs(0.005)).toBe(5);
    expect(nsToUs(1500)).toBe(1.5);
  });

  it('temperature: k_B T/h = T[mK] × 0.020837 GHz (cli.md)', () => {
    expect(K_B_OVER_H_GHZ_PER_MK).toBe(0.020837);
    expect(K_B_OVER_H_GHZ_PER_MK_CODATA).toBeCloseTo(0.0208366191, 10);
    expect(mkToGhz(12)).toBeCloseTo(0.250044, 12);
    expect(ghzToMk(0.250044)).toBeCloseTo(12, 12);
    expect(mkToBeta(15.4)).toBeCloseTo(1 / (15.4 * 0.020837), 12);
    expect(mkToBeta(15.4)).toBeCloseTo(3.11633464, 7);
  });

  it('Ising-energy β at s: β·B(s)/2', () => {
    // Advantage_system4.1 at s = 1 (B/2 = 4.238535 GHz), 15.4 mK
    expect(isingBetaAt(15.4, 8.47707 / 2)).toBeCloseTo(13.20869345, 7);
  });
});
