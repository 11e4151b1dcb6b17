import type { ColumnHint } from '../check/index.ts';
import type { ColumnInfo } from '../schema/model.ts';
import { finite, integerRange, type Generator } from './generator.ts';
import { formatDate, formatDateTime, parseDateTime } from './format.ts';
import type { Rng } from './prng.ts';
import { hostWithin, parseIpv4 } from '../check/inet.ts';

// Narrows a rule's generator to what the column's type and CHECKs allow: IN lists become the
// only values, numeric bounds intersect the rule's range, lengths truncate or pad. What cannot be
// expressed here (cross-column CHECKs, odd expressions) is tested row by row in table.ts.

/** No value can satisfy the column's CHECKs; the planner names the table and the CHECK. */
export class EmptyDomainError extends Error {
  readonly column: string;
  /** Values exist, but past what Seedbed writes (MAX_TEXT). */
  readonly tooLarge: boolean;
  /** The reason is one CHECK's (a pattern's), to be named with it. */
  readonly ofCheck: boolean;
  constructor(column: string, why: string, tooLarge = false, ofCheck = false) {
    super(why);
    this.column = column;
    this.tooLarge = tooLarge;
    this.ofCheck = ofCheck;
  }
}

/** Longest text drawn for one value: `length(s) = 100000000` would take gigabytes per batch. */
export const MAX_TEXT = 1_000_000;

export function constrain(base: Generator, column: ColumnInfo, hint: ColumnHint | undefined): Generator {
  if (hint?.oneOf?.length && hint.oneOf.every((v) => v === null)) {
    // `CHECK (NOT (x IS NOT NULL))` on a NOT NULL column: named at plan time, not by the database's
    // "NOT NULL constraint failed" once its rows are written.
    if (!column.nullable && !column.autoIncrement && !column.generated) throw new EmptyDomainError(column.name, 'its CHECKs allow only NULL, and the column is NOT NULL');
    return { label: 'check.null', next: () => null };
  }
  if (column.element && !column.entity?.list && (hint?.itemMin !== undefined || hint?.itemMax !== undefined)) {
    const g = hint.items || hint.minItems !== undefined || hint.maxItems !== undefined ? arrayWithin(base, column, hint) : base;
    return elementsWithin(g, hint.itemMin, hint.itemMax, column.element.kind === 'integer' || column.element.kind === 'bigint');
  }
  if (column.element && !column.entity?.list && (hint?.items || hint?.minItems !== undefined || hint?.maxItems !== undefined)) return arrayWithin(base, column, hint!);
  // `price IN (0, 2, 4) AND price > 384`: the list's values are all excluded (check/hints.ts
  // tidy), so none is allowed; not "no list" (the bounds alone drew 438, which the list refuses).
  // Where NULL passes (a nullable column: `NULL > 384` is not false), NULL is the one value.
  if (hint?.oneOf?.length === 0) {
    if (!column.nullable) throw new EmptyDomainError(column.name, 'its CHECKs allow no value');
    return { label: 'check.null', next: () => null };
  }
  const oneOf = hint?.oneOf?.filter((v) => v !== null) ?? column.enumValues;
  if (oneOf && oneOf.length) {
    const listed = column.kind === 'boolean' ? oneOf.map(toBool) : oneOf;
    // `IN (0, 2, 2)`: a value listed twice is one value (a unique column got 3 rows, one a duplicate).
    const values = new Set(listed).size < listed.length ? [...new Set(listed)] : listed;
    if (!values.length) throw new EmptyDomainError(column.name, 'its CHECKs allow no value');
    return finite(`check.oneOf`, values);
  }
  let g = base;
  if (['integer', 'bigint', 'real', 'decimal'].includes(column.kind)) g = numeric(g, column, hint);
  if (column.kind === 'integer' || column.kind === 'bigint') g = integerSteps(g, column, hint);
  if (column.kind === 'text' || column.kind === 'unknown') g = textual(g, column, hint);
  if ((column.kind === 'text' || column.kind === 'unknown') && hint?.letterCase) g = cased(g, hint.letterCase);
  if (column.kind === 'blob' && (hint?.minLength !== undefined || hint?.maxLength !== undefined)) g = binaryLength(g, column, hint!);
  if ((column.kind === 'date' || column.kind === 'datetime') && (hint?.minDate !== undefined || hint?.maxDate !== undefined)) g = dateWindow(g, column, hint!);
  if (column.kind === 'datetime' && hint?.truncate) g = truncated(g, hint.truncate);
  // A DATE on a whole month or year (`date_trunc('month', d) = d`): the first day of it.
  const firstDay = column.kind === 'date' && hint?.truncate ? FIRST_DAY[hint.truncate] : undefined;
  const parts = firstDay ? { ...firstDay, ...hint?.dateParts } : hint?.dateParts;
  if ((column.kind === 'date' || column.kind === 'datetime' || column.kind === 'time') && parts) g = onCalendar(g, parts, column.kind === 'date');
  if (hint?.notIn?.length) g = excluding(g, hint.notIn);
  if (hint?.subnet) g = inSubnet(g, hint.subnet);
  return g;
}

