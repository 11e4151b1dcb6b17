// Turns parsed CHECKs into facts a value generator can use directly (IN
// lists, bounds, lengths, prefixes, column order relations). A fact is only
// derived when every row that satisfies the CHECK obeys it (for non-NULL
// values: CHECKs pass on NULL). Each top-level AND part that the facts do not
// express completely is returned in `opaque`, for generate-and-test.
import { children, walk } from './ast.ts';
import type { Expr } from './ast.ts';
import { castBaseType, evaluateValue } from './evaluate.ts';
import { parseIpv4 } from './inet.ts';
import { globPrefix, globToRegexSource, likePrefix, likeToRegexSource, posixToJsRegexSource } from './patterns.ts';
import { boolWord, compare, numericFromText } from './values.ts';
import { parseDateTime } from './dates.ts';
import { Interval } from './intervals.ts';
import type { SqlValue } from './values.ts';

export type HintValue = string | number | bigint | boolean | null;

export type ColumnHint = {
  /** The column as first spelled in a CHECK (map keys are lower-cased). */
  column: string;
  /** The only allowed values. [null] means the column must be NULL. */
  oneOf?: HintValue[];
  notIn?: HintValue[];
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Bounds on the character length of the value's text. */
  minLength?: number;
  maxLength?: number;
  /** Values start with this (from LIKE 'AB%' or GLOB 'AB*'). */
  likePrefix?: string;
  /** JavaScript regex source the value must match (searched, not anchored,
   *  unless the source anchors itself); advisory: its CHECK also stays in opaque. */
  pattern?: string;
  patternFlags?: string;
  notNull?: boolean;
  integer?: boolean;
  /** A multiple of this (`minutes % 15 = 0`, `hours * 2 = floor(hours * 2)`: 0.5); advisory. */
  step?: number;
  /** A date window (epoch ms) from comparisons with date constants (`d >= '2007-01-01'::timestamp`);
   *  advisory: the CHECK also stays in opaque, as text and date comparisons differ by dialect. */
  minDate?: number;
  maxDate?: number;
  minDateExclusive?: boolean;
  maxDateExclusive?: boolean;
  /** PostgreSQL arrays: the only values its elements may take (`col <@ ARRAY['read', 'write']`)
   *  and bounds on how many there are (`cardinality(col) > 0`, `array_length(col, 1) <= 3`);
   *  advisory: the CHECK also stays in opaque. */
  items?: HintValue[];
  /** Bounds on each element of a number array (`0 <= ALL (color)`, `coords[1] BETWEEN -90 AND 90`:
   *  every element kept within, stricter than one position's bound, never wrong); advisory. */
  itemMin?: number;
  itemMax?: number;
  minItems?: number;
  maxItems?: number;
  /** Text that holds JSON (`json_valid(x)`), of this type (`json_type(x) = 'object'`; an array
   *  from `json_array_length(x) > 0`, whose bounds are minItems/maxItems); advisory. */
  json?: 'any' | 'object' | 'array';
  /** Text that reads as a date or a timestamp (`date(x) IS NOT NULL`, `datetime(x) IS NOT NULL`); advisory. */
  dateText?: 'date' | 'datetime';
  /** An IPv4 network the address lies in (`ip << '10.0.0.0/8'::inet`); advisory. */
  subnet?: string;
  /** Text in one case (`lower(code) = code`, `upper(currency) = currency`); advisory. */
  letterCase?: 'lower' | 'upper';
  /** Text that is a time in this SQLite strftime format (`strftime('%Y-%m-%dT%H:%M:%fZ', at) = at`,
   *  `date(d) = d`); advisory. */
  dateFormat?: string;
  /** Keys of a JSON object that its CHECKs test or read (`matcher ? 'VersionGlob'`, `matcher ->>
   *  'PackageName' <> ''`): values carry some of them, and the database tests the CHECK; advisory. */
  jsonKeys?: string[];
  /** Timestamps on a whole unit (`date_trunc('hour', x) = x`): year, month, day, hour, minute, second; advisory. */
  truncate?: string;
  /** Calendar fields a CHECK fixes (`EXTRACT(isodow FROM week_start) = 1`, `extract(month from d) = 4
   *  AND extract(day from d) = 1`, `extract(second FROM t) = 0`): field (date_part's name) → value; advisory. */
  dateParts?: Record<string, number>;
};

export type RelationOp = '<' | '<=' | '>' | '>=' | '=' | '<>';

/** `left op right` between two columns of the same row (holds unless one is NULL).
 *  left/right are spelled as in the CHECK; leftKey/rightKey are lower-cased. */
export type ColumnRelation = { left: string; op: RelationOp; right: string; leftKey: string; rightKey: string };

export type CheckHints = {
  columns: Map<string, ColumnHint>;
  relations: ColumnRelation[];
  /** AND-parts not fully expressed above; test rows against them with evaluate(). */
  opaque: Expr[];
};

type HintPart = Omit<ColumnHint, 'column'>;
type Fact = { kind: 'col'; col: string; hint: HintPart } | { kind: 'rel'; rel: ColumnRelation };
type Derived = { facts: Fact[]; exact: boolean };

export function deriveHints(checks: Expr[]): CheckHints {
  const out: CheckHints = { columns: new Map(), relations: [], opaque: [] };
  for (const check of checks) {
    for (const part of splitAnd(check)) {
      if (neverFalse(part)) continue; // e.g. `x = NULL OR ...`: constrains nothing
      const d = derive(part);
      let exact = d?.exact ?? false;
      for (const f of d?.facts ?? []) if (!apply(out, f)) exact = false;
      if (!exact) out.opaque.push(part);
    }
  }
  for (const h of out.columns.values()) tidy(h);
  for (const [col, keys] of jsonKeysOf(checks)) {
    const h = out.columns.get(col.toLowerCase()) ?? { column: col };
    h.jsonKeys = keys;
    out.columns.set(col.toLowerCase(), h);
  }
  return out;
}

function splitAnd(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'AND' ? [...splitAnd(e.left), ...splitAnd(e.right)] : [e];
}

function splitOr(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'OR' ? [...splitOr(e.left), ...splitOr(e.right)] : [e];
}

