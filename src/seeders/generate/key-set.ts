// The values a unique key has taken, stored as 64-bit hashes in an open-addressing table of
// typed arrays (≈9 bytes a slot, at most half of them full) instead of a Set of the values
// themselves (≈75 bytes an e-mail address): a 20M-row run keeps millions of them. Two values
// with the same hash (odds ≈ n² / 2⁶⁵: 1 in 37 million runs that keep a million values) only
// make the second one count as taken, so that row draws another value: never a duplicate, and
// the same rows for the same seed.

const EMPTY = 0, FULL = 1, GONE = 2;
/** Values made room for up front at most (≈36 MiB); a set past that grows as it fills. */
const MAX_PRESIZE = 1 << 21;

export class KeySet {
  private hi = new Uint32Array(0);
  private lo = new Uint32Array(0);
  private state = new Uint8Array(0);
  private used = 0; // FULL + GONE slots
  size = 0;

  /** `expected`: about how many values it will hold; room for them is made at once (growing
   *  by doubling from 16 re-inserted a 6,000-row table's keys ten times, in code not yet warm). */
  constructor(values?: Iterable<unknown>, expected = 0) {
    const room = Math.min(Math.max(expected, 0), MAX_PRESIZE) * 2;
    let capacity = 16;
    while (capacity < room) capacity *= 2;
    this.grow(capacity);
    if (values) for (const v of values) this.add(v);
  }

  has(v: unknown): boolean {
    hash(v);
    return this.find(H, L) >= 0;
  }

  add(v: unknown): void {
    hash(v);
    const h = H, l = L;
    if (this.find(h, l) >= 0) return;
    if ((this.used + 1) * 2 > this.state.length) this.grow(this.size * 4 > this.state.length ? this.state.length * 2 : this.state.length);
    const mask = this.state.length - 1;
    let i = (h ^ Math.imul(l, 0x9e3779b1)) & mask;
    while (this.state[i] === FULL) i = (i + 1) & mask;
    if (this.state[i] === EMPTY) this.used++;
    this.state[i] = FULL;
    this.hi[i] = h;
    this.lo[i] = l;
    this.size++;
  }

  delete(v: unknown): void {
    hash(v);
    const i = this.find(H, L);
    if (i < 0) return;
    this.state[i] = GONE;
    this.size--;
  }

  private find(h: number, l: number): number {
    const mask = this.state.length - 1;
    for (let i = (h ^ Math.imul(l, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const s = this.state[i];
      if (s === EMPTY) return -1;
      if (s === FULL && this.hi[i] === h && this.lo[i] === l) return i;
    }
  }

  /** Re-inserts the live entries into `capacity` slots (a power of two), dropping GONE ones. */
  private grow(capacity: number): void {
    const { hi, lo, state } = this;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.used = 0;
    const mask = capacity - 1;
    for (let j = 0; j < state.length; j++) {
      if (state[j] !== FULL) continue;
      let i = (hi[j] ^ Math.imul(lo[j], 0x9e3779b1)) & mask;
      while (this.state[i] !== EMPTY) i = (i + 1) & mask;
      this.state[i] = FULL;
      this.hi[i] = hi[j];
      this.lo[i] = lo[j];
      this.used++;
    }
  }
}

// The hash of the last value (two 32-bit halves; no allocation per call), and that value when a
// string: a row's key is looked up (has) and then added (add), hashed once.
let H = 0, L = 0;
let lastText: string | undefined;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Two independent 32-bit hashes of the value, its type included (5 and '5' differ, as in a Set);
 *  bytes (a BLOB or bytea key, read back as a Buffer) by their content, unlike a Set. */
function hash(v: unknown): void {
  if (typeof v === 'number') {
    F64[0] = v === 0 ? 0 : v === v ? v : NaN; // -0 and 0 are one value, as are NaNs, as in a Set
    mix(U32[0] ^ 0x6e756d00, U32[1], 0x9e3779b9);
    lastText = undefined;
    return;
  }
  if (typeof v === 'string' && v === lastText) return;
  const s = typeof v === 'string' ? v : v instanceof Uint8Array ? `bytes\u0000${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1')}` : `${typeof v}\u0000${String(v)}`;
  let h1 = 0xdeadbeef ^ s.length, h2 = 0x41c6ce57 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  H = finish(h1, h2);
  L = finish(h2, h1);
  lastText = typeof v === 'string' ? v : undefined;
}

function mix(a: number, b: number, seed: number): void {
  let h1 = Math.imul(a ^ seed, 2654435761) ^ b;
  let h2 = Math.imul(b ^ seed, 1597334677) ^ a;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 3266489909);
  H = finish(h1, h2);
  L = finish(h2, h1);
}

function finish(a: number, b: number): number {
  let h = Math.imul(a ^ (a >>> 16), 2246822507);
  h ^= Math.imul(b ^ (b >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}
