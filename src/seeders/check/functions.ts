// Scalar functions seen in CHECK constraints, SQLite and PostgreSQL flavours.
// Arguments arrive evaluated; most functions return NULL for a NULL input.
import { applyModifier, datePart, formatDate, formatDateTime, formatTime, fromJulianDay, julianDay, parseDateTime, strftime } from './dates.ts';
import { compileRegex, posixToJsRegexSource, similarToRegexSource } from './patterns.ts';
import { epochOf, Interval } from './intervals.ts';
import { CheckEvalError, compare, parsePgArray, toBool, toNumber, toText } from './values.ts';
import type { Dialect, SqlValue } from './values.ts';

export type FnContext = { now: Date; dialect: Dialect };
type Fn = (args: SqlValue[], ctx: FnContext) => SqlValue;

const utf8 = new TextEncoder();

function arity(name: string, args: SqlValue[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new CheckEvalError(`${name}() takes ${min === max ? min : `${min}-${max}`} arguments, got ${args.length}`);
}

/** Wraps a function so that any NULL argument makes the result NULL. */
function strict(min: number, max: number, fn: Fn): Fn {
  return (args, ctx) => (args.length >= min && args.length <= max && args.includes(null) ? null : fn(args, ctx));
}

const text = (v: SqlValue, ctx: FnContext): string => toText(v, ctx.dialect) ?? '';
const number = (v: SqlValue, ctx: FnContext): number => Number(toNumber(v, ctx.dialect) ?? 0);
const chars = (s: string): string[] => [...s];

function length(v: SqlValue, ctx: FnContext): number {
  if (v instanceof Uint8Array) return v.length;
  return chars(text(v, ctx)).length;
}

function trimChars(s: string, set: string | null, left: boolean, right: boolean): string {
  const cs = chars(s);
  const drop = set === null ? (c: string) => c === ' ' : (c: string) => set.includes(c);
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && drop(cs[a])) a++;
  if (right) while (b > a && drop(cs[b - 1])) b--;
  return cs.slice(a, b).join('');
}

// SQLite substr(), transcribed from substrFunc in SQLite's func.c: 1-based,
// negative start counts from the end, negative length takes characters before start.
function substrSqlite(s: string, start: number, len: number | null): string {
  const cs = chars(s);
  let p1 = Math.trunc(start);
  let p2 = len === null ? cs.length : Math.trunc(len);
  const negP2 = p2 < 0;
  if (negP2) p2 = -p2;
  if (p1 < 0) {
    p1 += cs.length;
    if (p1 < 0) { p2 = Math.max(0, p2 + p1); p1 = 0; }
  } else if (p1 > 0) p1--;
  else if (p2 > 0) p2--;
  if (negP2) {
    p1 -= p2;
    if (p1 < 0) { p2 += p1; p1 = 0; }
  }
  if (p1 + p2 > cs.length) p2 = Math.max(0, cs.length - p1);
  return cs.slice(p1, p1 + p2).join('');
}

// PostgreSQL substring(): positions before 1 are simply cut off.
function substrPg(s: string, start: number, len: number | null): string {
  if (len !== null && len < 0) throw new CheckEvalError('negative substring length not allowed');
  const cs = chars(s);
  const end = len === null ? cs.length : start + len - 1;
  return cs.slice(Math.max(start, 1) - 1, Math.max(0, end)).join('');
}

function roundAway(x: number, digits: number, decimal: boolean): number {
  const f = 10 ** digits;
  // PostgreSQL's numeric is decimal: 147.95 * 0.5 is 73.975 there (73.97499999999999 as a
  // double), which rounds to 73.98; 15 significant digits first give that. SQLite rounds the double.
  const scaled = Math.abs(x) * f;
  return (Math.sign(x) * Math.round((decimal ? Number(scaled.toPrecision(15)) : scaled) + Number.EPSILON)) / f;
}

/** Epoch ms for a date argument: ISO-ish text, 'now', or a julian day number (SQLite). */
export function toMillis(v: SqlValue, ctx: FnContext): number | null {
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return fromJulianDay(Number(v));
  const s = text(v, ctx);
  if (s.trim().toLowerCase() === 'now') return ctx.now.getTime();
  return parseDateTime(s)?.ms ?? null;
}

function sqliteDate(format: (ms: number) => SqlValue): Fn {
  return (args, ctx) => {
    if (args.length === 0) args = ['now'];
    if (args.includes(null)) return null;
    let ms = toMillis(args[0], ctx);
    for (const mod of args.slice(1)) {
      if (ms === null) return null;
      const m = text(mod, ctx).trim().toLowerCase();
      ms = m === 'unixepoch' ? Number(toNumber(args[0], ctx.dialect)) * 1000 : applyModifier(ms, m);
    }
    return ms === null ? null : format(ms);
  };
}