const isNullLit = (e: Expr): boolean => e.kind === 'lit' ? e.value === null : e.kind === 'cast' && isNullLit(e.arg);

/** True when the expression can only be true or NULL, so the CHECK always passes. */
function neverFalse(e: Expr): boolean {
  switch (e.kind) {
    case 'binary':
      if (e.op === 'OR') return neverFalse(e.left) || neverFalse(e.right);
      if (e.op === 'AND') return neverFalse(e.left) && neverFalse(e.right);
      if (e.op.startsWith('IS')) return false;
      return isNullLit(e.left) || isNullLit(e.right);
    case 'in': return !e.not && e.list.some(isNullLit);
    case 'lit': return e.value === null || e.value === true;
    default: return false;
  }
}

// ---- recognising operands ----

const TEXT_CASTS = new Set(['text', 'varchar', 'character varying', 'char', 'character', 'bpchar', 'name', 'citext', 'nvarchar', 'nchar']);
const REAL_CASTS = new Set(['numeric', 'decimal', 'real', 'float', 'float4', 'float8', 'double precision', 'double']);
const OTHER_BUILTIN = /^(int|integer|int[248]|smallint|bigint|bool|boolean|date|time|timestamp|timestamptz|datetime|interval|bytea|blob|json|jsonb|money)$/;

/** What a cast keeps: 'text' for text types and user enums/domains, 'real' for non-rounding numerics. */
type CastClass = 'text' | 'real' | 'other';
function castClass(type: string): CastClass {
  if (type.endsWith('[]')) return 'other';
  const base = castBaseType(type);
  if (TEXT_CASTS.has(base)) return 'text';
  if (REAL_CASTS.has(base)) return type.includes('(') ? 'other' : 'real'; // numeric(p,s) rounds
  return OTHER_BUILTIN.test(base) ? 'other' : 'text';
}

const INT_CASTS = new Set(['int', 'integer', 'int2', 'int4', 'int8', 'smallint', 'bigint']);

/** `col::integer <op> n` (a domain over a domain reads its column that way): bounds on the
 *  column that keep the rounded value on the right side (a value already whole is unchanged). */
function intCastBound(left: Expr, op: string, n: number): Derived | null {
  let e = left, rounded = false;
  while (e.kind === 'cast' || e.kind === 'collate') {
    if (e.kind === 'cast') {
      if (INT_CASTS.has(castBaseType(e.type)) && !e.type.endsWith('[]')) rounded = true;
      else if (castClass(e.type) !== 'real') return null;
    }
    e = e.arg;
  }
  if (!rounded || e.kind !== 'col' || !Number.isFinite(n)) return null;
  const c = e.name;
  // Advisory (a subset of what passes: the CHECK is still tested as written).
  const part = (h: HintPart): Derived => ({ facts: [col(c, h)], exact: false });
  switch (op) {
    case '=': return Number.isInteger(n) ? part({ oneOf: [n] }) : null;
    case '>': return part({ min: Math.floor(n) + 0.5, minExclusive: true });
    case '>=': return part({ min: Math.ceil(n) });
    case '<': return part({ max: Math.ceil(n) - 0.5, maxExclusive: true });
    case '<=': return part({ max: Math.floor(n) });
  }
  return null;
}

/** The column under casts/COLLATE when every cast is of an allowed class. */
function colOf(e: Expr, allow: CastClass[]): string | null {
  while (e.kind === 'cast' || e.kind === 'collate') {
    if (e.kind === 'cast' && !allow.includes(castClass(e.type))) return null;
    e = e.arg;
  }
  return e.kind === 'col' ? e.name : null;
}

const LENGTH_FNS = new Set(['length', 'char_length', 'character_length']);
const TRIM_FNS = new Set(['trim', 'btrim', 'ltrim', 'rtrim']);

/** length(col) -> {col, trimmed:false}; length(trim(col)) -> trimmed (only lower bounds carry over);
 *  octet_length(col) -> bytes (a bytea's length; a text's in UTF-8, so advisory there). */
function lengthOf(e: Expr): { col: string; trimmed: boolean; bytes?: boolean } | null {
  if (e.kind === 'call' && e.name === 'octet_length' && e.args.length === 1) {
    const c = colOf(e.args[0], ['text', 'other']);
    return c === null ? null : { col: c, trimmed: false, bytes: true };
  }
  if (e.kind !== 'call' || !LENGTH_FNS.has(e.name) || e.args.length !== 1) return null;
  let arg = e.args[0];
  let trimmed = false;
  while (arg.kind === 'cast' && castClass(arg.type) === 'text') arg = arg.arg;
  if (arg.kind === 'call' && TRIM_FNS.has(arg.name) && arg.args.length >= 1) { trimmed = true; arg = arg.args[0]; }
  const col = colOf(arg, ['text']);
  return col === null ? null : { col, trimmed };
}

function hasColumnOrClock(e: Expr): boolean {
  switch (e.kind) {
    case 'col': return true;
    case 'lit': return false;
    case 'call': return ['now', 'current_date', 'current_timestamp', 'current_time', 'localtimestamp', 'localtime', 'date', 'datetime', 'julianday', 'strftime', 'unixepoch', 'time'].includes(e.name) || e.args.some(hasColumnOrClock);
    default: return children(e).some(hasColumnOrClock);
  }
}

/** The value of a column-free expression ((0)::numeric, 'a'::text, ARRAY[...]), or undefined. */
function constant(e: Expr): SqlValue | undefined {
  if (hasColumnOrClock(e)) return undefined;
  try {
    return evaluateValue(e, {}, { dialect: 'postgres' });
  } catch {
    return undefined;
  }
}

function hintValue(v: SqlValue | undefined): HintValue | undefined {
  return v === undefined || v instanceof Uint8Array || v instanceof Interval || Array.isArray(v) ? undefined : v;
}

const isNum = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

// ---- deriving facts ----

const FLIP: Record<RelationOp, RelationOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };
const NEGATE: Record<RelationOp, RelationOp> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '=': '<>', '<>': '=' };
const isRelOp = (op: string): op is RelationOp => op in FLIP;

const col = (c: string, hint: HintPart): Fact => ({ kind: 'col', col: c, hint });
const exactly = (...facts: Fact[]): Derived => ({ facts, exact: true });

