import { parseCheck, referencedColumns, type Expr } from '../check/index.ts';
import type { ColumnInfo, ExclusionInfo, TableInfo, UniqueKey } from '../schema/model.ts';

// What a PostgreSQL EXCLUDE constraint asks of the rows, in the engine's terms. Its elements
// are read with the CHECK parser:
//   - only `=` parts (`EXCLUDE (a WITH =, b WITH =)`): a unique key (NULLs distinct, its WHERE
//     a partial index's), kept by the unique-key machinery;
//   - `=` parts plus one `&&` part over a range: rows with equal `=` parts (a group: a room)
//     must hold disjoint ranges. The range is a range column, or a range constructor over two
//     columns (`tstzrange(starts_at, ends_at)`, `tsrange(day + start_time, day + end_time)`),
//     a start plus a length (a duration column times an interval, make_interval(mins => …), a
//     fixed interval), a generated column made of one, or one rebuilt from a range column's
//     own bounds. The engine lays each group's rows out on a timeline
//     (generate/timeline.ts) instead of drawing those columns;
//   - anything else (`WITH <>`, a second `&&`, a range it cannot take apart): not planned; the
//     database enforces it, so rows that collide leave the table out, as before, with its name.

/** How the range of a row is measured: minutes (timestamps, a time of day on a day), days,
 *  whole numbers, hundredths (numeric). */
export type RangeKind = 'timestamp' | 'clock' | 'date' | 'integer' | 'numeric';

export type RangeShape =
  /** A range-typed column the engine writes whole (`[lower,upper)`). */
  | { shape: 'column'; column: string; kind: RangeKind }
  /** A range built from two columns; `day`: the date column both bounds add a time of day to.
   *  `lowerShift`/`upperShift`: a constant the bound adds to its column, in the kind's unit
   *  (`daterange(start_date, end_date + 1)`: an inclusive end date, upperShift 1 day). */
  | { shape: 'bounds'; lower: string; upper: string; day?: string; kind: RangeKind; touching: boolean; lowerShift?: number; upperShift?: number }
  /** A start and a length (`tsrange(start_time, start_time + duration * interval '1 minute')`):
   *  `per` minutes for each unit of the `duration` column, or the whole length without one. */
  | { shape: 'span'; lower: string; duration?: string; per: number; kind: 'timestamp'; touching: boolean };

export interface ExclusionForm {
  name: string;
  /** As shown: `(room_id WITH =, during WITH &&) WHERE (…)`. */
  text: string;
  /** The `=` parts: rows whose parts are all equal form one group. */
  groupParts: Expr[];
  groupColumns: string[];
  range: RangeShape;
  /** The columns the timeline writes (never drawn by their generators). */
  placed: string[];
  /** How long a range lasts, by what the names say (a meeting: hours; a stay: days; a contract,
   *  a price's validity: months); absent: by the kind (timestamps hours, dates days). */
  lasts?: Lasts;
  predicate?: string;
  /** A CHECK that sets the upper bound's column from the lower one's (`end_date = (start_date +
   *  '1 year' - '1 day')::date`): the timeline takes each range's length from it, so rows meet
   *  both (plan/solved-checks.ts `timelineLengths`). */
  upperFrom?: { bound: Expr; check: string };
  /** Other constraints over the same range (`speaker WITH =, during WITH &&` beside `room WITH =,
   *  during WITH &&`): one timeline for the whole table keeps all of them (stricter, never wrong). */
  also?: string[];
}

export type Lasts = 'hours' | 'days' | 'months';

/** Names that say how long their ranges last, longest first (a "rental_period" is days). */
const LASTS: [Lasts, RegExp][] = [
  ['days', /stay|rental|rent(?:s|ed)?\b|hire|loan|vacation|holiday|leave|absence|trip|tour|occupan|lodging|check_?in|check_?out|nights?\b/i],
  ['months', /valid|effective|term\b|lease|contract|membership|subscription|employ|tenure|assignment|version|price|rate\b|tariff|polic|residen|season|enrol/i],
  ['hours', /slot|appointment|session|meeting|shift|class|lesson|talk|call|visit|window|booking|reservation|during|court|room|desk|seat/i],
];

/** How long ranges last, from the range's column names, then the table's. */
function lastsOf(names: string[], table: string): Lasts | undefined {
  for (const n of [...names, table]) for (const [lasts, re] of LASTS) if (re.test(n)) return lasts;
  return undefined;
}

