import type { Dialect, ValueKind } from './model.ts';

// Declared type → value kind. SQLite accepts any type name, so we follow its affinity rules
// (https://sqlite.org/datatype3.html §3.1) after first recognising the names ORMs write.

export function classifyType(declared: string, dialect: Dialect): ValueKind {
  const t = declared.toLowerCase().trim();
  if (dialect === 'postgresql') {
    // Names the generic patterns below misread (`interval`/`point`/`int4range` contain "int"):
    // their values come from generate/special-types.ts, by type name.
    if (t.endsWith('[]') || /^_/.test(t)) return 'unknown';
    if (/^(interval|point|line|lseg|box|path|polygon|circle|inet|cidr|macaddr8?|tsvector|tsquery|xml|bit|varbit|bit varying)\b|range$/.test(t)) return 'unknown';
    // A type of the schema's own naming is no integer for holding "int" (intensity_level_enum,
    // a domain print_status): only PostgreSQL's integer names are.
    if (/^(int|int2|int4|integer|smallint|serial|serial2|serial4|smallserial)\b/.test(t)) return 'integer';
    if (/int/.test(t) && !/^(bigint|int8|bigserial)\b/.test(t)) return /enum/.test(t) ? 'text' : 'unknown';
  }
  if (t.endsWith('[]')) return 'json'; // arrays: handled as JSON-ish text on SQLite; PG writer formats them
  if (/^(bool|boolean)\b/.test(t)) return 'boolean';
  if (/^uuid\b|^uniqueidentifier\b/.test(t)) return 'uuid';
  if (/^(timestamp|datetime|timestamptz)/.test(t)) return 'datetime';
  // Type names an ORM gives SQLite (Ecto's UTC_DATETIME, NAIVE_DATETIME_USEC, TEXT_DATETIME) hold
  // times, whatever affinity SQLite gives the name.
  if (dialect === 'sqlite' && /(^|_)(datetime|timestamp)(_|$)/.test(t)) return 'datetime';
  if (/^date\b/.test(t)) return 'date';
  if (/^(time|timetz)\b/.test(t)) return 'time';
  if (/^jsonb?\b/.test(t)) return 'json';
  if (/^(bigint|int8|bigserial)\b/.test(t)) return 'bigint';
  if (/^(numeric|decimal|money)\b/.test(t)) return 'decimal';
  if (/^(real|float|double|float4|float8)/.test(t)) return 'real';
  if (/int/.test(t)) return 'integer';
  if (/char|clob|text|string|citext|enum/.test(t)) return 'text';
  if (/blob|bytea|binary/.test(t)) return 'blob';
  if (t === '') return dialect === 'sqlite' ? 'blob' : 'unknown';
  if (dialect === 'sqlite') {
    // SQLite affinity: anything else is NUMERIC; treat as real with 2 decimals unless it reads like a number type.
    if (/real|floa|doub/.test(t)) return 'real';
    return 'decimal';
  }
  return 'unknown';
}

/** Parses `(n)` / `(p, s)` off a declared type, and the range of a fixed-width integer type. */
export function typeArgs(declared: string, dialect: Dialect = 'sqlite'): { length?: number; precision?: number; scale?: number; minValue?: number; maxValue?: number } {
  const range = integerRange(declared, dialect);
  const m = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(declared);
  if (!m) return range ?? {};
  const a = Number(m[1]);
  const b = m[2] === undefined ? undefined : Number(m[2]);
  const t = declared.toLowerCase();
  if (/numeric|decimal/.test(t)) return { precision: a, scale: b ?? 0 };
  if (/char|text|string|varbinary|bit/.test(t)) return { length: a };
  return range ?? {};
}

const INT_WIDTHS: [RegExp, number][] = [
  [/^(tinyint|int1)\b/, 8],
  [/^(smallint|int2|smallserial|serial2)\b/, 16],
  [/^mediumint\b/, 24],
  [/^(int4|serial4)\b/, 32],
];

/** What an integer type holds as applications read it back (an `int16` for SMALLINT even on
 *  SQLite, which stores anything). SQLite's INTEGER/INT are 64-bit (apps keep epoch milliseconds
 *  there), PostgreSQL's integer is 32-bit; 64-bit types need no bound (JS numbers stay below). */
export function integerRange(declared: string, dialect: Dialect): { minValue: number; maxValue: number } | undefined {
  const t = declared.toLowerCase().trim();
  let bits = INT_WIDTHS.find(([re]) => re.test(t))?.[1];
  if (bits === undefined && dialect === 'postgresql' && /^(integer|int|serial)\b/.test(t)) bits = 32;
  if (bits === undefined) return undefined;
  if (/\bunsigned\b/.test(t)) return { minValue: 0, maxValue: 2 ** bits - 1 };
  return { minValue: -(2 ** (bits - 1)), maxValue: 2 ** (bits - 1) - 1 };
}
