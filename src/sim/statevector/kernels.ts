/**
 * Trotter-step kernels over an interleaved complex statevector: a[2z] = Re ψ(z), a[2z+1] = Im ψ(z), with the
 * basis convention of ./problem-energies.ts (bit i of z = qubit i, bit 0 ↔ σ = +1).
 *
 * - x-rotations: U = exp(iθ σ^x) on a qubit maps (ψ0, ψ1) -> (cos θ ψ0 + i sin θ ψ1, i sin θ ψ0 + cos θ ψ1);
 *   a step of −Γ Σσx for time h is θ = Γ·h (times the schedule's angular factor). Several consecutive qubits
 *   are rotated in registers (rx2, rx3) so one pass over memory covers two or three qubits.
 * - diagonal: ψ(z) *= exp(−iφ E(z)), either from a per-level table (energies on a grid E0 + ℓq) or with a
 *   cos/sin per amplitude.
 *
 * Work is addressed by group index g: a group is the 2^k amplitudes an rx_k touches together, so a thread can
 * take any contiguous g-range. The kernels are monomorphic loops over one Float64Array and allocate nothing.
 */

/** x-rotation on qubit q; groups g ∈ [g0, g1) of the N/2 pairs. */
export function rx1(a: Float64Array, q: number, c: number, s: number, g0: number, g1: number): void {
  const d = 2 ** q;
  const span = 2 * d; // doubles between partners
  let g = g0;
  while (g < g1) {
    const hi = Math.floor(g / d);
    const end = Math.min(g1, (hi + 1) * d);
    let i = 2 * (hi * 2 * d + (g - hi * d));
    for (let k = end - g; k > 0; k--, i += 2) {
      const j = i + span;
      const r0 = a[i]!;
      const m0 = a[i + 1]!;
      const r1 = a[j]!;
      const m1 = a[j + 1]!;
      a[i] = c * r0 - s * m1;
      a[i + 1] = c * m0 + s * r1;
      a[j] = c * r1 - s * m0;
      a[j + 1] = c * m1 + s * r0;
    }
    g = end;
  }
}

/** x-rotations on qubits q and q+1 in one pass; groups g ∈ [g0, g1) of the N/4 quadruples. */
export function rx2(a: Float64Array, q: number, c: number, s: number, g0: number, g1: number): void {
  const d = 2 ** q;
  const span = 2 * d;
  let g = g0;
  while (g < g1) {
    const hi = Math.floor(g / d);
    const end = Math.min(g1, (hi + 1) * d);
    let i = 2 * (hi * 4 * d + (g - hi * d));
    for (let k = end - g; k > 0; k--, i += 2) {
      const i1 = i + span;
      const i2 = i1 + span;
      const i3 = i2 + span;
      const r0 = a[i]!;
      const m0 = a[i + 1]!;
      const r1 = a[i1]!;
      const m1 = a[i1 + 1]!;
      const r2 = a[i2]!;
      const m2 = a[i2 + 1]!;
      const r3 = a[i3]!;
      const m3 = a[i3 + 1]!;
      const t0 = c * r0 - s * m1;
      const u0 = c * m0 + s * r1;
      const t1 = c * r1 - s * m0;
      const u1 = c * m1 + s * r0;
      const t2 = c * r2 - s * m3;
      const u2 = c * m2 + s * r3;
      const t3 = c * r3 - s * m2;
      const u3 = c * m3 + s * r2;
      a[i] = c * t0 - s * u2;
      a[i + 1] = c * u0 + s * t2;
      a[i2] = c * t2 - s * u0;
      a[i2 + 1] = c * u2 + s * t0;
      a[i1] = c * t1 - s * u3;
      a[i1 + 1] = c * u1 + s * t3;
      a[i3] = c * t3 - s * u1;
      a[i3 + 1] = c * u3 + s * t1;
    }
    g = end;
  }
}