function derive(e: Expr): Derived | null {
  if (neverFalse(e)) return exactly();
  switch (e.kind) {
    case 'binary':
      if (e.op === 'AND') {
        const parts = [derive(e.left), derive(e.right)];
        return { facts: parts.flatMap((p) => p?.facts ?? []), exact: parts.every((p) => p?.exact === true) };
      }
      if (e.op === 'OR') return deriveOr(e);
      if (e.op === '<@' || e.op === '@>') return containedIn(e.op === '<@' ? e.left : e.right, e.op === '<@' ? e.right : e.left);
      // `date(x) IS x`: as `=`, but text that is no date fails it (date() gives NULL).
      if (e.op === 'IS' || e.op === 'IS NOT DISTINCT FROM') {
        const format = formatOf(e.left, e.right) ?? formatOf(e.right, e.left);
        if (format) return { facts: [col(format.col, { dateFormat: format.format })], exact: false };
      }
      if (isRelOp(e.op)) return comparison(e.left, e.op, e.right);
      if (e.op === 'NOT GLOB' || e.op === '!~') return onlyChars({ ...e, op: e.op === '!~' ? '~' : 'GLOB' });
      if (e.op === '<<' || e.op === '>>') return subnetOf(e.op === '<<' ? e.left : e.right, e.op === '<<' ? e.right : e.left);
      return patternMatch(e);
    case 'unary':
      return e.op === 'NOT' ? negated(e.arg) : null;
    case 'isnull': {
      const dated = e.not ? dateTextOf(e.arg) : null;
      if (dated) return { facts: [col(dated.col, { dateText: dated.kind, notNull: true })], exact: false };
      // `raw::jsonb IS NOT NULL`: text that parses as JSON.
      if (e.not && e.arg.kind === 'cast' && /^jsonb?$/i.test(e.arg.type)) {
        const jc = colOf(e.arg.arg, ['text']);
        if (jc !== null) return { facts: [col(jc, { json: 'any', notNull: true })], exact: false };
      }
      const c = colOf(e.arg, ['text', 'real', 'other']); // no cast changes NULL-ness
      return c === null ? null : exactly(col(c, e.not ? { notNull: true } : { oneOf: [null] }));
    }
    case 'call': {
      // json_valid(x): NULL passes (json_valid(NULL) is NULL), text must be JSON; x IS JSON OBJECT alike.
      const j = (e.args.length === 1 && (e.name === 'json_valid' || e.name === 'jsonb_valid')) || (e.name === 'is_json' && e.args.length === 2) ? colOf(e.args[0], ['text', 'other']) : null;
      const type = e.name === 'is_json' ? constant(e.args[1]) : 'value';
      return j === null ? null : { facts: [col(j, { json: type === 'object' || type === 'array' ? type : 'any' })], exact: false };
    }
    case 'col':
      return exactly(col(e.name, { oneOf: [true] }));
    case 'between': {
      if (e.not) return null;
      return combine(comparison(e.arg, '>=', e.low), comparison(e.arg, '<=', e.high));
    }
    case 'in':
      return inList(e.arg, e.list.map(constant), e.not);
    case 'any': case 'all': {
      const arr = constant(e.right);
      // `0 <= ALL (color)`: every element of the array column is >= 0.
      if (e.kind === 'all' && !Array.isArray(arr) && isRelOp(e.op) && e.op !== '=' && e.op !== '<>') return elementBound(e.right, FLIP[e.op as RelationOp], constant(e.left));
      if (!Array.isArray(arr)) return null;
      if (e.kind === 'any' && e.op === '=') return inList(e.left, arr, false);
      if (e.kind === 'all' && e.op === '<>') return inList(e.left, arr, true);
      return null;
    }
    default:
      return null;
  }
}

/** Fields of a date or time the generator can set (date_part's names). */
const DATE_PARTS = new Set(['year', 'month', 'day', 'dow', 'isodow', 'hour', 'minute', 'second']);

/** `EXTRACT(isodow FROM x) = 1` (date_part('isodow', x) = 1): a calendar field of x fixed. */
function datePartOf(a: Expr, b: Expr): { col: string; field: string; value: number } | null {
  if (a.kind !== 'call' || a.name !== 'date_part' || a.args.length !== 2) return null;
  const field = constant(a.args[0]);
  const c = colOf(a.args[1], ['other']);
  const v = constant(b);
  if (typeof field !== 'string' || !DATE_PARTS.has(field.toLowerCase()) || c === null) return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? { col: c, field: field.toLowerCase(), value: n } : null;
}

/** `ip << '10.0.0.0/8'::inet`: the column's addresses lie in that IPv4 network. */
function subnetOf(inner: Expr, outer: Expr): Derived | null {
  const c = colOf(inner, ['other', 'text']);
  const net = constant(outer);
  return c !== null && typeof net === 'string' && parseIpv4(net) ? { facts: [col(c, { subnet: net })], exact: false } : null;
}

/** `lower(x) = x`, `upper(x) = x`: x in that case. */
function caseOf(a: Expr, b: Expr): { col: string; letterCase: 'lower' | 'upper' } | null {
  if (a.kind !== 'call' || (a.name !== 'lower' && a.name !== 'upper') || a.args.length !== 1) return null;
  const x = colOf(a.args[0], ['text']), y = colOf(b, ['text']);
  return x !== null && y !== null && x.toLowerCase() === y.toLowerCase() ? { col: x, letterCase: a.name } : null;
}

/** `strftime('%Y-%m-%dT%H:%M:%fZ', x) = x`, `date(x) = x`, `datetime(x) = x`, `time(x) = x`
 *  (SQLite): x is text in that format. */
function formatOf(a: Expr, b: Expr): { col: string; format: string } | null {
  if (a.kind !== 'call') return null;
  const FORMATS: Record<string, string> = { date: '%Y-%m-%d', datetime: '%Y-%m-%d %H:%M:%S', time: '%H:%M:%S' };
  const format = a.name === 'strftime' && a.args.length === 2 ? constant(a.args[0]) : a.args.length === 1 ? FORMATS[a.name] : undefined;
  const x = a.args.at(-1) ? colOf(a.args.at(-1)!, ['text']) : null, y = colOf(b, ['text']);
  return typeof format === 'string' && x !== null && y !== null && x.toLowerCase() === y.toLowerCase() ? { col: x, format } : null;
}