/** Addresses inside the network a CHECK names (`ip << '10.0.0.0/8'::inet`); a network (`/24`)
 *  keeps its mask when it fits inside. */
function inSubnet(g: Generator, network: string): Generator {
  const bits = parseIpv4(network)?.bits ?? 32;
  return {
    label: `${g.label} (in ${network}, from a CHECK)`,
    next: (r, ctx) => {
      const v = g.next(r, ctx);
      if (typeof v !== 'string' || v === null) return v;
      const host = hostWithin(network, () => r.float());
      if (host === null) return v;
      const mask = /\/(\d+)$/.exec(v);
      if (!mask) return host;
      const m = Math.max(Number(mask[1]), bits + 1);
      const a = parseIpv4(host)!.addr, keep = ((0xffffffff << (32 - m)) >>> 0);
      const x = (a & keep) >>> 0;
      return `${[x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.')}/${m}`;
    },
  };
}

/** A PostgreSQL array whose CHECK names its elements (`<@ ARRAY[...]`) or bounds their count
 *  (`cardinality(x) > 0`): distinct elements from the list, in its order, or the column's own
 *  elements trimmed or topped up to the count. */
function arrayWithin(base: Generator, column: ColumnInfo, hint: ColumnHint): Generator {
  const items = hint.items;
  const lo = Math.max(0, hint.minItems ?? 1);
  const hi = Math.min(hint.maxItems ?? Math.max(lo, 3), items && items.length >= lo ? items.length : Infinity);
  if (hi < lo || (items && !items.length && lo > 0)) throw new EmptyDomainError(column.name, `its CHECKs allow no array (${lo} to ${hint.maxItems} elements${items ? ` from ${items.length} values` : ''})`);
  if (items) {
    return {
      label: `array of ${lo === hi ? lo : `${lo}–${hi}`} of ${items.map(String).join(', ')} (check)`,
      next: (r) => {
        const k = r.int(lo, hi);
        if (k > items.length) return Array.from({ length: k }, () => items[r.int(0, items.length - 1)]);
        // k distinct positions (a partial shuffle), kept in the list's order.
        const pos = items.map((_, i) => i);
        for (let i = 0; i < k; i++) { const j = r.int(i, pos.length - 1); const t = pos[i]; pos[i] = pos[j]; pos[j] = t; }
        return pos.slice(0, k).sort((a, b) => a - b).map((i) => items[i]);
      },
    };
  }
  return {
    label: `${base.label} (${lo === hi ? lo : `${lo}–${hi === Infinity ? 'more' : hi}`} elements)`,
    next: (r, ctx) => {
      const want = r.int(lo, Math.min(hi, lo + 3));
      const out: unknown[] = [];
      for (let t = 0; out.length < want && t < want + 8; t++) out.push(...(base.next(r, ctx) as unknown[]));
      return out.slice(0, want);
    },
  };
}

/** A number array whose CHECK bounds each element (`0 <= ALL (color)`, `coords[1] BETWEEN -90 AND
 *  90`): an element out of the bounds is drawn again within them (whole numbers for an integer array). */