/** x-rotations on qubits q, q+1, q+2 in one pass; groups g ∈ [g0, g1) of the N/8 octets. */
export function rx3(a: Float64Array, q: number, c: number, s: number, g0: number, g1: number): void {
  const d = 2 ** q;
  const span = 2 * d;
  let g = g0;
  while (g < g1) {
    const hi = Math.floor(g / d);
    const end = Math.min(g1, (hi + 1) * d);
    let i = 2 * (hi * 8 * d + (g - hi * d));
    for (let k = end - g; k > 0; k--, i += 2) {
      const i1 = i + span;
      const i2 = i1 + span;
      const i3 = i2 + span;
      const i4 = i3 + span;
      const i5 = i4 + span;
      const i6 = i5 + span;
      const i7 = i6 + span;
      let r0 = a[i]!;
      let m0 = a[i + 1]!;
      let r1 = a[i1]!;
      let m1 = a[i1 + 1]!;
      let r2 = a[i2]!;
      let m2 = a[i2 + 1]!;
      let r3 = a[i3]!;
      let m3 = a[i3 + 1]!;
      let r4 = a[i4]!;
      let m4 = a[i4 + 1]!;
      let r5 = a[i5]!;
      let m5 = a[i5 + 1]!;
      let r6 = a[i6]!;
      let m6 = a[i6 + 1]!;
      let r7 = a[i7]!;
      let m7 = a[i7 + 1]!;
      let x: number;
      let y: number;
      // qubit q: pairs (0,1) (2,3) (4,5) (6,7)
      x = c * r0 - s * m1;
      y = c * m0 + s * r1;
      r1 = c * r1 - s * m0;
      m1 = c * m1 + s * r0;
      r0 = x;
      m0 = y;
      x = c * r2 - s * m3;
      y = c * m2 + s * r3;
      r3 = c * r3 - s * m2;
      m3 = c * m3 + s * r2;
      r2 = x;
      m2 = y;
      x = c * r4 - s * m5;
      y = c * m4 + s * r5;
      r5 = c * r5 - s * m4;
      m5 = c * m5 + s * r4;
      r4 = x;
      m4 = y;
      x = c * r6 - s * m7;
      y = c * m6 + s * r7;
      r7 = c * r7 - s * m6;
      m7 = c * m7 + s * r6;
      r6 = x;
      m6 = y;
      // qubit q+1: pairs (0,2) (1,3) (4,6) (5,7)
      x = c * r0 - s * m2;
      y = c * m0 + s * r2;
      r2 = c * r2 - s * m0;
      m2 = c * m2 + s * r0;
      r0 = x;
      m0 = y;
      x = c * r1 - s * m3;
      y = c * m1 + s * r3;
      r3 = c * r3 - s * m1;
      m3 = c * m3 + s * r1;
      r1 = x;
      m1 = y;
      x = c * r4 - s * m6;
      y = c * m4 + s * r6;
      r6 = c * r6 - s * m4;
      m6 = c * m6 + s * r4;
      r4 = x;
      m4 = y;
      x = c * r5 - s * m7;
      y = c * m5 + s * r7;
      r7 = c * r7 - s * m5;
      m7 = c * m7 + s * r5;
      r5 = x;
      m5 = y;
      // qubit q+2: pairs (0,4) (1,5) (2,6) (3,7), stored straight away
      a[i] = c * r0 - s * m4;
      a[i + 1] = c * m0 + s * r4;
      a[i4] = c * r4 - s * m0;
      a[i4 + 1] = c * m4 + s * r0;
      a[i1] = c * r1 - s * m5;
      a[i1 + 1] = c * m1 + s * r5;
      a[i5] = c * r5 - s * m1;
      a[i5 + 1] = c * m5 + s * r1;
      a[i2] = c * r2 - s * m6;
      a[i2 + 1] = c * m2 + s * r6;
      a[i6] = c * r6 - s * m2;
      a[i6 + 1] = c * m6 + s * r2;
      a[i3] = c * r3 - s * m7;
      a[i3 + 1] = c * m3 + s * r7;
      a[i7] = c * r7 - s * m3;
      a[i7 + 1] = c * m7 + s * r3;
    }
    g = end;
  }
}

/** ψ(z) *= table[level[z]] for z ∈ [z0, z1); `table` holds (cos φ_ℓ, −sin φ_ℓ) pairs. */
export function diagLevels(
  a: Float64Array,
  level: Uint16Array,
  table: Float64Array,
  z0: number,
  z1: number,
): void {
  for (let z = z0, i = 2 * z0; z < z1; z++, i += 2) {
    const l = 2 * level[z]!;
    const pr = table[l]!;
    const pi = table[l + 1]!;
    const re = a[i]!;
    const im = a[i + 1]!;
    a[i] = re * pr - im * pi;
    a[i + 1] = re * pi + im * pr;
  }
}