function toArray(v: SqlValue): SqlValue[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return parsePgArray(v);
  throw new CheckEvalError('expected an array');
}

function extremum(sign: 1 | -1, skipNulls: boolean): Fn {
  return (args, ctx) => {
    let best: SqlValue = null;
    for (const a of args) {
      if (a === null) { if (skipNulls) continue; return null; }
      if (best === null || (compare(a, best, ctx) ?? 0) * sign > 0) best = a;
    }
    return best;
  };
}

function typeofSqlite(v: SqlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint' || typeof v === 'boolean') return 'integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
  if (typeof v === 'string') return 'text';
  return 'blob';
}

export const FUNCTIONS: Record<string, Fn> = {
  length: strict(1, 1, ([s], ctx) => length(s, ctx)),
  char_length: strict(1, 1, ([s], ctx) => length(s, ctx)),
  character_length: strict(1, 1, ([s], ctx) => length(s, ctx)),
  octet_length: strict(1, 1, ([s], ctx) => (s instanceof Uint8Array ? s.length : utf8.encode(text(s, ctx)).length)),
  lower: strict(1, 1, ([s], ctx) => text(s, ctx).toLowerCase()),
  upper: strict(1, 1, ([s], ctx) => text(s, ctx).toUpperCase()),
  trim: strict(1, 2, ([s, c], ctx) => trimChars(text(s, ctx), c === undefined ? null : text(c, ctx), true, true)),
  btrim: strict(1, 2, ([s, c], ctx) => trimChars(text(s, ctx), c === undefined ? null : text(c, ctx), true, true)),
  ltrim: strict(1, 2, ([s, c], ctx) => trimChars(text(s, ctx), c === undefined ? null : text(c, ctx), true, false)),
  rtrim: strict(1, 2, ([s, c], ctx) => trimChars(text(s, ctx), c === undefined ? null : text(c, ctx), false, true)),
  replace: strict(3, 3, ([s, a, b], ctx) => { const f = text(a, ctx); return f === '' ? text(s, ctx) : text(s, ctx).split(f).join(text(b, ctx)); }),
  reverse: strict(1, 1, ([s], ctx) => chars(text(s, ctx)).reverse().join('')),
  left: strict(2, 2, ([s, n], ctx) => { const cs = chars(text(s, ctx)); const k = number(n, ctx); return cs.slice(0, k < 0 ? Math.max(0, cs.length + k) : k).join(''); }),
  right: strict(2, 2, ([s, n], ctx) => { const cs = chars(text(s, ctx)); const k = number(n, ctx); return (k < 0 ? cs.slice(-k) : k === 0 ? [] : cs.slice(-k)).join(''); }),
  concat: (args, ctx) => args.map((a) => (a === null ? '' : text(a, ctx))).join(''),
  substr: (args, ctx) => FUNCTIONS.substring(args, ctx),
  substring: (args, ctx) => {
    arity('substring', args, 2, 3);
    if (args.includes(null)) return null;
    const s = text(args[0], ctx);
    // PostgreSQL substring(text, pattern): the first match (or its first group).
    if (ctx.dialect === 'postgres' && args.length === 2 && typeof args[1] === 'string' && toNumberOrNull(args[1]) === null) {
      const m = compileRegex(posixToJsRegexSource(args[1]), '', (e) => new CheckEvalError(e)).exec(s);
      return m ? (m.length > 1 ? (m[1] ?? null) : m[0]) : null;
    }
    const len = args.length === 3 ? number(args[2], ctx) : null;
    return ctx.dialect === 'postgres' ? substrPg(s, number(args[1], ctx), len) : substrSqlite(s, number(args[1], ctx), len);
  },
  instr: strict(2, 2, ([s, sub], ctx) => {
    const hay = text(s, ctx);
    const at = hay.indexOf(text(sub, ctx));
    return at < 0 ? 0 : chars(hay.slice(0, at)).length + 1;
  }),
  strpos: strict(2, 2, (args, ctx) => FUNCTIONS.instr(args, ctx)),
  abs: strict(1, 1, ([x], ctx) => { const n = toNumber(x, ctx.dialect)!; return n < 0 ? -n : n; }),
  round: strict(1, 2, ([x, d], ctx) => roundAway(number(x, ctx), d === undefined ? 0 : number(d, ctx), ctx.dialect === 'postgres')),
  floor: strict(1, 1, ([x], ctx) => Math.floor(number(x, ctx))),
  ceil: strict(1, 1, ([x], ctx) => Math.ceil(number(x, ctx))),
  ceiling: strict(1, 1, ([x], ctx) => Math.ceil(number(x, ctx))),
  trunc: strict(1, 2, ([x, d], ctx) => { const f = 10 ** (d === undefined ? 0 : number(d, ctx)); return Math.trunc(number(x, ctx) * f) / f; }),
  sign: strict(1, 1, ([x], ctx) => Math.sign(number(x, ctx))),
  mod: strict(2, 2, ([a, b], ctx) => { const d = number(b, ctx); if (d === 0) throw new CheckEvalError('division by zero'); return number(a, ctx) % d; }),
  coalesce: (args) => args.find((a) => a !== null) ?? null,
  ifnull: (args) => { arity('ifnull', args, 2); return args[0] ?? args[1]; },
  nullif: (args, ctx) => { arity('nullif', args, 2); return compare(args[0], args[1], ctx) === 0 ? null : args[0]; },
  iif: (args, ctx) => { arity('iif', args, 3); return toBool(args[0], ctx.dialect) ? args[1] : args[2]; },
  num_nonnulls: (args) => args.filter((a) => a !== null).length,
  num_nulls: (args) => args.filter((a) => a === null).length,
  typeof: (args) => { arity('typeof', args, 1); return typeofSqlite(args[0]); },
  greatest: extremum(1, true),
  least: extremum(-1, true),
  // SQLite's multi-argument min()/max() are scalar and NULL-propagating; one argument would be an aggregate.
  max: (args, ctx) => { arity('max', args, 2, Infinity); return extremum(1, false)(args, ctx); },
  min: (args, ctx) => { arity('min', args, 2, Infinity); return extremum(-1, false)(args, ctx); },
  likely: (args) => args[0] ?? null,
  unlikely: (args) => args[0] ?? null,
  likelihood: (args) => args[0] ?? null,
  json_valid: strict(1, 1, ([s], ctx) => { try { JSON.parse(text(s, ctx)); return 1; } catch { return 0; } }),
  cardinality: strict(1, 1, ([a]) => toArray(a).length),
  array_length: strict(2, 2, ([a]) => { const n = toArray(a).length; return n === 0 ? null : n; }),
  regexp_like: strict(2, 3, ([s, p, f], ctx) => compileRegex(posixToJsRegexSource(text(p, ctx)), f === undefined ? '' : text(f, ctx).replace(/[^i]/g, ''), (e) => new CheckEvalError(e)).test(text(s, ctx))),
  similar_to_escape: strict(1, 2, ([p, e], ctx) => similarToRegexSource(text(p, ctx), e === undefined ? '\\' : text(e, ctx) || null)),
  similar_escape: (args, ctx) => (args[0] === null ? null : FUNCTIONS.similar_to_escape(args.filter((a) => a !== null), ctx)),
  // SQLite date functions.
  date: sqliteDate(formatDate),
  time: sqliteDate((ms) => formatTime(ms)),
  datetime: sqliteDate((ms) => formatDateTime(ms)),
  julianday: sqliteDate(julianDay),
  unixepoch: sqliteDate((ms) => Math.floor(ms / 1000)),
  strftime: (args, ctx) => {
    if (args.length < 1 || args[0] === null) return null;
    return sqliteDate((ms) => strftime(text(args[0], ctx), ms))(args.slice(1), ctx);
  },
  // Values the caller fixes through the context.
  now: (_, ctx) => formatDateTime(ctx.now.getTime(), true),
  current_timestamp: (_, ctx) => formatDateTime(ctx.now.getTime(), ctx.dialect === 'postgres'),
  localtimestamp: (_, ctx) => formatDateTime(ctx.now.getTime(), ctx.dialect === 'postgres'),
  current_date: (_, ctx) => formatDate(ctx.now.getTime()),
  current_time: (_, ctx) => formatTime(ctx.now.getTime()),
  localtime: (_, ctx) => formatTime(ctx.now.getTime()),
  // PostgreSQL's age(): years, months and days between two times; age(x) counts from today's midnight.
  age: strict(1, 2, (args, ctx) => {
    const a = args.length === 2 ? toMillis(args[0], ctx) : Math.floor(ctx.now.getTime() / DAY) * DAY;
    const b = toMillis(args[args.length - 1], ctx);
    if (a === null || b === null) throw new CheckEvalError('age: not a date/time');
    return symbolicAge(a, b);
  }),
  // date_trunc(field, t): the start of t's unit, in UTC (seeds run with the session in UTC).
  date_trunc: strict(2, 3, ([f, v], ctx) => {
    const ms = toMillis(v, ctx);
    if (ms === null || v instanceof Interval) throw new CheckEvalError('date_trunc: not a date/time');
    const r = truncated(text(f, ctx).toLowerCase(), ms);
    if (r === null) throw new CheckEvalError(`date_trunc: unsupported field ${JSON.stringify(f)}`);
    return formatDateTime(r, true);
  }),
  // x[i]: PostgreSQL arrays count from 1 (NULL past the end); a point's x is [0], its y [1].
  array_element: strict(2, 2, ([a, i], ctx) => {
    const k = number(i, ctx);
    if (typeof a === 'string' && /^\s*\(/.test(a)) {
      const xy = a.replace(/[()\s]/g, '').split(',').map(Number);
      return xy.length === 2 && (k === 0 || k === 1) && Number.isFinite(xy[k]) ? xy[k] : null;
    }
    const arr = toArray(a);
    return Number.isInteger(k) && k >= 1 && k <= arr.length ? arr[k - 1] : null;
  }),
  make_interval: strict(0, 7, (args, ctx) => {
    const [y = 0, mo = 0, w = 0, d = 0, h = 0, mi = 0, sec = 0] = args.map((x) => number(x, ctx));
    return new Interval(Math.trunc(y * 12 + mo), Math.trunc(w * 7 + d), Math.round((h * 3600 + mi * 60 + sec) * 1000));
  }),
  // The same instant in another zone's wall time; compared with instants, the instant itself.
  timezone: strict(2, 2, ([, v]) => v),
  date_part: strict(2, 2, ([f, v], ctx) => {
    if (v instanceof Interval) return intervalPart(text(f, ctx), v);
    const ms = toMillis(v, ctx);
    if (ms === null) throw new CheckEvalError(`date_part: not a date/time: ${JSON.stringify(v)}`);
    const r = datePart(text(f, ctx), ms);
    if (r === null) throw new CheckEvalError(`date_part: unsupported field ${JSON.stringify(f)}`);
    return r;
  }),
};

const DAY = 86_400_000;

/** The start of the unit `field` that holds `ms` (date_trunc), or null for a field it does not know. */
function truncated(field: string, ms: number): number | null {
  const d = new Date(ms);
  const y = d.getUTCFullYear(), mo = d.getUTCMonth();
  const units: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, day: DAY, milliseconds: 1, microseconds: 1 };
  if (units[field]) return Math.floor(ms / units[field]) * units[field];
  switch (field) {
    case 'week': { const day = Math.floor(ms / DAY); return (day - ((day + 3) % 7 + 7) % 7) * DAY; } // ISO weeks start on Monday (1970-01-01 was a Thursday)
    case 'month': return Date.UTC(y, mo, 1);
    case 'quarter': return Date.UTC(y, mo - (mo % 3), 1);
    case 'year': return Date.UTC(y, 0, 1);
    case 'decade': return Date.UTC(Math.floor(y / 10) * 10, 0, 1);
    case 'century': return Date.UTC(Math.floor((y - 1) / 100) * 100 + 1, 0, 1);
    case 'millennium': return Date.UTC(Math.floor((y - 1) / 1000) * 1000 + 1, 0, 1);
    default: return null;
  }
}

