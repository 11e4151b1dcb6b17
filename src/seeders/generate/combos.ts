import type { Rng } from './prng.ts';

// Distinct combinations for composite unique keys (junction tables): sample n distinct indexes
// of the product space (sampleSorted; O(n) whatever the space size), then decode each
// index into one choice per dimension. sampleDistinct gives them in random order (Floyd).

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

/** Sorted samples read in order, index by index (at(0), at(1), …). */
export interface SortedSample {
  readonly length: number;
  at(i: number): number | undefined;
}

/** From this many samples on, sortedSample streams them instead of keeping them (8 bytes each). */
export const STREAM_SAMPLES = 2_000_000;

/**
 * n distinct indexes of [0, space), in ascending order (sampleSorted): kept in a typed array, or
 * for a large sparse sample (a 20M-row run's junction tables: 90 MiB of them) made again as they
 * are read, from the same random stream (`rng()` makes a fresh one each time): the same values,
 * for two more passes over the stream (one for the total, one to check the end).
 */
export function sortedSample(rng: () => Rng, n: number, space: number): SortedSample {
  if (n < STREAM_SAMPLES || space <= n * 2) return sampleSorted(rng(), n, space);
  const r = rng();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += -Math.log(1 - r.float());
  const total = sum - Math.log(1 - r.float());
  // The rare equal neighbours move up by one: past the end, sampleSorted falls back to the dense way.
  const check = new SparseSample(rng(), n, space, total);
  let last = -1;
  for (let i = 0; i < n; i++) last = check.at(i);
  if (last >= space) return sampleSorted(rng(), n, space);
  return new SparseSample(rng(), n, space, total);
}

class SparseSample implements SortedSample {
  readonly length: number;
  private readonly rng: Rng;
  private readonly space: number;
  private readonly total: number;
  private next = 0;
  private sum = 0;
  private prev = -1;
  constructor(rng: Rng, n: number, space: number, total: number) {
    this.rng = rng;
    this.length = n;
    this.space = space;
    this.total = total;
  }

  /** Sample i; only the next one (or the last one again) can be read. */
  at(i: number): number {
    if (i === this.next - 1) return this.prev;
    if (i !== this.next) throw new RangeError(`samples are read in order: ${i} after ${this.next - 1}`);
    this.next++;
    this.sum += -Math.log(1 - this.rng.float());
    return (this.prev = Math.max(this.prev + 1, Math.floor((this.sum / this.total) * this.space)));
  }
}

/**
 * n distinct indexes of [0, space), in ascending order, as a typed array (8 bytes each: a
 * million-row junction table keeps 8 MB, not a Set and a million small arrays), in O(n) with
 * no sort. Sparse spaces: sorted uniforms from normalised cumulative sums of exponential
 * spacings, scaled to the space; the rare equal neighbours move up by one. Dense ones: a partial
 * shuffle of the whole range, sorted.
 */
export function sampleSorted(rng: Rng, n: number, space: number): Float64Array {
  if (n > space) throw new RangeError(`cannot pick ${n} distinct values out of ${space}`);
  if (space > n * 2) {
    const out = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) out[i] = sum += -Math.log(1 - rng.float());
    const total = sum - Math.log(1 - rng.float());
    let prev = -1;
    for (let i = 0; i < n; i++) {
      const v = Math.max(prev + 1, Math.floor((out[i] / total) * space));
      out[i] = prev = v;
    }
    if (prev < space) return out;
  }
  const all = new Float64Array(space);
  for (let i = 0; i < space; i++) all[i] = i;
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, space - 1);
    const t = all[i]; all[i] = all[j]; all[j] = t;
  }
  // The first n, in ascending order: read off a bitmap of them (O(space)) rather than sorted.
  const picked = new Uint8Array(space);
  for (let i = 0; i < n; i++) picked[all[i]] = 1;
  const out = all.subarray(0, n);
  for (let v = 0, k = 0; k < n; v++) if (picked[v]) out[k++] = v;
  return out.slice();
}

/** Mixed-radix decode into `out` (no allocation per row). */
export function decodeInto(index: number, sizes: readonly number[], out: number[]): number[] {
  let x = index;
  for (let i = sizes.length - 1; i >= 0; i--) {
    out[i] = x % sizes[i];
    x = Math.floor(x / sizes[i]);
  }
  return out;
}

/**
 * n distinct indexes of a two-dimensional space `sizes` ([a, b], index = i·b + j) where dimension
 * `pos` is a collection (playlists of playlist_tracks): the collection of rank r (in a seeded
 * order) holds a share 1/r^power of the rows, at most all the members of the other dimension;
 * each collection's members are distinct and spread evenly. Ascending, like sampleSorted.
 */
export function sampleCollections(rng: Rng, n: number, sizes: readonly number[], pos: number, power: number): Float64Array {
  const groups = sizes[pos];
  const members = sizes[1 - pos];
  if (n > groups * members) throw new RangeError(`cannot pick ${n} distinct values out of ${groups * members}`);
  // Water-filling: shares by rank, a full collection's excess goes to the others.
  const want = new Float64Array(groups);
  const full = new Uint8Array(groups);
  let left = n;
  for (let round = 0; round < groups && left > 0; round++) {
    let w = 0;
    for (let r = 0; r < groups; r++) if (!full[r]) w += (r + 1) ** -power;
    let over = false;
    for (let r = 0; r < groups; r++) {
      if (full[r]) continue;
      want[r] = (left * (r + 1) ** -power) / w;
      if (want[r] >= members) { want[r] = members; full[r] = 1; over = true; }
    }
    if (!over) break;
    left = n;
    for (let r = 0; r < groups; r++) if (full[r]) left -= members;
  }
  // Whole numbers adding up to n: floors, then one more for the largest remainders.
  const count = new Int32Array(groups);
  let sum = 0;
  for (let r = 0; r < groups; r++) sum += count[r] = Math.floor(want[r]);
  const byRemainder = Array.from({ length: groups }, (_, r) => r).filter((r) => count[r] < members).sort((x, y) => (want[y] - count[y]) - (want[x] - count[x]) || x - y);
  for (let k = 0; sum < n && k < byRemainder.length; k++, sum++) count[byRemainder[k]]++;
  // Rank r → collection (a·r + b) mod groups, a coprime with groups.
  let a = 1 + Math.floor(rng.float() * Math.max(1, groups - 1));
  while (gcd(a, groups) !== 1) a = (a % Math.max(1, groups - 1)) + 1;
  const b = Math.floor(rng.float() * groups);
  const sizeOf = new Int32Array(groups);
  for (let r = 0; r < groups; r++) sizeOf[(a * r + b) % groups] = count[r];
  const out = new Float64Array(n);
  let k = 0;
  for (let g = 0; g < groups; g++) {
    if (!sizeOf[g]) continue;
    const picked = sampleSorted(rng, sizeOf[g], members);
    for (let j = 0; j < picked.length; j++) out[k++] = pos === 0 ? g * members + picked[j] : picked[j] * groups + g;
  }
  return pos === 0 ? out : out.sort();
}

function gcd(a: number, b: number): number {
  while (b) { const t = a % b; a = b; b = t; }
  return a;
}
