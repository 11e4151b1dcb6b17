// The parent rows a foreign key may point at: per parent row, the values of the columns the key
// references (then any columns its children copy), read as `tuples.at(p)`. A plain array of
// tuples is one (rows read from the database, composite keys). A run's own single-column keys
// are stored compactly instead (ColumnTuples): as their values (a number in an array costs
// 4-8 bytes, a one-value tuple array ≈50), or a sequence's as its range (nothing per row), so
// that the key pools of a 20M-row run do not cost hundreds of MiB before the first row.

export interface Tuples {
  readonly length: number;
  /** The tuple of parent row p (0 ≤ p < length); a fresh array for compact pools. */
  at(p: number): unknown[] | undefined;
}

/** `head` (earlier rows, any form), then one single-column tuple per value: `values`, or the
 *  integers `start`, `start + 1`, … (`count` of them) when there are no values. */
export class ColumnTuples implements Tuples {
  private readonly head: Tuples;
  private readonly values: readonly unknown[] | undefined;
  private readonly start: number;
  readonly length: number;

  constructor(head: Tuples, values: readonly unknown[] | { start: number; count: number }) {
    this.head = head;
    if (Array.isArray(values)) {
      this.values = values;
      this.start = 0;
      this.length = head.length + values.length;
    } else {
      const range = values as { start: number; count: number };
      this.values = undefined;
      this.start = range.start;
      this.length = head.length + range.count;
    }
  }

  at(p: number): unknown[] | undefined {
    if (p < 0 || p >= this.length) return undefined;
    const h = this.head.length;
    if (p < h) return this.head.at(p);
    return [this.values ? this.values[p - h] : this.start + (p - h)];
  }
}
