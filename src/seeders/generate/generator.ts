import type { Rng } from './prng.ts';

// A value generator for one column. Rules (rules.ts) build these; the table generator calls them.

export interface GenContext {
  /** Row number within this run (0-based). */
  index: number;
  /** Values of the columns generated so far for this row (in column order). */
  row: Record<string, unknown>;
}

export interface Generator {
  /** Which rule made it, as shown by `plan` (e.g. `person.email`). */
  label: string;
  next(rng: Rng, ctx: GenContext): unknown;
  /** When the column can only take a few values (enum, boolean, small range): how many. */
  domainSize?: number;
  /** The i-th value of that finite domain, 0 <= i < domainSize. */
  domainValue?(i: number): unknown;
  /** The values an open-ended pool draws from (not a finite domain: a collision gets a suffix);
   *  a small table's label is drawn from them without repeats (plan/table-kinds.ts). */
  values?: readonly unknown[];
  /** Share of NULLs in a nullable column, when the rule knows better than the default. */
  nullRate?: number;
  /** Least and greatest value, when the generator knows them (numbers): a range it stays inside
   *  needs no narrowing (constrain.ts). */
  range?: readonly [number, number];
  /** Where it came from when not the column's own name or type, for `plan --explain`
   *  (`from the column comment "…"`, generate/comments.ts). */
  from?: string;
  /** Makes a colliding value distinct on attempt n (>= 1); absent when it cannot. */
  disambiguate?(value: unknown, n: number): unknown;
  /** One item of the list each value is (a tag of "beginner,outdoor", an address of a recipient
   *  list): what the elements of an array column (`tags text[]`) take instead of whole lists. */
  item?: Generator;
}

/** A finite pool of texts that goes on with suffixes past its end ("USD 2"), as a unique column's
 *  does: a key drawn from it is not capped at the pool (a CHECK's or an enum's list has no
 *  `disambiguate`, and ends). */
export function suffixesPastPool(g: Generator | undefined): boolean {
  return !!g?.disambiguate && !!g.domainSize && typeof g.domainValue?.(0) === 'string';
}

/** Numbers for `disambiguate`: each value (or key) goes on from the last number it was given,
 *  so the rows that collide on it get 1, 2, 3, … instead of each re-trying from 1. */
export class SuffixCounter {
  private readonly last = new Map<unknown, number>();
  next(key: unknown): number {
    const n = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, n);
    return n;
  }
}

export function finite(label: string, values: readonly unknown[]): Generator {
  return {
    label,
    next: (rng) => values[Math.floor(rng.float() * values.length)],
    domainSize: values.length,
    domainValue: (i) => values[i],
    range: numberRange(values),
  };
}

/** [least, greatest] of a list of numbers; undefined when any value is not a number. */
export function numberRange(values: readonly unknown[]): [number, number] | undefined {
  if (!values.length) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number') return undefined;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

export function integerRange(label: string, min: number, max: number): Generator {
  const size = max - min + 1;
  return {
    label,
    next: (rng) => rng.int(min, max),
    domainSize: size,
    domainValue: (i) => min + i,
    range: [min, max],
  };
}