function elementsWithin(g: Generator, min: number | undefined, max: number | undefined, integer: boolean): Generator {
  let lo = min ?? (max !== undefined ? Math.min(0, max - 100) : 0);
  let hi = max ?? lo + 100;
  if (integer) { lo = Math.ceil(lo); hi = Math.floor(hi); }
  if (hi < lo) return g;
  const fit = (r: Rng, v: unknown): unknown => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    if (Number.isFinite(n) && n >= lo && n <= hi && (!integer || Number.isInteger(n))) return v;
    return integer ? r.int(lo, hi) : Math.round((lo + r.float() * (hi - lo)) * 1e4) / 1e4;
  };
  return {
    label: `${g.label} (elements ${min ?? '…'}–${max ?? '…'}, from a CHECK)`,
    next: (r, ctx) => { const v = g.next(r, ctx); return Array.isArray(v) ? v.map((x) => fit(r, x)) : v; },
  };
}

function toBool(v: unknown): unknown {
  if (v === 1 || v === '1' || v === 't' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'f' || v === 'false') return false;
  return v;
}

/** Values rounded to whole numbers (`CHECK (x = trunc(x))` on a numeric or real column). */
function whole(g: Generator): Generator {
  const round = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v) : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? String(Math.round(Number(v))) : v);
  return { ...g, label: `${g.label} (whole numbers)`, next: (r, ctx) => round(g.next(r, ctx)), domainValue: g.domainValue ? (i) => round(g.domainValue!(i)) : undefined, disambiguate: g.disambiguate ? (v, n) => round(g.disambiguate!(v, n)) : undefined };
}

function numeric(g: Generator, column: ColumnInfo, hint: ColumnHint | undefined): Generator {
  const out = numericBounds(g, column, hint);
  if (hint?.step !== undefined) return steps(out, hint.step, hint);
  return hint?.integer && column.kind !== 'integer' && column.kind !== 'bigint' ? whole(out) : out;
}

/** Multiples of `step` (`minutes % 15 = 0`, half hours): each value moved to the nearest one,
 *  inside the bounds. */
function steps(g: Generator, step: number, hint: ColumnHint): Generator {
  const { min, max } = hint;
  const above = (x: number) => min === undefined || (hint.minExclusive ? x > min : x >= min);
  const below = (x: number) => max === undefined || (hint.maxExclusive ? x < max : x <= max);
  const digits = Math.max(0, Math.ceil(-Math.log10(step % 1 || 1)) + 2);
  const fit = (v: unknown): unknown => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) return v;
    let k = Math.round(n / step);
    if (!above(k * step)) { k = Math.ceil(min! / step); if (!above(k * step)) k++; }
    if (!below(k * step)) { k = Math.floor(max! / step); if (!below(k * step)) k--; }
    const x = Number((k * step).toFixed(digits));
    return typeof v === 'string' ? String(x) : x;
  };
  return { ...g, label: `${g.label} (multiples of ${step}, from a CHECK)`, next: (r, ctx) => fit(g.next(r, ctx)), domainValue: g.domainValue ? (i) => fit(g.domainValue!(i)) : undefined, disambiguate: g.disambiguate ? (v, n) => fit(g.disambiguate!(v, n)) : undefined };
}

