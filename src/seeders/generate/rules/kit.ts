import type { ColumnInfo, ValueKind } from '../../schema/model.ts';
import { EPOCH_END, EPOCH_START, formatDate, formatDateTime, parseDateTime } from '../format.ts';
import { numberRange, type Generator } from '../generator.ts';
import type { Rng } from '../prng.ts';
import { localName, snake } from '../../names.ts';

export { localName, snake };

// The toolkit every rule file uses: the Rule shape, kind lists, table-context patterns and
// small generator builders. Everything here runs once per column (at plan time) except the
// `next` closures, which run once per value and are kept allocation-light.

export interface ColumnFacts {
  table: string;
  column: ColumnInfo;
}

export interface Rule {
  /** Stable name, shown by `plan` and used to override the rule from the config. */
  id: string;
  /** Matched against the snake_case column name (`BillingCity` → `billing_city`). */
  column: RegExp;
  /** Optional context: matched against the snake_case table name. */
  table?: RegExp;
  /** Value kinds the rule applies to (see schema/types.ts). */
  kinds: readonly ValueKind[];
  /** Builds the column's generator, once per column. */
  make: (f: ColumnFacts) => Generator;
  /** Rules are tried by priority (high first), then in file order. Default: 1 with a table context, else 0. */
  priority?: number;
  /** Share of NULLs when the column is nullable, where real data is sparse (most rows have no
   *  remark); default NULL_RATE. The config's nullRate (global or per column) overrides it. */
  nullRate?: number;
  /** One line for docs/rules.md. */
  doc: string;
  /** A column this rule is meant for, as `table.column TYPE` (the docs draw its example from it,
   *  and a test checks that the rule really wins it). */
  example: string;
}

export const TEXT: readonly ValueKind[] = ['text'];
export const INT: readonly ValueKind[] = ['integer', 'bigint'];
export const NUM: readonly ValueKind[] = ['integer', 'bigint', 'decimal', 'real'];
export const FRACTION: readonly ValueKind[] = ['decimal', 'real'];
export const BOOL: readonly ValueKind[] = ['boolean', 'integer'];
/** Timestamps: text dates, native dates, and integer epochs (seconds; bigint: milliseconds). */
export const WHEN: readonly ValueKind[] = ['datetime', 'date', 'text', 'integer', 'bigint'];
export const JSONK: readonly ValueKind[] = ['json'];

export const DAY = 86400000;
export const YEAR = 365.2425 * DAY;
/** "Today" for ages and expiry dates: the end of the fixed window (never the wall clock). */
export const REFERENCE_DATE = EPOCH_END;
export { EPOCH_END, EPOCH_START };

/** Column pattern: the whole name is one of `names` (regex alternatives allowed). */
export function exact(...names: string[]): RegExp {
  return new RegExp(`^(${names.join('|')})$`);
}
/** Column pattern: the name is, or ends with `_` + , one of `names`. */
export function ends(...names: string[]): RegExp {
  return new RegExp(`(^|_)(${names.join('|')})$`);
}

/** A table-name pattern: the table's last word is one of `words` (regex alternatives). */
export function tables(...words: string[]): RegExp {
  return new RegExp(`(^|_)(${words.join('|')})$`);
}

