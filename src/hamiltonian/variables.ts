import { ModelError } from '../errors.js';
import { formatLabel, type Label, type LabelKey, labelKey } from './labels.js';

/** An ordered set of variable labels with a label -> index map (dimod's Variables). */
export class Variables implements Iterable<Label> {
  private readonly labels: Label[] = [];
  private readonly index = new Map<LabelKey, number>();

  constructor(labels: Iterable<Label> = []) {
    for (const l of labels) this.add(l);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Adds a label if absent; returns its index. */
  add(label: Label): number {
    const k = labelKey(label);
    const i = this.index.get(k);
    if (i !== undefined) return i;
    this.labels.push(label);
    this.index.set(k, this.labels.length - 1);
    return this.labels.length - 1;
  }

  /** Adds a label that must be new; throws a ModelError naming `field` if it is a duplicate. */
  addUnique(label: Label, field: string): number {
    if (this.has(label))
      throw new ModelError(`${field}: duplicate variable ${formatLabel(label)}`, { field });
    return this.add(label);
  }

  has(label: Label): boolean {
    return this.index.has(labelKey(label));
  }

  indexOf(label: Label): number | undefined {
    return this.index.get(labelKey(label));
  }

  /** Index of a label that must exist; throws a ModelError naming `field` otherwise. */
  require(label: Label, field = 'variable'): number {
    const i = this.index.get(labelKey(label));
    if (i === undefined) throw new ModelError(`${field}: unknown variable ${formatLabel(label)}`, { field });
    return i;
  }

  at(i: number): Label {
    const l = this.labels[i];
    if (l === undefined) throw new RangeError(`variable index ${i} out of range [0, ${this.labels.length})`);
    return l;
  }

  toArray(): Label[] {
    return [...this.labels];
  }

  [Symbol.iterator](): Iterator<Label> {
    return this.labels[Symbol.iterator]();
  }
}