/** Every element of the array column `arr` op the number `v` (itemMin/itemMax). */
function elementBound(arr: Expr, op: RelationOp, v: unknown): Derived | null {
  const c = colOf(arr, ['other']);
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (c === null || typeof n !== 'number' || !Number.isFinite(n)) return null;
  const fact = op === '>' || op === '>=' ? { itemMin: op === '>' ? n + 1e-9 : n } : op === '<' || op === '<=' ? { itemMax: op === '<' ? n - 1e-9 : n } : null;
  return fact ? { facts: [col(c, fact)], exact: false } : null;
}

/** `x = trunc(x)` (round, floor, ceil; `round(x, 0)`), `x % 15 = 0`, `mod(x, 15) = 0`,
 *  `x * 2 = floor(x * 2)`: x a multiple of a step (1: a whole number; 15; 0.5). */
function multipleOf(a: Expr, b: Expr): { col: string; step: number } | null {
  if (a.kind === 'call' && ['trunc', 'round', 'floor', 'ceil', 'ceiling'].includes(a.name) && (a.args.length === 1 || constant(a.args[1]) === 0)) {
    const scaled = (e: Expr): { col: string; k: number } | null => {
      const c = colOf(e, ['real']);
      if (c !== null) return { col: c, k: 1 };
      if (e.kind !== 'binary' || e.op !== '*') return null;
      const [x, k] = colOf(e.left, ['real']) !== null ? [e.left, constant(e.right)] : [e.right, constant(e.left)];
      const n = typeof k === 'bigint' ? Number(k) : k;
      const col = colOf(x, ['real']);
      return col !== null && typeof n === 'number' && n > 0 && Number.isFinite(n) ? { col, k: n } : null;
    };
    const x = scaled(a.args[0]), y = scaled(b);
    return x && y && x.k === y.k && x.col.toLowerCase() === y.col.toLowerCase() ? { col: x.col, step: 1 / x.k } : null;
  }
  const mod = a.kind === 'binary' && a.op === '%' ? [a.left, a.right] : a.kind === 'call' && a.name === 'mod' && a.args.length === 2 ? a.args : null;
  const k = mod ? constant(mod[1]) : undefined;
  const n = typeof k === 'bigint' ? Number(k) : k;
  const c = mod && constant(b) === 0 ? colOf(mod[0], ['real']) : null;
  return c !== null && typeof n === 'number' && n > 0 && Number.isFinite(n) ? { col: c, step: n } : null;
}

/** `date_trunc('hour', x) = x`: x on a whole unit. */
function truncOf(a: Expr, b: Expr): { col: string; unit: string } | null {
  if (a.kind !== 'call' || a.name !== 'date_trunc' || a.args.length !== 2) return null;
  const unit = constant(a.args[0]);
  const x = colOf(a.args[1], ['other', 'text']);
  const y = colOf(b, ['other', 'text']);
  if (typeof unit !== 'string' || x === null || y === null || x.toLowerCase() !== y.toLowerCase()) return null;
  const u = unit.toLowerCase();
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].includes(u) ? { col: x, unit: u } : null;
}

/** `date(x)`, `datetime(x)`, `julianday(x)`, `unixepoch(x)`, `strftime(fmt, x)`: the text column
 *  they read as a time (NULL when it is not one). */
function dateTextOf(e: Expr): { col: string; kind: 'date' | 'datetime' } | null {
  // PostgreSQL: `at::timestamptz IS NOT NULL` on a text column.
  if (e.kind === 'cast' && /^(date|timestamp|timestamptz)\b/i.test(e.type)) {
    const c = colOf(e.arg, ['text']);
    return c === null ? null : { col: c, kind: /^date/i.test(e.type) ? 'date' : 'datetime' };
  }
  if (e.kind !== 'call') return null;
  const arg = e.name === 'strftime' ? e.args[1] : e.args[0];
  if (!arg || !['date', 'datetime', 'julianday', 'unixepoch', 'strftime'].includes(e.name)) return null;
  if (e.name !== 'strftime' && e.args.length !== 1) return null;
  const c = colOf(arg, ['text']);
  return c === null ? null : { col: c, kind: e.name === 'date' ? 'date' : 'datetime' };
}

/** `col <@ ARRAY[...]` (or `ARRAY[...] @> col`): the array's elements come from the list. */
function containedIn(arr: Expr, list: Expr): Derived | null {
  const c = colOf(arr, ['text', 'other']);
  const values = constant(list);
  if (c === null || !Array.isArray(values)) return null;
  const items = values.map(hintValue).filter((v): v is HintValue => v !== undefined && v !== null);
  return { facts: [col(c, { items })], exact: false };
}

/** `cardinality(col)` / `array_length(col, 1)`: the array column whose element count it is. */
function itemCountOf(e: Expr): string | null {
  if (e.kind !== 'call') return null;
  if (e.name === 'cardinality' && e.args.length === 1) return colOf(e.args[0], ['other']);
  if (e.name === 'array_length' && e.args.length === 2 && constant(e.args[1]) === 1) return colOf(e.args[0], ['other']);
  return null;
}

/** Bounds on an array's element count (advisory: array_length of an empty array is NULL). */
function itemsBound(c: string, op: RelationOp, n: number): Derived | null {
  switch (op) {
    case '=': return { facts: [col(c, { minItems: n, maxItems: n })], exact: false };
    case '>': return { facts: [col(c, { minItems: Math.floor(n) + 1 })], exact: false };
    case '>=': return { facts: [col(c, { minItems: Math.ceil(n) })], exact: false };
    case '<': return { facts: [col(c, { maxItems: Math.ceil(n) - 1 })], exact: false };
    case '<=': return { facts: [col(c, { maxItems: Math.floor(n) })], exact: false };
    default: return null;
  }
}

function combine(a: Derived | null, b: Derived | null): Derived | null {
  if (!a && !b) return null;
  return { facts: [...(a?.facts ?? []), ...(b?.facts ?? [])], exact: a?.exact === true && b?.exact === true };
}