function numericBounds(g: Generator, column: ColumnInfo, hint: ColumnHint | undefined): Generator {
  const isInt = column.kind === 'integer' || column.kind === 'bigint' || hint?.integer === true;
  let lo = hint?.min;
  let hi = hint?.max;
  // Precision bounds numeric(p, s): |x| < 10^(p-s).
  if (column.precision) {
    const lim = 10 ** (column.precision - (column.scale ?? 0)) - 10 ** -(column.scale ?? 0);
    lo = Math.max(lo ?? -lim, -lim);
    hi = Math.min(hi ?? lim, lim);
  }
  // A fixed-width integer type (smallint, PostgreSQL's integer) bounds it the same way, on SQLite
  // too: the application reads the value back with its declared type.
  if (column.minValue !== undefined) lo = Math.max(lo ?? column.minValue, column.minValue);
  if (column.maxValue !== undefined) hi = Math.min(hi ?? column.maxValue, column.maxValue);
  // A bound past the largest double (`a > -1e400`, `a < 1e400`) bounds nothing; one on the far
  // side (`a > 1e400`) leaves no number (and drawing from it would give NaN, written as NULL).
  if (lo === -Infinity) lo = undefined;
  if (hi === Infinity) hi = undefined;
  if (lo === Infinity || hi === -Infinity) throw new EmptyDomainError(column.name, `its CHECKs need a value ${lo === Infinity ? 'above' : 'below'} every finite number`);
  if (lo === undefined && hi === undefined) return g;
  const stated = `${hint?.minExclusive ? '>' : '>='} ${lo} and ${hint?.maxExclusive ? '<' : '<='} ${hi}`;
  // A column of no declared scale (REAL, float) is drawn with 2 decimals, unless its bounds are
  // closer than that (`a > 0 AND a < 1e-9`): then at full precision.
  const fine = !isInt && column.scale === undefined && lo !== undefined && hi !== undefined && hi - lo < 1;
  const step = isInt ? 1 : fine ? 0 : 10 ** -(column.scale ?? 2);
  // Past 2^53 · step a step is lost in rounding: the next double up (down) instead.
  if (lo !== undefined && hint?.minExclusive) lo = Math.max(lo + step, nextDouble(lo, 1));
  if (hi !== undefined && hint?.maxExclusive) hi = Math.min(hi - step, nextDouble(hi, -1));
  if (isInt) {
    lo = lo === undefined ? undefined : Math.ceil(lo);
    hi = hi === undefined ? undefined : Math.floor(hi);
  }
  if (lo !== undefined && hi !== undefined && (lo > hi || (fine && lo === hi && (hint?.minExclusive || hint?.maxExclusive)))) {
    throw new EmptyDomainError(column.name, `its CHECKs need a value ${stated}${isInt ? ', a whole number' : ''}`);
  }
  if (fine) {
    // Strictly inside: the middle half of the interval.
    const [a, b] = [lo!, hi!];
    return { label: g.label, next: (rng: Rng) => between(a, b, 0.25 + rng.float() / 2) };
  }
  const inside = (v: unknown) => typeof v === 'number' && (lo === undefined || v >= lo) && (hi === undefined || v <= hi);
  // Known to stay inside (a rule's 1–5, the type fallback's 1–1000): as it is.
  if (g.range && inside(g.range[0]) && inside(g.range[1])) return g;
  // A finite list of numbers (a mark 0..100, max marks {20, 25, 50, 100}): keep those that fit.
  if (g.domainSize && g.domainValue && g.domainSize <= 100_000 && typeof g.domainValue(0) === 'number') {
    const values = Array.from({ length: g.domainSize }, (_, i) => g.domainValue!(i)).filter(inside);
    if (values.length === g.domainSize) return g;
    if (values.length) return finite(g.label, values);
  }
  // Drawn in the bounds when the rule's values do not fit: from 0 unless a CHECK asks lower (a
  // port in a smallint is 0..32767, not a negative number the type merely allows).
  const a = hint?.min === undefined && lo !== undefined && lo < 0 && hi !== undefined && hi > 0 ? 0 : lo ?? (hi! >= 1000 ? 0 : hi! - 1000);
  // a + 1000, unless a is so large that adding 1000 changes nothing (1e307): then up to twice it.
  const b = hi ?? (a + 1000 > a ? a + 1000 : a > 0 ? Math.min(Number.MAX_VALUE, a * 2) : a / 2);
  const scale = column.scale ?? 2;
  const f = 10 ** scale;
  const uniform = isInt ? integerRange(g.label, a, b) : {
    label: g.label,
    next: (rng: Rng) => Math.min(b, Math.max(a, rounded(between(a, b, rng.float()), f))),
  };
  if (g.domainSize) return uniform;
  // Otherwise keep the rule's realistic values (an amount of 12.50, not 86323074.55) when they
  // fit, and draw uniformly in the bounds only when they do not.
  return {
    label: g.label,
    next: (rng: Rng, ctx) => {
      for (let k = 0; k < 4; k++) {
        const v = g.next(rng, ctx);
        if (inside(v)) return isInt ? v : rounded(v as number, f);
      }
      return uniform.next(rng, ctx);
    },
    disambiguate: g.disambiguate,
  };
}

/** The double next to x, upwards (dir 1) or downwards (-1). */
function nextDouble(x: number, dir: 1 | -1): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return dir * Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] += (x > 0) === (dir > 0) ? 1n : -1n;
  return new Float64Array(bits.buffer)[0];
}

/** The point at `t` (0..1) from a to b, without overflow when b - a is past the largest double. */
const between = (a: number, b: number, t: number): number => a * (1 - t) + b * t;