/** Tables whose rows are people, by role (last word of the table name). */
export const STUDENT_TABLES = tables('students?', 'pupils?', 'learners?', 'child(ren)?', 'kids?', 'trainees?');
/** Tables of an organisation's own staff (one country, a few offices, complete HR records). */
export const STAFF_TABLES = tables('employees?', 'staff', 'staffs', 'staff_members?', 'personnel', 'workers?', 'team_members?', 'agents?');
export const ADULT_TABLES = tables('staff', 'staffs', 'teachers?', 'educational_teachers?', 'employees?', 'instructors?', 'parents?', 'guardians?', 'coaches', 'coach', 'trainers?', 'faculty', 'lecturers?', 'tutors?', 'managers?', 'admins?', 'administrators?', 'doctors?', 'nurses?', 'principals?');
export const PERSON_TABLES = tables(
  'users?', 'students?', 'pupils?', 'learners?', 'child(ren)?', 'staff', 'staffs', 'teachers?', 'educational_teachers?', 'employees?', 'instructors?',
  'persons?', 'people', 'customers?', 'members?', 'guardians?', 'parents?', 'contacts?', 'authors?', 'actors?', 'profiles?', 'patients?',
  'players?', 'athletes?', 'coaches', 'coach', 'trainers?', 'clients?', 'accounts?', 'participants?', 'attendees?', 'speakers?', 'lecturers?',
  'tutors?', 'doctors?', 'nurses?', 'drivers?', 'volunteers?', 'emergency_contacts?', 'dashboard_users?', 'recipients?', 'subscribers?',
);

// ── Generator builders ───────────────────────────────────────────────────────────────────

type Next = (rng: Rng) => unknown;

