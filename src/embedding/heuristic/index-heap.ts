/** A binary min-heap of integers 0…N−1 keyed by an external Float64Array, with decrease-key. */
export class IndexHeap {
  private readonly heap: Int32Array;
  /** Slot of each item in the heap, −1 when absent. */
  private readonly slot: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(N: number) {
    this.heap = new Int32Array(Math.max(1, N));
    this.slot = new Int32Array(Math.max(1, N)).fill(-1);
    this.keys = new Float64Array(0);
  }

  /** Empties the heap and keys it by `keys` from now on. */
  reset(keys: Float64Array): void {
    for (let i = 0; i < this.size; i++) this.slot[this.heap[i]!] = -1;
    this.size = 0;
    this.keys = keys;
  }

  /** The smallest key (∞ when empty). */
  topKey(): number {
    return this.size ? this.keys[this.heap[0]!]! : Number.POSITIVE_INFINITY;
  }

  /** Inserts `q` or moves it up after its key decreased. */
  push(q: number): void {
    let i = this.slot[q]!;
    if (i < 0) i = this.size++;
    const heap = this.heap;
    const keys = this.keys;
    const k = keys[q]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const hp = heap[p]!;
      if (keys[hp]! <= k) break;
      heap[i] = hp;
      this.slot[hp] = i;
      i = p;
    }
    heap[i] = q;
    this.slot[q] = i;
  }

  /** Removes and returns the item with the smallest key. */
  pop(): number {
    const heap = this.heap;
    const keys = this.keys;
    const top = heap[0]!;
    this.slot[top] = -1;
    const n = --this.size;
    if (n > 0) {
      const x = heap[n]!;
      const k = keys[x]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[heap[c + 1]!]! < keys[heap[c]!]!) c++;
        const hc = heap[c]!;
        if (keys[hc]! >= k) break;
        heap[i] = hc;
        this.slot[hc] = i;
        i = c;
      }
      heap[i] = x;
      this.slot[x] = i;
    }
    return top;
  }
}
