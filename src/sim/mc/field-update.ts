/**
 * Local-field updates over the CSR model, shared by the PIMC and SA kernels.
 *
 * These are the innermost loops of the Monte Carlo engine and are written for V8 (Node 20): in an optimised
 * loop every typed-array access re-checks the array's map and reloads its length and data pointer on each turn
 * (a loop's stack check ends what the compiler knows about the arrays), so a loop turn that touches three arrays
 * costs ~25 instructions before any arithmetic. Unrolling by four amortises that over four edges; the tail is
 * straight-line code. Results are bit-identical to the plain loop: every field entry receives the same single
 * subtraction, and sums are still added one term at a time, in order.
 */

/**
 * field[base + colIdx[p]] −= m·weights[p] for p in [p, end): the field change of flipping a spin s (m = 2s)
 * whose CSR row is [p, end), in the slice starting at `base`.
 */
export function scatterRow(
  field: Float64Array,
  base: number,
  colIdx: Int32Array,
  weights: Float64Array,
  p: number,
  end: number,
  m: number,
): void {
  for (; p + 4 <= end; p += 4) {
    field[base + colIdx[p]!]! -= m * weights[p]!;
    field[base + colIdx[p + 1]!]! -= m * weights[p + 1]!;
    field[base + colIdx[p + 2]!]! -= m * weights[p + 2]!;
    field[base + colIdx[p + 3]!]! -= m * weights[p + 3]!;
  }
  if (p < end) {
    field[base + colIdx[p]!]! -= m * weights[p]!;
    if (p + 1 < end) {
      field[base + colIdx[p + 1]!]! -= m * weights[p + 1]!;
      if (p + 2 < end) field[base + colIdx[p + 2]!]! -= m * weights[p + 2]!;
    }
  }
}

/** acc + a[idx] + a[idx + stride] + … over idx < end, added in that order (a column of a slice-major array). */
export function columnSum(a: Float64Array, idx: number, end: number, stride: number, acc: number): number {
  const stride4 = 4 * stride;
  for (; idx + 3 * stride < end; idx += stride4)
    acc = acc + a[idx]! + a[idx + stride]! + a[idx + 2 * stride]! + a[idx + 3 * stride]!;
  for (; idx < end; idx += stride) acc += a[idx]!;
  return acc;
}

/**
 * acc + Σ_p weights[p]·spins[colIdx[p]] over p in [p, end), added in that order: a local field from scratch
 * (`spins` is one slice's spins).
 */
export function rowDot(
  weights: Float64Array,
  colIdx: Int32Array,
  spins: Int8Array,
  p: number,
  end: number,
  acc: number,
): number {
  for (; p + 4 <= end; p += 4)
    acc =
      acc +
      weights[p]! * spins[colIdx[p]!]! +
      weights[p + 1]! * spins[colIdx[p + 1]!]! +
      weights[p + 2]! * spins[colIdx[p + 2]!]! +
      weights[p + 3]! * spins[colIdx[p + 3]!]!;
  for (; p < end; p++) acc += weights[p]! * spins[colIdx[p]!]!;
  return acc;
}
