// Fast seeded PRNG (sfc32) with one independent stream per table/column, so adding a table or
// a column never shifts the values of the others. faker's own seeding costs per call; this
// is a few integer ops per number.

export class Rng {
  /** sfc32's four words. In an Int32Array, not four fields: a field holding 32-bit values is
   *  boxed (V8's small integers are 31-bit), and next32 ran ≈2.4x slower for it. */
  private readonly s = new Int32Array(4);

  constructor(seed: number, ...salt: string[]) {
    const h = hashParts(String(seed), ...salt);
    this.s[0] = h[0]; this.s[1] = h[1]; this.s[2] = h[2]; this.s[3] = h[3];
    for (let i = 0; i < 12; i++) this.next32();
  }

  next32(): number {
    const s = this.s;
    const a = s[0], b = s[1], c = s[2], d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.next32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive); exact for ranges up to 2^53. */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= 4294967296) return min + Math.floor(this.float() * span);
    return min + Math.floor((this.next32() * 2097152 + (this.next32() >>> 11)) / 9007199254740992 * span);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)];
  }

  chance(p: number): boolean {
    return this.float() < p;
  }
}

/** cyrb128: four 32-bit hashes of the joined parts. */
export function hashParts(...parts: string[]): [number, number, number, number] {
  const str = parts.join('\u0001');
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
