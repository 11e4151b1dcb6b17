import type { ColumnInfo } from '../schema/model.ts';
import { formatDate, formatDateTime } from '../generate/format.ts';
import type { Generator } from '../generate/generator.ts';
import type { Rng } from '../generate/prng.ts';
import type { ColumnProfile, TableProfile } from './profile.ts';

// A table's existing rows as a source of generator rules, below the config and above the naming
// rules (plan.ts asks in that order). New rows follow the old ones:
// - values: a value seen before comes back with its observed frequency, in the share of rows the
//   sample says repeats (Good–Turing: 1 − values seen once / values; a status column of five
//   values repeats always, a name column never); the rest are new values;
// - new numbers and dates fall between the sampled ones (the sample's quantiles, interpolated),
//   with its decimal places and its dates' form (a day, midnight, a time); new text comes from
//   the column's own rule, which keeps its meaning;
// - NULLs at the sample's rate (shrunk towards the rule's rate for a handful of rows).
// Unique columns keep their rule (they must go on making new values); values outside what the
// column's CHECK or enum allows are dropped.

/** Rows worth of the rule's own NULL rate mixed into a learned one when the sample has fewer than
 *  TRUSTED_ROWS (a few rows say little). */
const PRIOR_ROWS = 4;
const TRUSTED_ROWS = 20;
/** Fewest non-NULL values that say anything about a column's values. */
const MIN_VALUES = 3;

export interface Learned {
  /** Replaces or wraps the column's generator (undefined: the rule's stays). */
  gen?: Generator;
  nullRate?: number;
  /** For `plan --explain`: `learned from 40 existing rows: values 'paid' 70 %, …`. */
  note: string;
  /** The values come from the sample (a closed set, numbers, dates), not from the rule. */
  values: boolean;
}

export interface LearnInput {
  column: ColumnInfo;
  profile: TableProfile;
  /** The generator the column has without learning (rule, CHECK-narrowed). */
  base: Generator;
  /** NULL share without learning. */
  baseNullRate: number;
  /** The column is (part of) a unique key: its values must stay new. */
  unique: boolean;
  /** Values the column may take at all (CHECK IN list, enum), when it has such a list. */
  allowed?: readonly unknown[];
}

/** What the table's existing rows teach about one column, or undefined when nothing. */
export function learnColumn(x: LearnInput): Learned | undefined {
  const p = x.profile.columns[x.column.name];
  if (!p || !p.rows) return undefined;
  const parts: string[] = [];
  let gen: Generator | undefined;
  let own = false;
  if (!x.unique) {
    const values = x.allowed ? p.values.filter((v) => x.allowed!.some((a) => String(a) === String(v))) : p.values;
    if (values.length >= MIN_VALUES) {
      const made = valueGenerator(x.column, { ...p, values, times: values.length === p.values.length ? p.times : undefined }, x.base);
      if (made) { gen = made.gen; own = made.own; parts.push(made.note); }
    }
  }
  let nullRate: number | undefined;
  if (x.column.nullable) {
    nullRate = learnedNullRate(p, x.baseNullRate);
    parts.push(`NULL ${pct(p.nulls / p.rows)}`);
  }
  if (!parts.length) return undefined;
  const of = x.profile.sampled < x.profile.existing ? `${x.profile.sampled} of ${x.profile.existing}` : String(x.profile.existing);
  return { gen, nullRate, values: own, note: `learned from ${of} existing ${x.profile.existing === 1 ? 'row' : 'rows'}: ${parts.join('; ')}` };
}

function learnedNullRate(p: ColumnProfile, base: number): number {
  return p.rows >= TRUSTED_ROWS ? p.nulls / p.rows : (p.nulls + PRIOR_ROWS * base) / (p.rows + PRIOR_ROWS);
}

/** Share of new rows that take a value seen before (Good–Turing, add-one on the unseen side),
 *  and whether the set looks closed (no value seen only once). */
export function repeatShare(values: readonly unknown[]): { share: number; closed: boolean } {
  const counts = new Map<unknown, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let once = 0;
  for (const n of counts.values()) if (n === 1) once++;
  return { share: (values.length - once) / (values.length + 1), closed: once === 0 };
}