/** A colliding text gets a suffix: "Anna Smith" → "Anna Smith 2"; emails keep their domain. */
export function suffix(value: unknown, n: number): unknown {
  if (typeof value !== 'string') return value;
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, at)}${n + 1}${value.slice(at)}`;
  return `${value} ${n + 1}`;
}
/** For identifiers without spaces: "INV-0042" → "INV-0042-2", "jsmith" → "jsmith2". */
export const dashSuffix = (value: unknown, n: number): unknown => (typeof value === 'string' ? `${value}-${n + 1}` : value);
export const plainSuffix = (value: unknown, n: number): unknown => (typeof value === 'string' ? `${value}${n + 1}` : value);

/** An open-ended generator (no finite domain); collisions get `dis` (default: " 2"). */
export function gen(next: Next, dis: (v: unknown, n: number) => unknown = suffix): Generator {
  return { label: '', next, disambiguate: dis };
}

/** A `make` for a text maker: values longer than the column are cut at a word boundary. */
export function fitted(make: (r: Rng) => string, dis?: (v: unknown, n: number) => unknown): (f: ColumnFacts) => Generator {
  return (f) => {
    const max = maxLen(f);
    if (max === Infinity) return gen(make, dis);
    return gen((r) => { const s = make(r); return s.length <= max ? s : clip(s, max); }, dis);
  };
}

/** Picks from a pool, keeping only the values that fit the column's length. */
export function pool(f: ColumnFacts, values: readonly string[], dis?: (v: unknown, n: number) => unknown): Generator {
  const xs = fit(f, values);
  const n = xs.length;
  return { ...gen((r) => xs[Math.floor(r.float() * n)], dis), values: xs };
}

/** A finite set of values (statuses, genders, codes): the planner may enumerate it. */
export function choice(f: ColumnFacts, values: readonly unknown[]): Generator {
  const xs = typeof values[0] === 'string' ? fit(f, values as readonly string[]) : values;
  const n = xs.length;
  return { label: '', next: (r) => xs[Math.floor(r.float() * n)], domainSize: n, domainValue: (i) => xs[i], range: numberRange(xs) };
}

/** A ladder of values (price points) where each step up is rarer: value i has weight 1/(i+1)
 *  (0.99 in about 44 % of five points, 4.99 in 9 %); the domain is the whole ladder. */
export function tiered(f: ColumnFacts, values: readonly unknown[]): Generator {
  const g = choice(f, values);
  const n = g.domainSize!;
  const cum: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) cum.push((t += 1 / (i + 1)));
  g.next = (r) => { const x = r.float() * t; let i = 0; while (i < n - 1 && cum[i] <= x) i++; return g.domainValue!(i); };
  return g;
}

/** A ladder where the first value dominates (a catalogue's typical price: most items cost the
 *  same): the first in `pFirst` of rows, the rest tiered (1/i) below it. */
export function dominant(f: ColumnFacts, values: readonly unknown[], pFirst: number): Generator {
  const g = tiered(f, values.slice(1));
  const rest = g.next;
  const all = choice(f, values);
  if (all.domainSize! < 2 || all.domainValue!(0) !== values[0]) return all;
  const first = values[0];
  return { ...all, next: (r, ctx) => (r.float() < pFirst ? first : rest(r, ctx)) };
}

/** A finite set where the first value is the most common (e.g. "present" in attendance). */
export function weighted(f: ColumnFacts, values: readonly string[], pFirst: number): Generator {
  const g = choice(f, values);
  const n = g.domainSize!;
  if (n > 1 && g.domainValue!(0) === values[0]) {
    const first = values[0];
    g.next = (r) => (r.float() < pFirst ? first : g.domainValue!(1 + Math.floor(r.float() * (n - 1))));
  }
  return g;
}

/** The values of `values` no longer than the column allows; if none fits, their cut-down forms. */
export function fit(f: ColumnFacts, values: readonly string[]): readonly string[] {
  const max = f.column.length;
  if (!max) return values;
  const ok = values.filter((v) => v.length <= max);
  if (ok.length) return ok;
  return [...new Set(values.map((v) => v.slice(0, max).trimEnd()))];
}

/** Longest text the column takes (Infinity when unbounded). */
export const maxLen = (f: ColumnFacts): number => f.column.length ?? Infinity;

/** A boolean column, or 0/1 in an integer one; `pTrue` is how often it is true. */
export function flag(f: ColumnFacts, pTrue = 0.5): Generator {
  const [t, no] = f.column.kind === 'boolean' ? [true, false] : [1, 0];
  return { label: '', next: (r) => (r.float() < pTrue ? t : no), domainSize: 2, domainValue: (i) => (i === 0 ? t : no) };
}

/** Whole numbers min..max (uniform). The planner and CHECK narrowing can enumerate it. */
export function int(min: number, max: number): Generator {
  return { label: '', next: (r) => r.int(min, max), domainSize: max - min + 1, domainValue: (i) => min + i, range: [min, max] };
}

/** Whole numbers min..max, mostly small (cubic skew: about half are in the lowest fifth). */
export function skewInt(min: number, max: number): Generator {
  const g = int(min, max);
  const span = max - min + 1;
  g.next = (r) => { const u = r.float(); return min + Math.floor(span * u * u * u); };
  return g;
}

/** Whole numbers min..max where each is `p` times as likely as the one before (geometric):
 *  p = 0.45 gives min in 55 % of rows, min + 1 in 25 %, min + 2 in 11 %. */
export function geometricInt(min: number, max: number, p: number): Generator {
  const g = int(min, max);
  const lp = Math.log(p);
  g.next = (r) => Math.min(max, min + Math.floor(Math.log(1 - r.float()) / lp));
  return g;
}

/**
 * A number in [min, max] with `decimals` decimals, adapted to the column: whole numbers in
 * integer columns, at most `scale` decimals in numeric(p, s), and inside the precision's range.
 */
export function num(f: ColumnFacts, min: number, max: number, decimals = 2): Generator {
  const c = f.column;
  let dec = decimals;
  if (c.kind === 'integer' || c.kind === 'bigint') dec = 0;
  else if (c.kind === 'decimal' && c.scale !== undefined) dec = Math.min(dec, c.scale);
  if (c.precision) {
    const lim = 10 ** (c.precision - (c.scale ?? 0)) - 10 ** -(c.scale ?? 0);
    max = Math.min(max, lim);
    min = Math.max(min, -lim);
    if (min > max) min = max;
  }
  if (dec === 0) return int(Math.ceil(min), Math.floor(max));
  const k = 10 ** dec;
  const span = max - min;
  return gen((r) => Math.round((min + r.float() * span) * k) / k, keep);
}

/** Numbers are not made unique by suffixing. */
const keep = (v: unknown) => v;

/** A whole number with a log-uniform spread (sizes, counts): many small, a few large. */
export function logInt(f: ColumnFacts, min: number, max: number): Generator {
  const lo = Math.log(Math.max(1, min));
  const span = Math.log(max) - lo;
  const dec = f.column.kind === 'real' || f.column.kind === 'decimal';
  return gen((r) => {
    const v = Math.exp(lo + r.float() * span);
    return dec ? Math.round(v * 100) / 100 : Math.round(v);
  }, keep);
}

// ── Text helpers ─────────────────────────────────────────────────────────────────────────

const DIGIT_POW = Array.from({ length: 10 }, (_, i) => 10 ** i);
/** n random decimal digits, zero-padded (built from ≤ 9-digit chunks: small integers print fast). */
export function digits(r: Rng, n: number): string {
  let s = '';
  while (n > 9) { s += String(r.int(0, 999_999_999)).padStart(9, '0'); n -= 9; }
  return s + String(r.int(0, DIGIT_POW[n] - 1)).padStart(n, '0');
}
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** n upper-case letters/digits without look-alikes (no 0/O, 1/I). */
export function alnum(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[r.next32() & 31];
  return s;
}
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** n upper-case letters A–Z. */
export function letters(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += UPPER[r.int(0, 25)];
  return s;
}
/** Two hex digits per byte value: no Number#toString(16) per value (it is slow). */
const HEX1 = '0123456789abcdef';
const HEX2 = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));
const hex8 = (x: number) => HEX2[x >>> 24] + HEX2[(x >>> 16) & 255] + HEX2[(x >>> 8) & 255] + HEX2[x & 255];
/** n random lower-case hex digits. */
export function hex(r: Rng, n: number): string {
  let s = '';
  while (s.length < n) s += hex8(r.next32());
  return s.length === n ? s : s.slice(0, n);
}
/** A random UUID v4 string (version and variant bits set). */
export function uuid4(r: Rng): string {
  const a = r.next32(), b = r.next32(), c = r.next32(), d = r.next32();
  return `${hex8(a)}-${HEX2[b >>> 24]}${HEX2[(b >>> 16) & 255]}-4${HEX1[(b >>> 8) & 15]}${HEX2[b & 255]}-${HEX2[0x80 | ((c >>> 24) & 0x3f)]}${HEX2[(c >>> 16) & 255]}-${HEX2[(c >>> 8) & 255]}${HEX2[c & 255]}${hex8(d)}`;
}
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** n letters/digits, mixed case (provider-style ids). */
export function base62(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B62[r.int(0, 61)];
  return s;
}
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export function base64url(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += B64URL[r.next32() & 63];
  return s;
}
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r.float() * xs.length)];
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const titleCase = (s: string): string => s.replace(/(^|[\s-])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());

/** `to` shorter than `max`: cut at a word boundary when possible. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return (sp > max / 2 ? cut.slice(0, sp) : cut).replace(/[\s,;:-]+$/, '');
}

/** Table name → readable singular noun: `sport_teams` → "sport team". */
export function tableNoun(table: string): string {
  return singular(snake(localName(table))).replace(/_/g, ' ');
}

/** `auth.users` → `users`: the table without its schema. */

/** Initials of the table's words, for reference codes: `fee_payments` → "FP". */
export function tablePrefix(table: string, max = 3): string {
  const p = snake(localName(table)).split('_').filter(Boolean).map((w) => w[0]).join('').toUpperCase().slice(0, max);
  return p || 'X';
}


export function singular(table: string): string {
  const t = snake(table);
  if (t.endsWith('people')) return t.slice(0, -6) + 'person';
  if (t.endsWith('children')) return t.slice(0, -8) + 'child';
  if (t.endsWith('ies')) return t.slice(0, -3) + 'y';
  if (t.endsWith('sses') || t.endsWith('ches') || t.endsWith('shes') || t.endsWith('xes')) return t.slice(0, -2);
  if (t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us') && !t.endsWith('is')) return t.slice(0, -1);
  return t;
}

// ── Dates ────────────────────────────────────────────────────────────────────────────────

const P2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const DAY0 = Date.UTC(1900, 0, 1) / DAY;
const dayCache: string[] = [];
/** 'YYYY-MM-DD' of an epoch-ms instant (cached per day: no Date object per value). */
export function dateText(ms: number): string {
  const day = Math.floor(ms / DAY);
  const i = day - DAY0;
  if (i < 0 || i > 73000) return formatDate(ms);
  return (dayCache[i] ??= formatDate(day * DAY));
}
/** 'YYYY-MM-DD HH:MM:SS' (same text as format.ts formatDateTime, faster). */
export function dateTimeText(ms: number): string {
  const day = Math.floor(ms / DAY);
  const sec = Math.floor((ms - day * DAY) / 1000);
  return `${dateText(ms)} ${P2[(sec / 3600) | 0]}:${P2[((sec / 60) | 0) % 60]}:${P2[sec % 60]}`;
}
/** 'HH:MM:SS' of seconds since midnight. */
export function clockText(sec: number): string {
  return `${P2[(sec / 3600) | 0]}:${P2[((sec / 60) | 0) % 60]}:${P2[sec % 60]}`;
}

const DATE_NAME = /(^|_)(date|dob|birthday|day|on|until_date)$|_date_|^date_/;

/**
 * An instant in [from, to), written the way the column stores time: 'YYYY-MM-DD' for DATE and
 * date-named text, 'YYYY-MM-DD HH:MM:SS' for timestamps, epoch seconds (INTEGER; REAL with
 * milliseconds) or ms (BIGINT).
 */
export function when(f: ColumnFacts, from: number, to: number): Generator {
  const span = to - from;
  const kind = f.column.kind;
  const name = snake(f.column.name);
  if (kind === 'integer') return gen((r) => Math.floor((from + r.float() * span) / 1000), (v, n) => (v as number) + n);
  if (kind === 'bigint') return gen((r) => Math.floor(from + r.float() * span), (v, n) => (v as number) + n * 1000);
  if (kind === 'real') return gen((r) => Math.floor(from + r.float() * span) / 1000, (v, n) => (v as number) + n);
  if (kind === 'time') return gen((r) => clockText(r.int(6 * 3600, 21 * 3600)));
  if (kind === 'date' || (kind === 'text' && (DATE_NAME.test(name) || maxLen(f) < 19))) {
    const days = Math.max(1, Math.floor(span / DAY));
    // A finite domain (one value per day): unique keys such as (student_id, date) are then sampled
    // as distinct combinations, in index order, instead of drawn and re-drawn on collisions.
    const g = gen((r) => dateText(from + Math.floor(r.float() * days) * DAY), shiftDays);
    g.domainSize = days;
    g.domainValue = (i) => dateText(from + i * DAY);
    return g;
  }
  if (kind === 'datetime' && DATE_NAME.test(name)) {
    // A timestamp column named for a day (order_date, birth_date, hired_on) holds midnight, as
    // real rows of such columns do; `_at`, `_time` and `timestamp` names keep the time of day.
    const days = Math.max(1, Math.floor(span / DAY));
    return gen((r) => `${dateText(from + Math.floor(r.float() * days) * DAY)} 00:00:00`, (v, n) => { const d = shiftDays(v, n); return typeof d === 'string' && d.length === 10 ? `${d} 00:00:00` : d; });
  }
  return gen((r) => dateTimeText(from + Math.floor(r.float() * span)), shiftSeconds);
}

function shiftDays(v: unknown, n: number): unknown {
  if (typeof v !== 'string') return v;
  const ms = parseDateTime(v);
  return Number.isNaN(ms) ? v : formatDate(ms + n * DAY);
}
function shiftSeconds(v: unknown, n: number): unknown {
  if (typeof v !== 'string') return v;
  const ms = parseDateTime(v);
  return Number.isNaN(ms) ? v : formatDateTime(ms + n * 1000);
}