/** `upper(col)` / `lower((col)::text)`: the column and the case its values are compared in. */
function caseFolded(e: Expr): { col: string; fold: (s: string) => string } | null {
  if (e.kind !== 'call' || (e.name !== 'upper' && e.name !== 'lower') || e.args.length !== 1) return null;
  const c = colOf(e.args[0], ['text']);
  if (c === null) return null;
  return { col: c, fold: e.name === 'upper' ? (s) => s.toUpperCase() : (s) => s.toLowerCase() };
}

/** `upper(code) IN ('SC', 'VC')` (or `= 'SC'`): the listed values already in that case are values
 *  of the column that pass (other spellings would too; these suffice). NOT IN stays row-tested. */
function foldedIn(arg: Expr, values: (HintValue | null | undefined)[], not: boolean): Derived | null {
  const f = caseFolded(arg);
  if (f === null || not || values.some((v) => typeof v !== 'string')) return null;
  const fixed = (values as string[]).filter((v) => f.fold(v) === v);
  // Advisory (not exact): a subset of what passes, so the CHECK is still tested as written.
  return fixed.length ? { facts: [col(f.col, { oneOf: fixed })], exact: false } : null;
}

function inList(arg: Expr, values: (SqlValue | undefined)[], not: boolean): Derived | null {
  const c = colOf(arg, ['text', 'real']);
  const vals = values.map(hintValue);
  if (c === null) return foldedIn(arg, vals, not);
  if (vals.some((v) => v === undefined)) return null;
  const nonNull = vals.filter((v) => v !== null) as HintValue[];
  // A NULL in an IN list makes every non-match NULL (passing); NOT IN still excludes the rest.
  if (!not) return nonNull.length < vals.length ? exactly() : exactly(col(c, { oneOf: nonNull }));
  return exactly(col(c, { notIn: nonNull }));
}

function comparison(left: Expr, op: RelationOp, right: Expr): Derived | null {
  const cased = op === '=' ? caseOf(left, right) ?? caseOf(right, left) : null;
  if (cased) return { facts: [col(cased.col, { letterCase: cased.letterCase })], exact: false };
  const format = op === '=' ? formatOf(left, right) ?? formatOf(right, left) : null;
  if (format) return { facts: [col(format.col, { dateFormat: format.format })], exact: false };
  const multiple = op === '=' ? multipleOf(left, right) ?? multipleOf(right, left) : null;
  if (multiple) return { facts: [col(multiple.col, multiple.step === 1 ? { integer: true } : { step: multiple.step })], exact: false };
  const trunc = op === '=' ? truncOf(left, right) ?? truncOf(right, left) : null;
  if (trunc) return { facts: [col(trunc.col, { truncate: trunc.unit })], exact: false };
  const part = op === '=' ? datePartOf(left, right) ?? datePartOf(right, left) : null;
  if (part) return { facts: [col(part.col, { dateParts: { [part.field]: part.value } })], exact: false };
  const rv = constant(right);
  const lv = rv === undefined ? constant(left) : undefined;
  if (rv === undefined && lv !== undefined) return comparison(right, FLIP[op], left);
  if (rv === undefined) return relation(left, op, right);
  const v = hintValue(rv);
  if (v === undefined || v === null) return null;

  // `coords[1] >= -90`: a bound on one element, kept by every element.
  if (left.kind === 'call' && left.name === 'array_element' && left.args.length === 2 && op !== '=' && op !== '<>') return elementBound(left.args[0], op, v);
  const len = lengthOf(left);
  if (len && isNum(v)) return lengthBound(len.col, op, Number(v), len.trimmed, len.bytes);
  const counted = isNum(v) ? itemCountOf(left) : null;
  if (counted !== null) return itemsBound(counted, op, Number(v));
  const jsonArray = isNum(v) && left.kind === 'call' && (left.name === 'json_array_length' || left.name === 'jsonb_array_length') && left.args.length === 1 ? colOf(left.args[0], ['text', 'other']) : null;
  if (jsonArray !== null) {
    const b = itemsBound(jsonArray, op, Number(v));
    return { facts: [col(jsonArray, { json: 'array' }), ...(b?.facts ?? [])], exact: false };
  }
  if (left.kind === 'call' && op === '=' && left.args.length === 1) {
    const jc = colOf(left.args[0], ['text', 'other']);
    if (jc !== null && (left.name === 'json_valid' || left.name === 'jsonb_valid') && (v === 1 || v === true)) return { facts: [col(jc, { json: 'any' })], exact: false };
    if (jc !== null && (left.name === 'json_type' || left.name === 'json_typeof' || left.name === 'jsonb_typeof') && (v === 'object' || v === 'array')) return { facts: [col(jc, { json: v })], exact: false };
  }
  // substr(x, 1, n) = 'ABC-' (n its length): a prefix, as LIKE 'ABC-%'.
  if (op === '=' && typeof v === 'string' && left.kind === 'call' && (left.name === 'substr' || left.name === 'substring') && left.args.length === 3
    && constant(left.args[1]) === 1 && constant(left.args[2]) === v.length && v.length > 0) {
    const sc = colOf(left.args[0], ['text']);
    if (sc !== null) return exactly(col(sc, { likePrefix: v }));
  }

  if (left.kind === 'call' && left.name === 'typeof' && left.args.length === 1 && op === '=' && v === 'integer') {
    const c = colOf(left.args[0], []);
    // typeof(NULL) is 'null', so this CHECK also rejects NULL.
    return c === null ? null : exactly(col(c, { integer: true, notNull: true }));
  }

  const scaled = isNum(v) ? roundedColumn(left) : null;
  if (scaled) {
    const bound = roundedBound(scaled.col, op, Number(v), scaled.scale);
    // numeric(p, s) also raises an error for |x| that rounds to 10^(p-s) or more.
    if (bound && scaled.precision !== undefined) {
      const lim = 10 ** (scaled.precision - scaled.scale) - 10 ** -scaled.scale;
      bound.facts.push(col(scaled.col, { min: -lim, max: lim }));
    }
    return bound;
  }
  if (isNum(v)) {
    const c = colOf(left, ['real']);
    if (c === null) return intCastBound(left, op, Number(v));
    const n = Number(v);
    switch (op) {
      case '=': return exactly(col(c, { oneOf: [v] }));
      case '<>': return exactly(col(c, { notIn: [v] }));
      case '>': return exactly(col(c, { min: n, minExclusive: true }));
      case '>=': return exactly(col(c, { min: n }));
      case '<': return exactly(col(c, { max: n, maxExclusive: true }));
      case '<=': return exactly(col(c, { max: n }));
    }
  }
  if (typeof v === 'string' && op !== '=' && op !== '<>') {
    const date = parseDateTime(v);
    const dc = date ? colOf(left, ['text', 'real', 'other']) : null;
    if (date && dc !== null) return dateBound(dc, op, date.ms);
  }
  const c = colOf(left, ['text']);
  if (c === null) return op === '=' ? foldedIn(left, [v], false) : null;
  if (typeof v === 'boolean') {
    if (op === '=' || op === '<>') return exactly(col(c, { oneOf: [op === '=' ? v : !v] }));
    return null;
  }
  if (op === '=') return exactly(col(c, { oneOf: [v] }));
  if (op === '<>') return exactly(col(c, v === '' ? { notIn: [v], minLength: 1 } : { notIn: [v] }));
  return null; // text/date ranges: left to generate-and-test
}

