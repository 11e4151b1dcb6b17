// Counted nouns in messages: "1 table", "2 tables", "1 row", "0 rows".

/** `n` and the noun, singular for exactly one (`many` for an irregular plural). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The noun alone, for counts formatted elsewhere (1,234 rows). */
export function noun(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}