/** x to 1/f, where that means anything (a 1e300 has no decimals to round). */
const rounded = (x: number, f: number): number => (Math.abs(x * f) < Number.MAX_SAFE_INTEGER ? Math.round(x * f) / f : x);

/** The integers a column may hold: its CHECK bounds within its type's range; from 0 when only
 *  the type bounds it below (a count, a port: never negative unless a CHECK says so). */
export function integerBounds(column: ColumnInfo, hint: ColumnHint | undefined): [number, number] {
  let lo = hint?.min === undefined ? 0 : Math.ceil(hint.min + (hint.minExclusive && Number.isInteger(hint.min) ? 1 : 0));
  let hi = hint?.max === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(hint.max - (hint.maxExclusive && Number.isInteger(hint.max) ? 1 : 0));
  if (column.minValue !== undefined) lo = Math.max(lo, column.minValue);
  if (column.maxValue !== undefined) hi = Math.min(hi, column.maxValue);
  return [lo, hi];
}

/** A colliding integer (a unique port, rank, external id) steps to the next free one inside
 *  its bounds, where rules' text suffixes ("80 2") cannot apply. */
const WHOLE: Record<string, number> = { year: 1, month: 2, day: 3, hour: 4, minute: 5, second: 6 };
const FIRST_DAY: Record<string, Record<string, number>> = { month: { day: 1 }, year: { month: 1, day: 1 } };

/** Dates and times with calendar fields a CHECK fixes (`EXTRACT(isodow FROM week_start) = 1`,
 *  month 4 and day 1, second 0): each value moved to the nearest one that has them (forward to
 *  the weekday; a day a month lacks moves to the next month that has it). The CHECK is still
 *  tested: fields that contradict each other leave it to the row test. */
function onCalendar(g: Generator, parts: Record<string, number>, dateOnly: boolean): Generator {
  const { year, month, day, hour, minute, second } = parts;
  const weekday = parts.isodow !== undefined ? parts.isodow % 7 : parts.dow;
  const two = (n: number) => String(n).padStart(2, '0');
  const move = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    let out = v;
    const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
    if (d) {
      let y = year ?? +d[1];
      let m = (month ?? +d[2]) - 1;
      let dd = day ?? +d[3];
      const len = (yy: number, mm: number) => new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
      if (month === undefined) for (let k = 0; k < 12 && dd > len(y, m); k++) { m = (m + 1) % 12; if (m === 0 && year === undefined) y++; }
      else dd = Math.min(dd, len(y, m));
      let at = Date.UTC(y, m, dd);
      if (weekday !== undefined && day === undefined) at += (((weekday - new Date(at).getUTCDay()) % 7 + 7) % 7) * 86_400_000;
      const t = new Date(at);
      // A DATE column keeps the day only: a time of day left on would make two values of one day
      // look distinct to a unique key and collide in the database.
      out = `${String(t.getUTCFullYear()).padStart(4, '0')}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}${dateOnly ? '' : v.slice(10)}`;
    }
    const time = /(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?/.exec(d ? out.slice(10) : out);
    if (time && (hour !== undefined || minute !== undefined || second !== undefined)) {
      const at = (d ? 10 : 0) + time.index;
      const hh = hour ?? +time[1];
      const mi = minute ?? +time[2];
      const ss = second ?? (time[3] === undefined ? undefined : +time[3]);
      const rest = second !== undefined ? '' : time[4] ?? '';
      out = `${out.slice(0, at)}${two(hh)}:${two(mi)}${ss === undefined ? '' : `:${two(ss)}`}${rest}${out.slice(at + time[0].length)}`;
    }
    return out;
  };
  // A colliding value (a unique week or year) steps by the period its fixed fields repeat in.
  const step = year !== undefined ? undefined : month !== undefined ? 'year' : day !== undefined ? 'month' : weekday !== undefined ? 'week' : undefined;
  const later = (v: unknown, n: number): unknown => {
    const d = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(v) : null;
    if (!d) return v;
    const t = new Date(Date.UTC(+d[1] + (step === 'year' ? n : 0), +d[2] - 1 + (step === 'month' ? n : 0), +d[3] + (step === 'week' ? 7 * n : 0)));
    return move(`${String(t.getUTCFullYear()).padStart(4, '0')}-${two(t.getUTCMonth() + 1)}-${two(t.getUTCDate())}${(v as string).slice(10)}`);
  };
  // A finite domain (one value per day) maps onto fewer values (the Mondays, the 1 Aprils): its
  // distinct ones, so keys sampled from it stay distinct.
  const list = g.domainValue && g.domainSize !== undefined && g.domainSize <= 100_000
    ? [...new Set(Array.from({ length: g.domainSize }, (_, i) => move(g.domainValue!(i))))] : undefined;
  return {
    ...g, next: (r, ctx) => move(g.next(r, ctx)),
    domainSize: list ? list.length : undefined, domainValue: list ? (i) => list[i] : undefined,
    disambiguate: step ? (v, n) => later(move(v), n) : g.disambiguate ? (v, n) => move(g.disambiguate!(v, n)) : undefined,
  };
}

