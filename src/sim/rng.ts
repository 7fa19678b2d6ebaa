/**
 * Seeded random numbers: xoshiro128** (Blackman & Vigna) with its 128-bit state in a Uint32Array, so a
 * stream can be moved to a worker and restored bit for bit. {@link Rng.fromSeed} derives independent streams
 * from one user seed and a path of stream indices (e.g. [readIndex] or [workerIndex, chunk]), so threaded
 * samplers are reproducible whatever the thread count.
 */

import { randomInt } from 'node:crypto';

/** splitmix32-style finaliser: a bijective 32-bit mix. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Largest accepted seed + 1 (seeds are integers in [0, 2^32)). */
export const SEED_LIMIT = 2 ** 32;

export class Rng {
  readonly state: Uint32Array;

  private constructor(state: Uint32Array) {
    this.state = state;
  }

  /** A stream for `seed` (integer in [0, 2^32)) and an optional path of sub-stream indices. */
  static fromSeed(seed: number, ...path: number[]): Rng {
    if (!Number.isInteger(seed) || seed < 0 || seed >= SEED_LIMIT)
      throw new RangeError(`seed ${seed} must be an integer in [0, 2^32)`);
    let h = mix32(seed ^ 0x5bd1e995);
    let g = mix32(seed + 0x27d4eb2f);
    for (const p of path) {
      h = mix32(h ^ mix32(p ^ 0x165667b1));
      g = mix32(g + mix32(p + 0x61c88647) + h);
    }
    const s = new Uint32Array(4);
    let x = h ^ g;
    for (let k = 0; k < 4; k++) {
      x = mix32(x + k * 0x632be5ab + (k & 1 ? g : h));
      s[k] = x;
    }
    if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
    return new Rng(s);
  }

  /** Restores a stream from a saved state (4 uint32 words). */
  static fromState(state: ArrayLike<number>): Rng {
    return new Rng(Uint32Array.from(state));
  }

  /** Next uint32. */
  nextUint32(): number {
    const s = this.state;
    const r = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return r;
  }

  /** Uniform in [0, 1) with 32-bit resolution (fast; enough for Metropolis tests). */
  next(): number {
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /** Uniform in [0, 1) with 53-bit resolution. */
  nextDouble(): number {
    return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) * 1.1102230246251565e-16;
  }

  /** Uniform integer in [0, n), unbiased (rejection). */
  nextInt(n: number): number {
    if (n <= 0) throw new RangeError(`nextInt bound ${n} must be positive`);
    if (n > 0x100000000) return Math.floor(this.nextDouble() * n);
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Standard normal deviate (Box–Muller). */
  nextGaussian(): number {
    let u = 0;
    while (u === 0) u = this.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.nextDouble());
  }

  /** ±1 with equal probability. */
  nextSpin(): 1 | -1 {
    return this.nextUint32() & 1 ? 1 : -1;
  }

  clone(): Rng {
    return new Rng(Uint32Array.from(this.state));
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A fresh random seed for runs where the user gave none (it is recorded in info.seed). */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32 - 1);
}