export type ExclusionReading =
  | { form: ExclusionForm }
  | { key: UniqueKey }
  | { unplanned: string };

const RANGE_FN: Record<string, RangeKind> = { tsrange: 'timestamp', tstzrange: 'timestamp', daterange: 'date', int4range: 'integer', int8range: 'integer', numrange: 'numeric' };

/** The constraint as text: `(room_id WITH =, during WITH &&) WHERE (status <> 'cancelled')`. */
export function exclusionText(x: ExclusionInfo): string {
  return `USING ${x.using} (${x.elements.map((e) => `${e.expression} WITH ${e.operator}`).join(', ')})${x.predicate ? ` WHERE (${x.predicate})` : ''}`;
}

/** What the engine makes of one EXCLUDE constraint of `table`. */
export function readExclusion(x: ExclusionInfo, table: TableInfo): ExclusionReading {
  const text = exclusionText(x);
  const odd = x.elements.filter((e) => e.operator !== '=' && e.operator !== '&&');
  if (odd.length) return { unplanned: `operator ${odd.map((e) => e.operator).join(', ')} is not one the engine plans (only = and &&)` };
  // An extension's `=` is still an equality (citext's folds case, as a citext unique key does).
  if (x.elements.some((e) => e.operatorSchema && e.operator !== '=')) return { unplanned: 'an operator of an extension schema' };
  const equal = x.elements.filter((e) => e.operator === '=');
  const overlap = x.elements.filter((e) => e.operator === '&&');
  const columnOf = byName(table);
  let parts: Expr[];
  try {
    parts = equal.map((e) => parseCheck(e.expression));
  } catch {
    return { unplanned: `an element it cannot read (${equal.map((e) => e.expression).join(', ')})` };
  }
  const groupColumns = [...new Set(parts.flatMap(referencedColumns).map((c) => columnOf(c)?.name ?? c))];
  if (!overlap.length) {
    // Equal in every part = a duplicate of a unique key's value.
    const plain = parts.every((p) => p.kind === 'col');
    return { key: { name: x.name, columns: groupColumns, partial: !!x.predicate, ...(plain ? {} : { expressions: equal.map((e) => e.expression) }), ...(x.predicate ? { predicate: x.predicate } : {}) } };
  }
  if (overlap.length > 1) return { unplanned: 'more than one && element' };
  const range = rangeShape(overlap[0].expression, table);
  if ('unplanned' in range) return range;
  const placed = range.shape === 'column' ? [range.column] : range.shape === 'span' ? [range.lower, ...(range.duration ? [range.duration] : [])] : [range.lower, range.upper, ...(range.day ? [range.day] : [])];
  if (placed.some((c) => groupColumns.includes(c))) return { unplanned: 'a column both in an = part and in the range' };
  const lasts = lastsOf(placed, table.localName ?? table.name);
  return { form: { name: x.name, text, groupParts: parts, groupColumns, range, placed, ...(lasts ? { lasts } : {}), ...(x.predicate ? { predicate: x.predicate } : {}) } };
}

/** The range of a `&&` element: a range column (written whole, or generated from a
 *  constructor), or a constructor over two columns. */