/** ψ(z) *= exp(−iφ E(z)) for z ∈ [z0, z1), one cos/sin per amplitude. */
export function diagEnergies(a: Float64Array, E: Float64Array, phi: number, z0: number, z1: number): void {
  for (let z = z0, i = 2 * z0; z < z1; z++, i += 2) {
    const ph = phi * E[z]!;
    const pr = Math.cos(ph);
    const pi = -Math.sin(ph);
    const re = a[i]!;
    const im = a[i + 1]!;
    a[i] = re * pr - im * pi;
    a[i + 1] = re * pi + im * pr;
  }
}

/**
 * Fills `table` (length ≥ 2·count) with (cos, −sin) of φ·(e0 + ℓq), ℓ = 0..count−1, by complex recurrence
 * re-seeded with exact values every 64 levels (error ≲ 1e-14).
 */
export function fillLevelTable(table: Float64Array, phi: number, e0: number, q: number, count: number): void {
  const ur = Math.cos(phi * q);
  const ui = -Math.sin(phi * q);
  let wr = 0;
  let wi = 0;
  for (let l = 0; l < count; l++) {
    if ((l & 63) === 0) {
      const ph = phi * (e0 + l * q);
      wr = Math.cos(ph);
      wi = -Math.sin(ph);
    } else {
      const t = wr * ur - wi * ui;
      wi = wr * ui + wi * ur;
      wr = t;
    }
    table[2 * l] = wr;
    table[2 * l + 1] = wi;
  }
}

/**
 * rx1/rx2/rx3 (k qubits from q) on groups [g0, g1) staged through `scr` (at least 2^k · 2^r complex values):
 * each sub-run of up to 2^r groups has its 2^k segments copied to scr (segment j at j·2^r), rotated there as
 * qubits r … r+k−1 — the same operations on the same values — and copied back. Used for passes over qubits
 * ≥ {@link STAGE_FROM_QUBIT}, whose segments lie a multiple of 256 MiB apart (see step.ts).
 */
export function rxStaged(
  a: Float64Array,
  q: number,
  k: number,
  c: number,
  s: number,
  g0: number,
  g1: number,
  scr: Float64Array,
  r: number,
): void {
  const d = 2 ** q;
  const m = 2 ** k;
  const R = 2 ** r;
  const rx = k === 3 ? rx3 : k === 2 ? rx2 : rx1;
  let g = g0;
  while (g < g1) {
    const hi = Math.floor(g / d);
    const end = Math.min(g1, (hi + 1) * d, g + R);
    const len = end - g;
    const base = 2 * (hi * m * d + (g - hi * d));
    for (let j = 0; j < m; j++) scr.set(a.subarray(base + 2 * j * d, base + 2 * (j * d + len)), 2 * j * R);
    rx(scr, r, c, s, 0, len);
    for (let j = 0; j < m; j++) a.set(scr.subarray(2 * j * R, 2 * (j * R + len)), base + 2 * j * d);
    g = end;
  }
}

/** Passes that touch qubits ≥ this are staged ({@link rxStaged}); segments 2^24 amplitudes = 256 MiB apart. */
export const STAGE_FROM_QUBIT = 24;
/** Staged sub-runs: 2^10 groups (16 KiB per segment, 128 KiB of scratch for rx3). */
export const STAGE_BITS = 10;

/** Rotates qubits [q0, q1) by θ (cos c, sin s) over groups of the region [z0, z1) (z0, z1 multiples of 2^q1). */
export function rxRange(
  a: Float64Array,
  q0: number,
  q1: number,
  c: number,
  s: number,
  z0: number,
  z1: number,
): void {
  let q = q0;
  for (; q + 3 <= q1; q += 3) rx3(a, q, c, s, z0 / 8, z1 / 8);
  if (q + 2 <= q1) rx2(a, q, c, s, z0 / 4, z1 / 4);
  else if (q + 1 <= q1) rx1(a, q, c, s, z0 / 2, z1 / 2);
}
