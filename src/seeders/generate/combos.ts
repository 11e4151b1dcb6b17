import type { Rng } from './prng.ts';

// Distinct combinations for composite unique keys (junction tables): sample n distinct indexes
// of the product space with Floyd's algorithm (O(n) whatever the space size), then decode each
// index into one choice per dimension.

export function sampleDistinct(rng: Rng, n: number, space: number): number[] {
  if (n > space) throw new RangeError(`cannot pick ${n} distinct values out of ${space}`);
  if (space <= n * 2 && space <= 5_000_000) {
    // Dense: shuffle the whole range and take a prefix.
    const all = Array.from({ length: space }, (_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = rng.int(i, space - 1);
      const t = all[i]; all[i] = all[j]; all[j] = t;
    }
    return all.slice(0, n);
  }
  const chosen = new Set<number>();
  const out: number[] = [];
  for (let j = space - n; j < space; j++) {
    const t = rng.int(0, j);
    const v = chosen.has(t) ? j : t;
    chosen.add(v);
    out.push(v);
  }
  // Floyd's order is biased towards high indexes at the end; shuffle for natural-looking rows.
  for (let i = out.length - 1; i > 0; i--) {
    const k = rng.int(0, i);
    const t = out[i]; out[i] = out[k]; out[k] = t;
  }
  return out;
}

/** Mixed-radix decode: index → one position per dimension. */
export function decode(index: number, sizes: number[]): number[] {
  const out = new Array<number>(sizes.length);
  let x = index;
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = x % sizes[i];
    x = Math.floor(x / sizes[i]);
  }
  return out;
}

export function product(sizes: number[]): number {
  return sizes.reduce((a, b) => a * b, 1);
}