function valueGenerator(col: ColumnInfo, p: ColumnProfile, base: Generator): { gen: Generator; note: string; own: boolean } | undefined {
  const values = p.values;
  const n = values.length;
  // A closed set (every value seen more than once): only those values, at their frequencies.
  const { share: repeat, closed } = repeatShare(values);
  const seen = (rng: Rng) => values[Math.floor(rng.float() * n)];
  const distinct = [...new Set(values)];
  if (p.times) {
    const times = p.times;
    const form = p.dateForm!;
    const fresh = (rng: Rng) => {
      const t = between(times, rng.float());
      return form === 'date' ? formatDate(t) : form === 'midnight' ? `${formatDate(t)} 00:00:00` : formatDateTime(Math.round(t / 1000) * 1000);
    };
    return {
      gen: mixed(base, closed ? 1 : repeat, seen, fresh, closed ? distinct : undefined),
      own: true,
      note: `dates ${dayOf(times[0])}..${dayOf(times[n - 1])}${form === 'midnight' ? ' at midnight' : ''}${closed || repeat < 0.05 ? '' : `, ${pct(repeat)} of them repeated`}`,
    };
  }
  if (typeof values[0] === 'number') {
    const xs = values as number[];
    const scale = 10 ** (p.decimals ?? 0);
    const integer = col.kind === 'integer' || col.kind === 'bigint' || p.decimals === 0;
    const fresh = (rng: Rng) => {
      const v = between(xs, rng.float());
      return integer ? Math.round(v) : Math.round(v * scale) / scale;
    };
    const g = mixed(base, closed ? 1 : repeat, seen, fresh, closed ? distinct : undefined);
    g.range = [xs[0], xs[n - 1]];
    const shown = closed && distinct.length <= 8 ? `values ${frequencies(values)}` : `numbers ${num(xs[0])}–${num(xs[n - 1])} (median ${num(xs[Math.floor(n / 2)])})${closed || repeat < 0.05 ? '' : `, ${pct(repeat)} of them repeated`}`;
    return { gen: g, note: shown, own: true };
  }
  if (closed) return { gen: mixed(base, 1, seen, undefined, distinct), note: `values ${frequencies(values)}`, own: true };
  // Every value different (labels, names): new ones differ from them too, where the rule can.
  if (repeat < 0.05) return typeof values[0] === 'string' && distinct.length === n ? avoiding(base, new Set(distinct)) : undefined;
  // Open text: seen values come back in their share, new ones from the rule.
  return { gen: mixed(base, repeat, seen, undefined, undefined), own: false, note: `${pct(repeat)} of values repeat existing ones (${frequencies(values, 3)}), the rest from ${base.label}` };
}

/** The base generator, its values other than `taken` (a label pool drawn without repeats keeps
 *  clear of the existing labels; a drawn value that is taken is drawn again, a few times). */
function avoiding(base: Generator, taken: Set<unknown>): { gen: Generator; note: string; own: boolean } | undefined {
  const pool = base.values?.filter((v) => !taken.has(v));
  if (base.values && (!pool || pool.length === base.values.length || !pool.length)) return undefined;
  const next = base.next;
  const gen: Generator = {
    ...base,
    ...(pool ? { values: pool } : {}),
    next: (rng, ctx) => {
      let v = next(rng, ctx);
      for (let k = 0; k < 4 && taken.has(v); k++) v = next(rng, ctx);
      return v;
    },
  };
  return { gen, note: `new values differ from the ${taken.size} existing ones`, own: false };
}

/** Seen values in share `repeat` of rows, else a fresh one (or the base generator's). Keeps the
 *  base's label (what the value means: coherence and copies go by it) and its disambiguation. */
function mixed(base: Generator, repeat: number, seen: (rng: Rng) => unknown, fresh: ((rng: Rng) => unknown) | undefined, domain: unknown[] | undefined): Generator {
  const g: Generator = {
    label: base.label,
    next: repeat >= 1 ? seen : (rng, ctx) => (rng.float() < repeat ? seen(rng) : fresh ? fresh(rng) : base.next(rng, ctx)),
    disambiguate: base.disambiguate,
  };
  if (domain) {
    g.domainSize = domain.length;
    g.domainValue = (i) => domain[i];
  }
  return g;
}

/** The value at quantile u of sorted xs, interpolated between neighbours. */
function between(xs: readonly number[], u: number): number {
  if (xs.length === 1) return xs[0];
  const at = u * (xs.length - 1);
  const i = Math.floor(at);
  return i + 1 >= xs.length ? xs[i] : xs[i] + (xs[i + 1] - xs[i]) * (at - i);
}