/** age(a, b) as PostgreSQL's timestamp_age computes it: field by field, a negative field
 *  borrowing from the next (days: the length of b's month, or a's when a is earlier). */
function symbolicAge(a: number, b: number): Interval {
  const back = a < b;
  const x = new Date(a), y = new Date(b);
  const f = (d: Date) => [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() * 3_600_000 + d.getUTCMinutes() * 60_000 + d.getUTCSeconds() * 1000 + d.getUTCMilliseconds()];
  const [y1, m1, d1, t1] = f(x), [y2, m2, d2, t2] = f(y);
  const k = back ? -1 : 1;
  let years = k * (y1 - y2), months = k * (m1 - m2), days = k * (d1 - d2), ms = k * (t1 - t2);
  while (ms < 0) { ms += DAY; days--; }
  const [ly, lm] = back ? [y1, m1] : [y2, m2];
  const monthDays = new Date(Date.UTC(ly, lm + 1, 0)).getUTCDate();
  while (days < 0) { days += monthDays; months--; }
  while (months < 0) { months += 12; years--; }
  return new Interval(k * (years * 12 + months), k * days, k * ms);
}

/** EXTRACT(field FROM interval): epoch in seconds; the days and the time's fields as stored. */
function intervalPart(field: string, iv: Interval): number {
  switch (field.toLowerCase()) {
    case 'epoch': return epochOf(iv);
    case 'year': return Math.trunc(iv.months / 12);
    case 'month': return iv.months % 12;
    case 'day': return iv.days;
    case 'hour': return Math.trunc(iv.ms / 3_600_000);
    case 'minute': return Math.trunc(iv.ms / 60_000) % 60;
    case 'second': return (iv.ms % 60_000) / 1000;
    default: throw new CheckEvalError(`date_part: unsupported interval field ${JSON.stringify(field)}`);
  }
}

function toNumberOrNull(s: string): number | null {
  const t = s.trim();
  return t !== '' && !Number.isNaN(Number(t)) ? Number(t) : null;
}