function rangeShape(expression: string, table: TableInfo): RangeShape | { unplanned: string } {
  let e: Expr;
  try {
    e = parseCheck(withoutNamedIntervals(expression));
  } catch {
    return { unplanned: `a range it cannot read (${expression})` };
  }
  const columnOf = byName(table);
  if (e.kind === 'col') {
    const col = columnOf(e.name);
    if (!col) return { unplanned: `no column ${e.name}` };
    if (col.generated && col.default) {
      const inner = rangeShape(col.default, table);
      return 'unplanned' in inner ? { unplanned: `generated column ${col.name}: ${inner.unplanned}` } : inner;
    }
    const kind = RANGE_FN[bareType(col.type)];
    if (!kind) return { unplanned: `${col.name} is of type ${col.type}, not a range the engine lays out (${Object.keys(RANGE_FN).join(', ')})` };
    return { shape: 'column', column: col.name, kind };
  }
  const call = unwrap(e);
  if (call.kind !== 'call' || !(call.name in RANGE_FN) || call.args.length < 2) return { unplanned: `the range ${expression} is not a range column or a range constructor` };
  const bounds = call.args[2] ? literal(call.args[2]) : '[)';
  if (bounds === undefined || !/^[[(][\])]$/.test(bounds)) return { unplanned: `bounds ${expression} it cannot read` };
  const touching = bounds !== '[]';
  const lo = unwrap(call.args[0]);
  const hi = unwrap(call.args[1]);
  const kind = RANGE_FN[call.name];
  // `tsrange(lower(during), upper(during), '()')`: the range column's own bounds, read another way.
  const of = (x: Expr, fn: string) => (x.kind === 'call' && x.name === fn && x.args.length === 1 && unwrap(x.args[0]).kind === 'col' ? (unwrap(x.args[0]) as { name: string }).name : undefined);
  const own = of(lo, 'lower');
  if (own !== undefined && own === of(hi, 'upper')) {
    const inner = rangeShape(own, table);
    return 'unplanned' in inner || inner.shape !== 'column' || inner.kind !== kind ? { unplanned: `bounds ${expression}: not the bounds of a range column of its type` } : inner;
  }
  const sl = shifted(lo, kind), sh = shifted(hi, kind);
  if (sl && sh) {
    const a = columnOf(sl.column), b = columnOf(sh.column);
    if (!a || !b || a.generated || b.generated) return { unplanned: `bounds ${expression}: not two written columns` };
    // daterange(starts_at::date, ends_at::date) over timestamps: whole days, written at midnight.
    const want = kind === 'timestamp' ? ['datetime'] : kind === 'date' ? ['date', 'datetime'] : kind === 'integer' ? ['integer', 'bigint'] : ['decimal', 'real', 'integer', 'bigint'];
    if (!want.includes(a.kind) || !want.includes(b.kind)) return { unplanned: `bounds ${a.name}, ${b.name} are not of the range's type` };
    return { shape: 'bounds', lower: a.name, upper: b.name, kind, touching, ...(sl.shift ? { lowerShift: sl.shift } : {}), ...(sh.shift ? { upperShift: sh.shift } : {}) };
  }
  // `start_time + duration * interval '1 minute'`: a start and a length.
  if (kind === 'timestamp' && lo.kind === 'col' && columnOf(lo.name)?.kind === 'datetime' && !columnOf(lo.name)!.generated) {
    const start = hi.kind === 'binary' && hi.op === '+' ? unwrap(hi.left) : undefined;
    const length = start?.kind === 'col' && start.name.toLowerCase() === lo.name.toLowerCase() ? lengthOf((hi as { right: Expr }).right, columnOf) : undefined;
    if (length) return { shape: 'span', lower: columnOf(lo.name)!.name, ...length, kind, touching };
  }
  // `day + start_time, day + end_time`: a date and two times of day.
  const l = sum(lo), h = sum(hi);
  if (kind === 'timestamp' && l && h) {
    const [dl, tl] = dayAndTime(l, columnOf), [dh, th] = dayAndTime(h, columnOf);
    if (dl && dh && tl && th && dl.name === dh.name && !tl.generated && !th.generated && !dl.generated) {
      return { shape: 'bounds', lower: tl.name, upper: th.name, day: dl.name, kind: 'clock', touching };
    }
  }
  return { unplanned: `bounds ${expression}: not two columns (or a date plus two times of day)` };
}

/** A bound that is a column plus or minus a constant (`end_date + 1`, `ends_at + '00:15:00'::interval`):
 *  the column and the constant in the kind's unit (days, minutes, whole numbers, hundredths);
 *  undefined for anything else (a month, whose length varies). */
function shifted(e: Expr, kind: RangeKind): { column: string; shift: number } | undefined {
  if (e.kind === 'col') return { column: e.name, shift: 0 };
  if (e.kind !== 'binary' || (e.op !== '+' && e.op !== '-')) return undefined;
  const col = unwrap(e.left);
  if (col.kind !== 'col') return undefined;
  const k = unwrap(e.right);
  let n: number | undefined;
  if (k.kind === 'lit' && typeof k.value === 'number' && Number.isFinite(k.value)) n = kind === 'numeric' ? k.value * 100 : k.value;
  else if (kind === 'date' || kind === 'timestamp') { const m = minutes(e.right); if (m !== undefined) n = kind === 'date' ? m / 1440 : m; }
  if (n === undefined || !Number.isInteger(n) || (kind === 'timestamp' && k.kind === 'lit')) return undefined;
  return { column: col.name, shift: e.op === '-' ? -n : n };
}

/** A length: a fixed interval (`'01:00:00'::interval`), or a number column times one (in either
 *  order); undefined for anything else (months, which vary; a length read from two columns). */
