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
  }
  if (t.endsWith('[]')) return 'json'; // arrays: handled as JSON-ish text on SQLite; PG writer formats them
  if (/^(bool|boolean)\b/.test(t)) return 'boolean';
  if (/^uuid\b|^uniqueidentifier\b/.test(t)) return 'uuid';
  if (/^(timestamp|datetime|timestamptz)/.test(t)) return 'datetime';
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

/** Parses `(n)` / `(p, s)` off a declared type. */
export function typeArgs(declared: string): { length?: number; precision?: number; scale?: number } {
  const m = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(declared);
  if (!m) return {};
  const a = Number(m[1]);
  const b = m[2] === undefined ? undefined : Number(m[2]);
  const t = declared.toLowerCase();
  if (/numeric|decimal/.test(t)) return { precision: a, scale: b ?? 0 };
  if (/char|text|string|varbinary|bit/.test(t)) return { length: a };
  return {};
}