/** `d >= '2007-01-01'`, `d < '2007-02-01'::timestamp`: a date window, advisory. */
function dateBound(c: string, op: RelationOp, ms: number): Derived {
  const hint: HintPart = op === '>' || op === '>=' ? { minDate: ms, ...(op === '>' ? { minDateExclusive: true } : {}) }
    : { maxDate: ms, ...(op === '<' ? { maxDateExclusive: true } : {}) };
  return { facts: [col(c, hint)], exact: false };
}

/** `(x)::numeric(4, 1)` or `round(x, 1)`: the column and the scale it is rounded to first. */
function roundedColumn(e: Expr): { col: string; scale: number; precision?: number } | null {
  if (e.kind === 'cast' && REAL_CASTS.has(castBaseType(e.type)) && e.type.includes('(')) {
    const m = /\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\)/.exec(e.type);
    const c = colOf(e.arg, ['real']);
    return m && c !== null ? { col: c, scale: Number(m[2] ?? 0), precision: Number(m[1]) } : null;
  }
  if (e.kind === 'call' && e.name === 'round' && e.args.length >= 1) {
    const d = e.args.length === 2 ? constant(e.args[1]) : 0;
    const c = colOf(e.args[0], ['real']);
    return c !== null && typeof d === 'number' && Number.isInteger(d) ? { col: c, scale: d } : null;
  }
  return null;
}

/** Bounds on x that keep `round(x, scale) op v` true whichever way x is rounded (advisory). */
function roundedBound(c: string, op: RelationOp, v: number, scale: number): Derived | null {
  const step = 10 ** -scale;
  const fix = (x: number) => Math.round(x / step) * step;
  switch (op) {
    case '>': return { facts: [col(c, { min: fix(v + step) })], exact: false };
    case '>=': return { facts: [col(c, { min: fix(v) })], exact: false };
    case '<': return { facts: [col(c, { max: fix(v - step) })], exact: false };
    case '<=': return { facts: [col(c, { max: fix(v) })], exact: false };
    case '=': return { facts: [col(c, { oneOf: [v] })], exact: false };
    default: return null;
  }
}

function lengthBound(c: string, op: RelationOp, n: number, trimmed: boolean, bytes = false): Derived | null {
  let hint: HintPart;
  switch (op) {
    case '=': hint = { minLength: n, maxLength: n }; break;
    case '>': hint = { minLength: Math.floor(n) + 1 }; break;
    case '>=': hint = { minLength: Math.ceil(n) }; break;
    case '<': hint = { maxLength: Math.ceil(n) - 1 }; break;
    case '<=': hint = { maxLength: Math.floor(n) }; break;
    default: return null;
  }
  // Trimming only shortens, so a lower bound on trim(x) bounds x but does not capture it.
  if (trimmed) return hint.minLength === undefined ? null : { facts: [col(c, { minLength: hint.minLength })], exact: false };
  // Bytes: the column's values are made that long (a digest, a key); the CHECK is still tested.
  if (bytes) return { facts: [col(c, hint)], exact: false };
  return exactly(col(c, hint));
}

function relation(left: Expr, op: RelationOp, right: Expr): Derived | null {
  const allow: CastClass[] = op === '=' || op === '<>' ? ['text', 'real'] : ['real'];
  const l = colOf(left, allow);
  const r = colOf(right, allow);
  if (l === null || r === null || l.toLowerCase() === r.toLowerCase()) return null;
  return exactly({ kind: 'rel', rel: { left: l, op, right: r, leftKey: l.toLowerCase(), rightKey: r.toLowerCase() } });
}

/** `NOT x GLOB '*[^0-9a-f]*'` (SQLite's "only these characters"), `x NOT GLOB …`, PostgreSQL's
 *  `x !~ '[^a-z0-9_]'`: x is made of the set. */
function onlyChars(arg: Expr): Derived | null {
  if (arg.kind !== 'binary' || (arg.op !== 'GLOB' && arg.op !== '~')) return null;
  const p = constant(arg.right);
  const m = typeof p === 'string' ? (arg.op === 'GLOB' ? /^\*\[\^([^\]]+)\]\*$/ : /^\[\^([^\]]+)\]$/).exec(p) : null;
  const c = m ? colOf(arg.left, ['text']) : null;
  if (!m || c === null || /[\\\]]/.test(m[1])) return null;
  return { facts: [col(c, { pattern: `^[${m[1]}]*$`, patternFlags: '' })], exact: false };
}

function negated(arg: Expr): Derived | null {
  const only = onlyChars(arg);
  if (only) return only;
  if (arg.kind === 'binary' && isRelOp(arg.op)) return comparison(arg.left, NEGATE[arg.op], arg.right);
  if (arg.kind === 'in') return derive({ ...arg, not: !arg.not });
  if (arg.kind === 'isnull') return derive({ ...arg, not: !arg.not });
  if (arg.kind === 'col') return exactly(col(arg.name, { oneOf: [false] }));
  return null;
}

