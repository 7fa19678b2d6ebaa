/**
 * The Metropolis acceptance test shared by the Monte Carlo kernels: accept a move that raises the (reduced,
 * dimensionless) action by x > 0 with probability e^{−x}.
 *
 * The test is exact but rarely evaluates exp: with u uniform in [0, 1), 1 − x ≤ e^{−x} ≤ 1/(1 + x + x²/2 + x³/6),
 * so u below the lower bound accepts, u at or above the upper bound rejects, and only the narrow band between
 * them (a few per cent of draws at most) calls Math.exp. Above {@link SKIP_ACTION} the move is rejected
 * without drawing: e^{−x} is then below the 2^−32 resolution of the uniform draws.
 */

/** Moves whose action cost exceeds this are rejected without a random draw (e^{−23} < 2^{−32}). */
export const SKIP_ACTION = 23;

/** True with probability e^{−x} for x > 0, given a uniform draw u ∈ [0, 1). */
export function acceptUphill(x: number, u: number): boolean {
  if (u < 1 - x) return true;
  if (u * (1 + x * (1 + x * (0.5 + x * 0.16666666666666666))) >= 1) return false;
  return u < Math.exp(-x);
}

/**
 * True with probability 1/(1 + e^{x}) (a heat-bath flip whose action cost is x), given u ∈ [0, 1). Uses the same
 * bounds on e^{−|x|} as {@link acceptUphill} and calls Math.exp only between them.
 */
export function heatBathFlip(x: number, u: number): boolean {
  if (x > 40) return false;
  const ax = x < 0 ? -x : x;
  const lo = ax < 1 ? 1 - ax : 0;
  const hiInv = 1 + ax * (1 + ax * (0.5 + ax * 0.16666666666666666));
  // y = e^{−|x|} ∈ [lo, 1/hiInv]
  if (x >= 0) {
    // p = y/(1 + y), increasing in y
    if (u * (1 + lo) < lo) return true;
    if (u * (hiInv + 1) >= 1) return false;
    const y = Math.exp(-x);
    return u * (1 + y) < y;
  }
  // p = 1/(1 + y), decreasing in y
  if (u * (hiInv + 1) < hiInv) return true;
  if (u * (1 + lo) >= 1) return false;
  return u * (1 + Math.exp(x)) < 1;
}