function lengthOf(e: Expr, columnOf: (n: string) => ColumnInfo | undefined): { duration?: string; per: number } | undefined {
  const fixed = minutes(e);
  if (fixed !== undefined) return fixed > 0 ? { per: fixed } : undefined;
  const x = unwrap(e);
  if (x.kind !== 'binary' || x.op !== '*') return undefined;
  for (const [a, b] of [[x.left, x.right], [x.right, x.left]]) {
    const col = unwrap(a);
    const per = minutes(b);
    const c = col.kind === 'col' ? columnOf(col.name) : undefined;
    if (c && !c.generated && per !== undefined && per > 0 && ['integer', 'bigint', 'decimal', 'real'].includes(c.kind)) return { duration: c.name, per };
  }
  return undefined;
}

/** An interval literal's length in minutes (`'00:01:00'`, `'1 day'`, `'2 days 01:30:00'`). */
function minutes(e: Expr): number | undefined {
  const x = e.kind === 'cast' && /^interval/.test(e.type) ? e.arg : undefined;
  if (!x || x.kind !== 'lit' || typeof x.value !== 'string') return undefined;
  const m = /^\s*(?:(\d+) days?)?\s*(?:(\d+):(\d{2})(?::(\d{2}))?)?\s*$/i.exec(x.value);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 60;
}

/** `make_interval(mins => x)` (named arguments, which the CHECK parser does not read) as
 *  `((x) * '00:01:00'::interval)`. */
function withoutNamedIntervals(sql: string): string {
  const UNIT: Record<string, string> = { weeks: '7 days', days: '1 day', hours: '01:00:00', mins: '00:01:00', secs: '00:00:01' };
  let out = sql;
  for (let at = out.search(/\bmake_interval\s*\(/i); at >= 0; at = out.search(/\bmake_interval\s*\(/i)) {
    const open = out.indexOf('(', at);
    let depth = 0, close = -1;
    for (let i = open; i < out.length && close < 0; i++) {
      if (out[i] === '(') depth++;
      else if (out[i] === ')' && --depth === 0) close = i;
    }
    const m = close < 0 ? null : /^\s*(weeks|days|hours|mins|secs)\s*=>\s*([\s\S]+)$/i.exec(out.slice(open + 1, close));
    if (!m || /,(?![^(]*\))/.test(m[2])) return sql; // several parts, or none: left as written (unread)
    out = `${out.slice(0, at)}((${m[2]}) * '${UNIT[m[1].toLowerCase()]}'::interval)${out.slice(close + 1)}`;
  }
  return out;
}

function dayAndTime(pair: [Expr, Expr], columnOf: (n: string) => ColumnInfo | undefined): [ColumnInfo | undefined, ColumnInfo | undefined] {
  const cols = pair.map((x) => (x.kind === 'col' ? columnOf(x.name) : undefined));
  const day = cols.find((c) => c?.kind === 'date');
  const time = cols.find((c) => c?.kind === 'time');
  return [day, time];
}

/** `a + b` (casts and parentheses stripped) as its two terms. */
function sum(e: Expr): [Expr, Expr] | undefined {
  return e.kind === 'binary' && e.op === '+' ? [unwrap(e.left), unwrap(e.right)] : undefined;
}

/** Without casts and collations; `coalesce(valid_to, 'infinity')` is its column, which the
 *  timeline always sets. */
function unwrap(e: Expr): Expr {
  for (;;) {
    if (e.kind === 'cast' || e.kind === 'collate') e = e.arg;
    else if (e.kind === 'call' && e.name === 'coalesce' && e.args.length >= 1 && unwrapCast(e.args[0]).kind === 'col') e = e.args[0];
    else return e;
  }
}

function unwrapCast(e: Expr): Expr {
  while (e.kind === 'cast' || e.kind === 'collate') e = e.arg;
  return e;
}

function literal(e: Expr): string | undefined {
  const x = unwrap(e);
  return x.kind === 'lit' && typeof x.value === 'string' ? x.value : undefined;
}

function bareType(t: string): string {
  return t.toLowerCase().replace(/^.*\./, '').replace(/"/g, '').trim();
}

function byName(table: TableInfo): (name: string) => ColumnInfo | undefined {
  const m = new Map<string, ColumnInfo>();
  for (const c of table.columns) { m.set(c.name, c); if (!m.has(c.name.toLowerCase())) m.set(c.name.toLowerCase(), c); }
  return (n) => m.get(n) ?? m.get(n.toLowerCase());
}