function patternMatch(e: Expr & { kind: 'binary' }): Derived | null {
  const p = constant(e.right);
  if (typeof p !== 'string') return null;
  const c = colOf(e.left, ['text']);
  if (c === null) return null;
  switch (e.op) {
    case 'LIKE': case 'ILIKE': {
      let escape: string | null = null;
      if (e.escape) {
        const ev = constant(e.escape);
        if (typeof ev !== 'string') return null;
        escape = ev || null;
      } else if (p.includes('\\')) {
        return null; // backslash escapes in PostgreSQL, a literal in SQLite: ambiguous
      }
      const prefix = likePrefix(p, escape);
      if (prefix !== null) return exactly(col(c, { likePrefix: prefix }));
      return { facts: [col(c, { pattern: likeToRegexSource(p, escape), patternFlags: e.op === 'ILIKE' ? 'i' : '' })], exact: false };
    }
    case 'GLOB': {
      const prefix = globPrefix(p);
      if (prefix !== null) return exactly(col(c, { likePrefix: prefix }));
      return { facts: [col(c, { pattern: globToRegexSource(p), patternFlags: '' })], exact: false };
    }
    case '~': case '~*':
      return { facts: [col(c, { pattern: posixToJsRegexSource(p), patternFlags: e.op === '~*' ? 'i' : '' })], exact: false };
    default:
      return null;
  }
}

// `a IS NULL OR b IS NULL OR cond`: cond's facts hold whenever the guarded
// columns are non-NULL, so a fact survives only if it is about those columns.
function deriveOr(e: Expr): Derived | null {
  const parts = splitOr(e);
  const guards = new Set<string>();
  const rest: Expr[] = [];
  for (const p of parts) {
    const g = p.kind === 'isnull' && !p.not ? colOf(p.arg, ['text', 'real', 'other']) : null;
    if (g !== null) guards.add(g.toLowerCase());
    else rest.push(p);
  }
  if (rest.length === 0) return null;
  const inner = rest.length === 1 ? derive(rest[0]) : unionOneOf(rest);
  if (!inner || guards.size === 0) return inner;
  let exact = inner.exact;
  const facts: Fact[] = [];
  for (const f of inner.facts) {
    const about = f.kind === 'col' ? [f.col.toLowerCase()] : [f.rel.leftKey, f.rel.rightKey];
    if (![...guards].every((g) => about.includes(g))) { exact = false; continue; }
    if (f.kind === 'col') {
      // NULL is allowed here, so drop what the inner condition said about NULL.
      const { notNull: _n, ...hint } = f.hint;
      if (hint.oneOf) hint.oneOf = hint.oneOf.filter((v) => v !== null);
      if (hint.oneOf?.length === 0) { exact = false; continue; }
      if (Object.keys(hint).length > 0) facts.push(col(f.col, hint));
    } else facts.push(f);
  }
  return { facts, exact };
}

/** `x = 'a' OR x = 'b' OR x IN (...)` on one column: the union of the values. */
function unionOneOf(parts: Expr[]): Derived | null {
  let column: string | null = null;
  const values: HintValue[] = [];
  for (const p of parts) {
    const d = derive(p);
    if (!d || !d.exact || d.facts.length !== 1) return null;
    const f = d.facts[0];
    if (f.kind !== 'col' || !f.hint.oneOf || Object.keys(f.hint).length !== 1) return null;
    if (column !== null && column.toLowerCase() !== f.col.toLowerCase()) return null;
    column = f.col;
    values.push(...f.hint.oneOf);
  }
  return column === null ? null : exactly(col(column, { oneOf: values }));
}

// ---- accumulating facts per column ----

const same = (a: HintValue, b: HintValue): boolean => (a === null || b === null ? a === b : compare(a, b, { dialect: 'sqlite' }) === 0);

// Membership by `same`, through an index: a CHECK may list 100,000 values, and testing each
// against each is quadratic. Values that are `same` share a key (a number and the text that
// spells it share `n:`, true and 't' share `n:1`); `same` decides within a key.
const indexes = new WeakMap<HintValue[], Map<string, HintValue[]>>();

function keysOf(v: HintValue): string[] {
  if (v === null) return ['null'];
  if (typeof v !== 'string') return [`n:${Number(v)}`];
  const keys = [`s:${v}`];
  const n = numericFromText(v);
  if (n !== null) keys.push(`n:${Number(n)}`);
  const b = boolWord(v);
  if (b !== null) keys.push(`n:${Number(b)}`);
  return keys;
}

function indexOf(list: HintValue[]): Map<string, HintValue[]> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    indexes.set(list, index);
    for (const w of list) indexValue(index, w);
  }
  return index;
}

function indexValue(index: Map<string, HintValue[]>, w: HintValue): void {
  for (const k of keysOf(w)) {
    const bucket = index.get(k);
    if (bucket) bucket.push(w); else index.set(k, [w]);
  }
}

/** Whether a value is `same` as one in `list` (indexed once per list). */
function memberOf(list: HintValue[]): (v: HintValue) => boolean {
  const index = indexOf(list);
  return (v) => keysOf(v).some((k) => index.get(k)?.some((w) => same(v, w)) ?? false);
}

function addMember(list: HintValue[], v: HintValue): void {
  indexValue(indexOf(list), v);
  list.push(v);
}

