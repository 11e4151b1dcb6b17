// "Did you mean …?" for mistyped table names: small edit distance or a containing name.

export function closest(input: string, names: string[], max = 5): string[] {
  const a = input.toLowerCase();
  const limit = Math.max(1, Math.floor(a.length / 3));
  const scored = names.map((n) => {
    const b = n.toLowerCase();
    // The distance is at least the length difference: a 10 MB input is no typo of a short name
    // (and its distance table would not fit in memory).
    const d = b.includes(a) || a.includes(b) ? 0.5 : Math.abs(a.length - b.length) > limit ? Infinity : distance(a, b);
    return { n, d };
  });
  return scored.filter((s) => s.d <= limit).sort((x, y) => x.d - y.d || (x.n < y.n ? -1 : 1)).slice(0, max).map((s) => s.n);
}

/** Damerau–Levenshtein (optimal string alignment): a swap of two letters costs 1. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