/** Timestamps on a whole unit (`date_trunc('hour', x) = x`): the parts below it zeroed. */
function truncated(g: Generator, unit: string): Generator {
  const keep = WHOLE[unit];
  const cut = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(v);
    if (!m) return v;
    const parts = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'].map((x, i) => (i < keep ? x : i < 3 ? '01' : '00'));
    return `${parts[0]}-${parts[1]}-${parts[2]} ${parts[3]}:${parts[4]}:${parts[5]}`;
  };
  return { ...g, label: `${g.label} (whole ${unit}s)`, next: (r, ctx) => cut(g.next(r, ctx)), domainValue: g.domainValue ? (i) => cut(g.domainValue!(i)) : undefined, disambiguate: g.disambiguate ? (v, n) => cut(g.disambiguate!(v, n)) : undefined };
}

function integerSteps(g: Generator, column: ColumnInfo, hint: ColumnHint | undefined): Generator {
  const [lo, hi] = integerBounds(column, hint);
  if (hi < lo) return g;
  const size = hi - lo + 1;
  const text = g.disambiguate;
  return {
    ...g,
    disambiguate: (v, n) => (typeof v === 'number' && Number.isInteger(v) ? lo + ((((v - lo + n) % size) + size) % size) : text ? text(v, n) : v),
  };
}

function textual(g: Generator, column: ColumnInfo, hint: ColumnHint | undefined): Generator {
  const max = Math.min(column.length ?? Infinity, hint?.maxLength ?? Infinity);
  const min = Math.max(hint?.minLength ?? 0, hint?.min !== undefined && hint.min > 0 ? 0 : 0);
  const prefix = hint?.likePrefix ?? '';
  if (max === Infinity && min === 0 && !prefix) return g;
  if (min > MAX_TEXT) throw new EmptyDomainError(column.name, `its CHECKs ask for text of at least ${min.toLocaleString('en-US')} characters; Seedbed writes at most ${MAX_TEXT.toLocaleString('en-US')} per value`, true);
  const fit = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    let s = prefix && !v.startsWith(prefix) ? prefix + v : v;
    while (s.length < min) s += s.length ? ` ${s}` : 'x';
    if (s.length > max) s = s.slice(0, max).trimEnd();
    while (s.length < min) s += 'x';
    return s;
  };
  return {
    ...g,
    next: (rng, ctx) => fit(g.next(rng, ctx)),
    domainValue: g.domainValue ? (i) => fit(g.domainValue!(i)) : undefined,
    // A suffix must survive the cut: shorten the head, keep the counter.
    disambiguate: (v, n) => {
      if (typeof v !== 'string') return v;
      const tag = `${n + 1}`;
      if (max === Infinity) return fit(`${v} ${tag}`);
      if (max - tag.length - 1 < 1 + prefix.length) {
        // No room for the value and a number: a base-36 counter as wide as the column allows
        // (46,656 codes in 3 characters, where decimal numbers ran out after ≈1,000).
        const code = (n + 1).toString(36).toUpperCase();
        return fit(prefix + (code.length > max - prefix.length ? code.slice(-(max - prefix.length)) : code.padStart(Math.max(0, min - prefix.length), '0')));
      }
      return fit(`${v.slice(0, Math.max(0, max - tag.length - 1))} ${tag}`.replace(/^ /, ''));
    },
  };
}

