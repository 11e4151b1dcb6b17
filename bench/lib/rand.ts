// A small seeded PRNG (sfc32) for the hand-written contenders and the raw limit: what a user
// writing a script would reach for when Math.random is not reproducible.

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 15; i++) this.next32();
  }

  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor((this.next32() / 4294967296) * (max - min + 1));
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor((this.next32() / 4294967296) * xs.length)];
  }

  chance(p: number): boolean {
    return this.next32() / 4294967296 < p;
  }
}
