// SQL value semantics shared by the evaluator and the hint extractor:
// conversions, three-valued truth, and comparison that follows SQLite's
// ordering (NULL < numbers < text < blob) with numeric coercion of
// numeric-looking text when the other side is a number.
import { parseDateTime } from './dates.ts';
import { Interval, parseInterval } from './intervals.ts';

export type SqlValue = string | number | bigint | boolean | null | Uint8Array | Interval | SqlValue[];
export type Dialect = 'sqlite' | 'postgres';

export class CheckEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckEvalError';
  }
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const NUMERIC_PREFIX = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const utf8 = new TextDecoder();

/** The number a text spells, or null when it is not exactly a number. */
export function numericFromText(s: string): number | bigint | null {
  if (!NUMERIC_TEXT.test(s)) return null;
  const t = s.trim();
  if (/^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : BigInt(t);
  }
  return Number(t);
}

export function toNumber(v: SqlValue, dialect: Dialect): number | bigint | null {
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) throw new CheckEvalError('cannot use an array as a number');
  if (v instanceof Interval) throw new CheckEvalError('cannot use an interval as a number');
  const s = typeof v === 'string' ? v : utf8.decode(v);
  const exact = numericFromText(s);
  if (exact !== null) return exact;
  // PostgreSQL rejects such text; SQLite reads the longest numeric prefix, else 0.
  if (dialect === 'postgres') throw new CheckEvalError(`invalid number: ${JSON.stringify(s)}`);
  const m = NUMERIC_PREFIX.exec(s);
  return m ? (numericFromText(m[0]) ?? 0) : 0;
}

export function formatNumber(n: number | bigint): string {
  return typeof n === 'bigint' ? n.toString() : String(n);
}

export function toText(v: SqlValue, dialect: Dialect): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  if (typeof v === 'boolean') return dialect === 'postgres' ? String(v) : v ? '1' : '0';
  if (Array.isArray(v)) return `{${v.map((x) => (x === null ? 'NULL' : JSON.stringify(toText(x, dialect)))).join(',')}}`;
  if (v instanceof Interval) return v.toString();
  return utf8.decode(v);
}

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', 'off', '0']);

/** SQL truthiness: numbers are true when non-zero (SQLite); PG boolean words accepted. */
export function toBool(v: SqlValue, dialect: Dialect): boolean | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') {
    const w = boolWord(v);
    if (w !== null) return w;
  }
  if (dialect === 'postgres' || v instanceof Interval) throw new CheckEvalError(`invalid boolean: ${JSON.stringify(v)}`);
  const n = toNumber(v, dialect);
  return n !== null && n != 0;
}

export function boolWord(s: string): boolean | null {
  const w = s.trim().toLowerCase();
  return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : null;
}

export function isNumber(v: SqlValue): v is number | bigint | boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

function cmpNum(a: number | bigint, b: number | bigint): number | null {
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return a < b ? -1 : a > b ? 1 : 0; // < and > are exact across number/bigint
}

function cmpText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(v: SqlValue): number {
  if (isNumber(v)) return 1;
  if (typeof v === 'string') return 2;
  if (Array.isArray(v)) return 4;
  return 3;
}

export type CompareOptions = { dialect: Dialect; nocase?: boolean };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** -1/0/1, or null when either side is NULL (SQL comparison semantics). */
export function compare(a: SqlValue, b: SqlValue, opts: CompareOptions): number | null {
  if (a === null || b === null) return null;
  // Intervals order by their length (a month is 30 days); an interval column's text is read as one.
  if (a instanceof Interval || b instanceof Interval) {
    const x = a instanceof Interval ? a : typeof a === 'string' ? parseInterval(a) : null;
    const y = b instanceof Interval ? b : typeof b === 'string' ? parseInterval(b) : null;
    if (!x || !y) throw new CheckEvalError('cannot compare an interval with that value');
    return cmpNum(x.total, y.total);
  }
  // PostgreSQL reads 't', 'yes', ... as booleans when compared with one.
  if (typeof a === 'boolean' && typeof b === 'string') b = boolWord(b) ?? b;
  if (typeof b === 'boolean' && typeof a === 'string') a = boolWord(a) ?? a;
  if (isNumber(a) && isNumber(b)) return cmpNum(num(a), num(b));
  if (isNumber(a) && typeof b === 'string') {
    const n = numericFromText(b);
    return n === null ? -1 : cmpNum(num(a), n);
  }
  if (typeof a === 'string' && isNumber(b)) {
    const n = numericFromText(a);
    return n === null ? 1 : cmpNum(n, num(b));
  }
  if (typeof a === 'string' && typeof b === 'string') {
    // PostgreSQL compares typed date/timestamp values chronologically, so
    // '2020-01-01' equals '2020-01-01 00:00:00' there; SQLite compares text.
    // Two dates written alike (YYYY-MM-DD) order as their text does, valid or not (an invalid one
    // is compared as text below anyway): no parsing, which cost ≈10 ms of a 200k-row run's CHECKs.
    if (opts.dialect === 'postgres' && !(a.length === 10 && b.length === 10 && ISO_DATE.test(a) && ISO_DATE.test(b))) {
      const da = parseDateTime(a);
      const db = da && parseDateTime(b);
      if (da && db) return cmpNum(da.ms, db.ms);
    }
    return opts.nocase ? cmpText(asciiLower(a), asciiLower(b)) : cmpText(a, b);
  }
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return cmpNum(a.length, b.length);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i], b[i], opts);
      if (c !== 0) return c;
    }
    return cmpNum(a.length, b.length);
  }
  return cmpNum(rank(a), rank(b));
}

function num(v: number | bigint | boolean): number | bigint {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** SQLite's NOCASE and LIKE fold only ASCII letters. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Parses PostgreSQL array text such as {a,"b c",NULL} into an array of text. */
export function parsePgArray(s: string): SqlValue[] {
  let i = 0;
  const fail = (): never => { throw new CheckEvalError(`malformed array literal: ${JSON.stringify(s)}`); };
  const parse = (): SqlValue[] => {
    if (s[i] !== '{') fail();
    i++;
    const out: SqlValue[] = [];
    if (s[i] === '}') { i++; return out; }
    for (;;) {
      while (s[i] === ' ') i++;
      if (s[i] === '{') out.push(parse());
      else if (s[i] === '"') {
        let v = '';
        i++;
        while (i < s.length && s[i] !== '"') { if (s[i] === '\\') i++; v += s[i++]; }
        if (s[i++] !== '"') fail();
        out.push(v);
      } else {
        const m = /^[^,}]*/.exec(s.slice(i))!;
        i += m[0].length;
        const v = m[0].trim();
        out.push(v.toUpperCase() === 'NULL' ? null : v.replace(/\\(.)/g, '$1'));
      }
      while (s[i] === ' ') i++;
      if (s[i] === ',') { i++; continue; }
      if (s[i] === '}') { i++; return out; }
      fail();
    }
  };
  const result = parse();
  if (s.slice(i).trim() !== '') fail();
  return result;
}