/** `'paid' 70 %, 'sent' 20 %, …` — the most frequent values first. */
function frequencies(values: readonly unknown[], top = 4): string {
  const counts = new Map<unknown, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1));
  const shown = sorted.slice(0, top).map(([v, c]) => `${typeof v === 'string' ? `'${short(v)}'` : String(v)} ${pct(c / values.length)}`);
  return shown.join(', ') + (sorted.length > top ? `, … (${sorted.length} values)` : '');
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100));
const dayOf = (t: number) => formatDate(t);
const short = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

/** Where a foreign key's new rows go, learned from the existing children (Unit.parents). */
export interface ParentChoice {
  /** `others`: the parents that have children hold them all already (an invoice its lines): new
   *  rows go to the other parents. `seen`: the existing rows use a few of the parents, each often
   *  (the agents on duty): new rows use the same ones, at the same frequencies. */
  from: 'others' | 'seen';
  /** The sampled children's parent keys (one per child row). */
  keys: unknown[];
  /** `others`: children per parent among the parents that have theirs (each of the others gets
   *  one of these counts, its rows one after another, as real lines of an order are). */
  sizes?: number[];
}

export interface LearnedParents {
  choice?: ParentChoice;
  /** Skew of the other picks (Unit.fanOut): 0 when the existing children are spread evenly. */
  fanOut?: number;
  nullRate?: number;
  note: string;
}

export interface ParentInput {
  profile: TableProfile;
  column: ColumnInfo;
  parent: string;
  /** Parent rows before the run, and after it. */
  parentsBefore: number;
  parentsAfter: number;
  /** Rows this run adds to the child table. */
  adding: number;
  baseNullRate: number;
}

/** Fewest children that say how they spread over their parents. */
const MIN_CHILDREN = 10;

/** How the existing rows of a single-column foreign key spread over their parents, as rules for
 *  the new rows: complete parents (every one has its children, as many as the new rows would give
 *  the new parents) → new rows go to new parents; a few parents each used often (none once) → the
 *  same ones; spread evenly (variance ≤ 1.5 × mean, as random or more even) → no skew. */
export function learnParents(x: ParentInput): LearnedParents | undefined {
  const p = x.profile.columns[x.column.name];
  if (!p || !p.rows) return undefined;
  const parts: string[] = [];
  const out: LearnedParents = { note: '' };
  const values = p.values;
  const P = x.parentsBefore;
  if (values.length >= MIN_CHILDREN && P > 0) {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    const used = Math.min(counts.size, P);
    let once = 0, squares = 0;
    for (const c of counts.values()) { if (c === 1) once++; squares += c * c; }
    const mean = values.length / P;
    const dispersion = (squares / P - mean * mean) / mean;
    // Parents without children yet: do the new rows fit them as the old ones fit theirs?
    const others = x.parentsAfter - used;
    const perOld = values.length / used;
    const perOther = others > 0 ? x.adding / others : Infinity;
    if (x.profile.sampled === x.profile.existing && others > 0 && perOther <= 2 * perOld && perOther >= perOld / 2) {
      out.choice = { from: 'others', keys: [...counts.keys()], sizes: [...counts.values()] };
      parts.push(`${used} ${x.parent} rows have theirs already (${num(perOld)} each): new rows go to the other ${others}, as many each as those have`);
    } else if (!once && used < 0.9 * P) {
      out.choice = { from: 'seen', keys: values };
      parts.push(`only ${used} of ${P} ${x.parent} rows are used, each often: new rows use the same ${used}`);
    }
    if (dispersion <= 1.5 && out.choice?.from !== 'seen') {
      out.fanOut = 0;
      parts.push('spread evenly, as the existing rows are');
    }
  }
  if (x.column.nullable) {
    out.nullRate = learnedNullRate(p, x.baseNullRate);
    parts.push(`NULL ${pct(p.nulls / p.rows)}`);
  }
  if (!parts.length) return undefined;
  const of = x.profile.sampled < x.profile.existing ? `${x.profile.sampled} of ${x.profile.existing}` : String(x.profile.existing);
  out.note = `learned from ${of} existing ${x.profile.existing === 1 ? 'row' : 'rows'}: ${parts.join('; ')}`;
  return out;
}