/** Text in the case a CHECK asks (`lower(code) = code`): the values, their suffixes too. */
function cased(g: Generator, letterCase: 'lower' | 'upper'): Generator {
  const to = (v: unknown): unknown => (typeof v !== 'string' ? v : letterCase === 'lower' ? v.toLowerCase() : v.toUpperCase());
  return {
    ...g, label: `${g.label} (${letterCase} case, from a CHECK)`,
    next: (rng, ctx) => to(g.next(rng, ctx)),
    domainValue: g.domainValue ? (i) => to(g.domainValue!(i)) : undefined,
    disambiguate: g.disambiguate ? (v, n) => to(g.disambiguate!(v, n)) : undefined,
  };
}

/** Bytes of the length a CHECK asks (`length(noise_key) = 32`, a key or a signature of a fixed
 *  size): the rule's bytes cut, or made longer with more random ones (repeated, where a unique
 *  key's suffix has no draw to take them from). */
function binaryLength(g: Generator, column: ColumnInfo, hint: ColumnHint): Generator {
  const min = Math.max(0, hint.minLength ?? 0);
  const max = hint.maxLength ?? Infinity;
  if (min > max) throw new EmptyDomainError(column.name, `its CHECKs ask for between ${min} and ${max} bytes`);
  if (min > MAX_TEXT) throw new EmptyDomainError(column.name, `its CHECKs ask for at least ${min.toLocaleString('en-US')} bytes; Seedbed writes at most ${MAX_TEXT.toLocaleString('en-US')} per value`, true);
  const fit = (v: unknown, rng?: Rng): unknown => {
    if (!(v instanceof Uint8Array) || (v.length >= min && v.length <= max)) return v;
    if (v.length > max) return Buffer.from(v.subarray(0, max));
    const out = Buffer.alloc(min);
    out.set(v);
    for (let i = v.length; i < min; i++) out[i] = rng ? rng.int(0, 255) : v.length ? v[i % v.length] : 0;
    return out;
  };
  return {
    ...g,
    label: `${g.label} (${min === max ? min : `${min}–${max === Infinity ? 'more' : max}`} bytes)`,
    next: (rng, ctx) => fit(g.next(rng, ctx), rng),
    domainValue: g.domainValue ? (i) => fit(g.domainValue!(i)) : undefined,
    disambiguate: g.disambiguate ? (v, n) => fit(g.disambiguate!(v, n)) : undefined,
  };
}

function excluding(g: Generator, notIn: unknown[]): Generator {
  const bad = new Set(notIn.map((v) => String(v)));
  return {
    ...g,
    next: (rng, ctx) => {
      for (let i = 0; i < 50; i++) {
        const v = g.next(rng, ctx);
        if (!bad.has(String(v))) return v;
      }
      return g.disambiguate ? g.disambiguate(g.next(rng, ctx), 1) : g.next(rng, ctx);
    },
    domainSize: undefined,
    domainValue: undefined,
  };
}

const DAY = 86_400_000;

/** Dates inside the CHECK's window (`d >= '2007-01-01' AND d < '2007-02-01'`, typical of range
 *  partitions): the rule's date where it falls inside, else a uniform one inside. */
function dateWindow(g: Generator, column: ColumnInfo, hint: ColumnHint): Generator {
  const step = column.kind === 'date' ? DAY : 1000;
  let lo = hint.minDate;
  let hi = hint.maxDate;
  if (lo !== undefined) lo = Math.ceil((lo + (hint.minDateExclusive ? 1 : 0)) / step) * step;
  if (hi !== undefined) hi = Math.floor((hi - (hint.maxDateExclusive ? 1 : 0)) / step) * step;
  lo ??= hi! - 365 * DAY;
  hi ??= lo + 365 * DAY;
  if (lo > hi) throw new EmptyDomainError(column.name, 'its CHECKs allow no date');
  const from = lo;
  const steps = Math.floor((hi - lo) / step);
  const format = column.kind === 'date' ? formatDate : formatDateTime;
  return {
    label: g.label,
    next: (rng, ctx) => {
      const v = g.next(rng, ctx);
      const ms = typeof v === 'string' ? parseDateTime(v) : NaN;
      if (ms >= from && ms <= hi!) return v;
      return format(from + rng.int(0, steps) * step);
    },
    disambiguate: g.disambiguate,
  };
}