/** Adds a fact; false when the hint shape cannot hold it (e.g. a second pattern). */
function apply(out: CheckHints, f: Fact): boolean {
  if (f.kind === 'rel') {
    const r = f.rel;
    if (!out.relations.some((x) => x.leftKey === r.leftKey && x.rightKey === r.rightKey && x.op === r.op)) out.relations.push(r);
    return true;
  }
  const key = f.col.toLowerCase();
  let h = out.columns.get(key);
  if (!h) out.columns.set(key, (h = { column: f.col }));
  const p = f.hint;
  let ok = true;
  if (p.oneOf) {
    if (!h.oneOf) h.oneOf = [...p.oneOf];
    // A list of values also allows NULL, so [null] wins an intersection.
    else if (h.oneOf.includes(null) || p.oneOf.includes(null)) h.oneOf = [null];
    else h.oneOf = h.oneOf.filter(memberOf(p.oneOf));
  }
  if (p.notIn) {
    // Grown in place with its index: `a <> 1 AND a <> 2 AND ...` adds one value per fact.
    if (!h.notIn) h.notIn = [];
    for (const v of p.notIn) if (!memberOf(h.notIn)(v)) addMember(h.notIn, v);
  }
  if (p.min !== undefined && (h.min === undefined || p.min > h.min || (p.min === h.min && p.minExclusive))) {
    h.min = p.min;
    if (p.minExclusive) h.minExclusive = true; else delete h.minExclusive;
  }
  if (p.max !== undefined && (h.max === undefined || p.max < h.max || (p.max === h.max && p.maxExclusive))) {
    h.max = p.max;
    if (p.maxExclusive) h.maxExclusive = true; else delete h.maxExclusive;
  }
  if (p.minLength !== undefined) h.minLength = Math.max(h.minLength ?? 0, p.minLength);
  if (p.maxLength !== undefined) h.maxLength = Math.min(h.maxLength ?? Infinity, p.maxLength);
  if (p.likePrefix !== undefined) {
    if (h.likePrefix === undefined || p.likePrefix.startsWith(h.likePrefix)) h.likePrefix = p.likePrefix;
    else if (!h.likePrefix.startsWith(p.likePrefix)) ok = false;
  }
  if (p.pattern !== undefined) {
    if (h.pattern === undefined) { h.pattern = p.pattern; h.patternFlags = p.patternFlags ?? ''; }
    else if (h.pattern !== p.pattern || h.patternFlags !== p.patternFlags) ok = false;
  }
  if (p.notNull) h.notNull = true;
  if (p.integer) h.integer = true;
  if (p.step !== undefined) h.step = h.step === undefined || h.step === p.step ? p.step : h.step * p.step;
  if (p.json) h.json = !h.json || h.json === 'any' ? p.json : p.json === 'any' || p.json === h.json ? h.json : (ok = false, h.json);
  if (p.dateText) h.dateText = h.dateText === 'date' ? 'date' : p.dateText;
  if (p.subnet) h.subnet = p.subnet;
  if (p.letterCase) { if (h.letterCase !== undefined && h.letterCase !== p.letterCase) ok = false; else h.letterCase = p.letterCase; }
  if (p.dateFormat) { if (h.dateFormat !== undefined && h.dateFormat !== p.dateFormat) ok = false; else h.dateFormat = p.dateFormat; }
  if (p.truncate) h.truncate = p.truncate;
  if (p.dateParts) {
    for (const [f, v] of Object.entries(p.dateParts)) {
      if (h.dateParts?.[f] !== undefined && h.dateParts[f] !== v) ok = false;
      else h.dateParts = { ...h.dateParts, [f]: v };
    }
  }
  if (p.items) h.items = h.items ? h.items.filter(memberOf(p.items)) : [...p.items];
  if (p.itemMin !== undefined) h.itemMin = Math.max(h.itemMin ?? -Infinity, p.itemMin);
  if (p.itemMax !== undefined) h.itemMax = Math.min(h.itemMax ?? Infinity, p.itemMax);
  if (p.minItems !== undefined) h.minItems = Math.max(h.minItems ?? 0, p.minItems);
  if (p.maxItems !== undefined) h.maxItems = Math.min(h.maxItems ?? Infinity, p.maxItems);
  if (p.minDate !== undefined && (h.minDate === undefined || p.minDate > h.minDate || (p.minDate === h.minDate && p.minDateExclusive))) {
    h.minDate = p.minDate;
    if (p.minDateExclusive) h.minDateExclusive = true; else delete h.minDateExclusive;
  }
  if (p.maxDate !== undefined && (h.maxDate === undefined || p.maxDate < h.maxDate || (p.maxDate === h.maxDate && p.maxDateExclusive))) {
    h.maxDate = p.maxDate;
    if (p.maxDateExclusive) h.maxDateExclusive = true; else delete h.maxDateExclusive;
  }
  return ok;
}

/** Drops listed values that other facts on the same column already exclude. */
function tidy(h: ColumnHint): void {
  if (!h.oneOf) return;
  const notIn = h.notIn ? memberOf(h.notIn) : undefined;
  h.oneOf = h.oneOf.filter((v) => {
    if (v === null) return true;
    if (notIn?.(v)) return false;
    if (isNum(v)) {
      const n = Number(v);
      if (h.min !== undefined && (n < h.min || (h.minExclusive && n === h.min))) return false;
      if (h.max !== undefined && (n > h.max || (h.maxExclusive && n === h.max))) return false;
    }
    if (typeof v === 'string') {
      const len = [...v].length;
      if ((h.minLength !== undefined && len < h.minLength) || (h.maxLength !== undefined && len > h.maxLength)) return false;
      if (h.likePrefix !== undefined && !v.startsWith(h.likePrefix)) return false;
    }
    return true;
  });
}

/** Constant keys the CHECKs test on or read from a column (`col ? 'k'`, `col -> 'k'`, `col ->> 'k'`,
 *  `col ?| ARRAY['a', 'b']`), whatever the logic around them: where a JSON value's keys matter. */
function jsonKeysOf(checks: Expr[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (c: string, k: unknown) => {
    if (typeof k !== 'string' || !k) return;
    const key = [...out.keys()].find((x) => x.toLowerCase() === c.toLowerCase()) ?? c;
    out.set(key, (out.get(key) ?? new Set()).add(k));
  };
  for (const check of checks) {
    walk(check, (e) => {
      if (e.kind !== 'binary' || !['?', '->', '->>', '?|', '?&'].includes(e.op)) return;
      let l = e.left;
      while (l.kind === 'cast' || l.kind === 'collate') l = l.arg;
      if (l.kind !== 'col') return;
      let r = e.right;
      while (r.kind === 'cast' || r.kind === 'collate') r = r.arg;
      if (r.kind === 'lit') add(l.name, r.value);
      else if (r.kind === 'array') for (const i of r.items) if (i.kind === 'lit') add(l.name, i.value);
    });
  }
  return new Map([...out].map(([c, k]) => [c, [...k]]));
}
