import type { ColumnInfo, ValueKind } from '../schema/model.ts';
import { formatDate, formatDateTime } from './format.ts';

// Values from seedbed.config.ts (a column function's result, a values list) checked against
// the column's type before they are written, and put in the engine's neutral form (a Date as
// the column's date text, JSON as text, a BigInt as a number). A wrong one is an error naming
// the column, instead of the driver's "SQLite3 can only bind numbers, strings…", a NaN that
// silently becomes NULL, or a 10 MB string stored in an INTEGER column. Only the columns a
// config rule fills pay for this; rule-generated values are right by construction.

/** Why a value does not fit: what it is (shown, cut short) and what the column needs. */
export class WrongValue extends Error {
  readonly shown: string;
  readonly needs: string;
  constructor(shown: string, needs: string) {
    super(`${shown} does not fit: ${needs}`);
    this.shown = shown;
    this.needs = needs;
  }
}

const WHOLE = /^\s*[+-]?\d{1,20}\s*$/;
const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
const BOOLEAN_TEXT = /^(t|f|true|false|y|n|yes|no|on|off|0|1)$/i;
const UUID = /^\{?[0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12}\}?$/i;
/** No date, time, number or UUID is longer than this. */
const SHORT = 64;

const pad = (n: number) => String(n).padStart(2, '0');

/** What a column of this kind takes, in words. */
export function needs(col: ColumnInfo): string {
  if (col.element) return `a list of ${needs(col.element).replace(/^an? /, '')}s`;
  return NEEDS[col.kind];
}

const NEEDS: Record<ValueKind, string> = {
  integer: 'a whole number',
  bigint: 'a whole number',
  real: 'a number',
  decimal: 'a number',
  boolean: 'true or false',
  text: 'a string',
  uuid: 'a UUID string',
  date: 'a date (a Date or a string like 2024-05-01)',
  time: 'a time (a string like 13:45:00)',
  datetime: 'a date and time (a Date or a string like 2024-05-01 13:45:00)',
  json: 'a JSON value (object, list, string, number or boolean)',
  blob: 'a Buffer or Uint8Array',
  unknown: 'a string, number, boolean, Date or Buffer',
};

/** A value as quoted in a message: short, whatever it is. */
export function showValue(v: unknown): string {
  switch (typeof v) {
    case 'string': return v.length > 120 ? `the string ${JSON.stringify(v.slice(0, 120))}… (${v.length.toLocaleString('en-US')} characters)` : `the string ${JSON.stringify(v)}`;
    case 'number': return Number.isNaN(v) ? 'NaN' : String(v);
    case 'bigint': return `the BigInt ${String(v).slice(0, 60)}n`;
    case 'symbol': return 'a Symbol';
    case 'function': return 'a function';
    case 'undefined': return 'undefined';
    case 'boolean': return String(v);
  }
  if (v === null) return 'null';
  if (typeof (v as { then?: unknown }).then === 'function') return 'a Promise';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : `the Date ${v.toISOString()}`;
  if (v instanceof Uint8Array) return `a ${v.length}-byte buffer`;
  let json = '';
  try { json = JSON.stringify(v) ?? ''; } catch { /* cyclic: no peek */ }
  const peek = json ? ` ${json.length > 80 ? `${json.slice(0, 80)}…` : json}` : '';
  return `${Array.isArray(v) ? 'a list' : 'an object'}${peek}`;
}

const wrong = (v: unknown, col: ColumnInfo): never => { throw new WrongValue(showValue(v), needs(col)); };

/** The value to write for `v` in `col`, or a WrongValue thrown. null and undefined pass (NULL). */
export function configValue(col: ColumnInfo, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  const kind = col.kind;
  switch (typeof v) {
    case 'string':
      if (col.element) return wrong(v, col);
      switch (kind) {
        case 'integer': case 'bigint': return WHOLE.test(v) ? v : wrong(v, col);
        case 'real': case 'decimal': return NUMERIC.test(v) ? v : wrong(v, col);
        case 'boolean': return BOOLEAN_TEXT.test(v.trim()) ? v : wrong(v, col);
        case 'uuid': return UUID.test(v.trim()) ? v : wrong(v, col);
        case 'date': case 'time': case 'datetime': return v.length <= SHORT ? v : wrong(v, col);
        case 'blob': return wrong(v, col);
        default: return v;
      }
    case 'number':
      if (!Number.isFinite(v)) return wrong(v, col);
      switch (kind) {
        case 'integer': case 'bigint': return Number.isInteger(v) ? v : wrong(v, col);
        case 'boolean': return v === 0 || v === 1 ? v : wrong(v, col);
        case 'uuid': case 'date': case 'time': case 'datetime': case 'blob': return wrong(v, col);
        default: return col.element ? wrong(v, col) : v;
      }
    case 'bigint':
      if (col.element || !['integer', 'bigint', 'decimal', 'real', 'text', 'unknown', 'json'].includes(kind)) return wrong(v, col);
      return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    case 'boolean':
      if (kind === 'boolean' || kind === 'json' || kind === 'unknown') return v;
      if (kind === 'text') return String(v);
      return kind === 'integer' || kind === 'bigint' ? (v ? 1 : 0) : wrong(v, col);
    case 'symbol': case 'function': return wrong(v, col);
  }
  // Objects.
  if (typeof (v as { then?: unknown }).then === 'function') return wrong(v, col);
  if (v instanceof Date) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) return wrong(v, col);
    switch (kind) {
      case 'date': return formatDate(ms);
      case 'datetime': return formatDateTime(ms);
      case 'time': return `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
      case 'text': case 'unknown': return v.toISOString();
      case 'json': return JSON.stringify(v);
      default: return wrong(v, col);
    }
  }
  if (v instanceof Uint8Array) return kind === 'blob' || kind === 'unknown' ? v : wrong(v, col);
  if (Array.isArray(v) && col.element) return v.map((x) => configValue(col.element!, x));
  if (kind === 'json') {
    try {
      return JSON.stringify(v);
    } catch {
      return wrong(v, col); // cyclic, or holds a BigInt
    }
  }
  return wrong(v, col);
}
