// Evaluates a parsed CHECK expression against one row with SQL three-valued
// logic. A CHECK passes unless the result is false (NULL passes). Anything
// the evaluator cannot model faithfully throws CheckEvalError, so callers can
// treat that check as opaque and let the database decide.
import { walk, type BinaryOp, type Expr } from './ast.ts';
import { formatDate, formatDateTime, formatTime, parseDateTime } from './dates.ts';
import { FUNCTIONS } from './functions.ts';
import { strictlyWithin } from './inet.ts';
import { between, Interval, parseInterval, shiftDateTime, shiftTime, timeOfDay } from './intervals.ts';
import type { FnContext } from './functions.ts';
import { compileRegex, globToRegexSource, likeToRegexSource, needsBacktracking, posixToJsRegexSource } from './patterns.ts';
import { CheckEvalError, asciiLower, compare, parsePgArray, toBool, toNumber, toText } from './values.ts';
import type { Dialect, SqlValue } from './values.ts';

export { CheckEvalError };
export type { Dialect, SqlValue };

export type EvalContext = {
  /** Value of now()/CURRENT_DATE/CURRENT_TIMESTAMP; defaults to the current time. */
  now?: Date;
  /** Selects LIKE case rules, date comparison, casts, errors. Default 'sqlite'. */
  dialect?: Dialect;
};

type Ctx = FnContext;
type Row = Record<string, unknown>;

/** true / false / null (unknown) for the row; a CHECK is violated only by false. */
export function evaluate(expr: Expr, row: Row, context: EvalContext = {}): boolean | null {
  const ctx = makeCtx(context);
  return toBool(value(expr, row, ctx), ctx.dialect);
}

/** True when the row satisfies the CHECK (result true or NULL). */
export function satisfies(expr: Expr, row: Row, context: EvalContext = {}): boolean {
  return evaluate(expr, row, context) !== false;
}

/** The SQL value of any expression, e.g. to compute length(col) for a row. */
export function evaluateValue(expr: Expr, row: Row, context: EvalContext = {}): SqlValue {
  return value(expr, row, makeCtx(context));
}

/** Why the evaluator cannot model `expr` (a function it does not have, an interval), or
 *  undefined when it can: such CHECKs are left to the database to test. */
export function notEvaluable(expr: Expr): string | undefined {
  let why: string | undefined;
  walk(expr, (e) => {
    if (why) return;
    if (e.kind === 'call' && !FUNCTIONS[e.name]) why = `${e.name}() is not built in`;
    else if (e.kind === 'cast' && castBaseType(e.type) === 'interval' && !readableInterval(e.arg)) why = 'intervals are not built in';
    // Read for what a unique index on a JSON field holds; a CHECK on one is the database's to test.
    else if (e.kind === 'binary' && JSON_OPS.has(e.op)) why = `JSON ${e.op} is tested by the database`;
    else if (e.kind === 'binary' && REGEX_OPS.has(e.op) && backtrackingPattern(e.right)) why = 'lookaround and backreferences are tested by the database';
  });
  return why;
}

/** An interval the engine reads: a constant in PostgreSQL's input forms (`'1 year'`, `'00:01:05'`),
 *  or the difference of two timestamps. */
function readableInterval(e: Expr): boolean {
  while (e.kind === 'cast' && TEXT_TYPES.has(castBaseType(e.type))) e = e.arg;
  return e.kind === 'lit' ? typeof e.value === 'string' && parseInterval(e.value) !== null : e.kind === 'binary' && e.op === '-';
}

const DAY_MS = 86_400_000;
const JSON_OPS = new Set<BinaryOp>(['->', '->>', '?', '?|', '?&']);
const REGEX_OPS = new Set<BinaryOp>(['~', '!~', '~*', '!~*']);

/** A constant regex (through casts: `'^\\w(?=\\w)'::citext`) that V8's linear engine cannot run. */
function backtrackingPattern(e: Expr): boolean {
  while (e.kind === 'cast' || e.kind === 'collate') e = e.arg;
  return e.kind === 'lit' && typeof e.value === 'string' && needsBacktracking(posixToJsRegexSource(e.value));
}
const CLOCK = new Set(['now', 'current_timestamp', 'current_date', 'current_time', 'localtimestamp', 'localtime', 'transaction_timestamp', 'statement_timestamp', 'clock_timestamp']);
const SQLITE_DATES = new Set(['date', 'time', 'datetime', 'julianday', 'unixepoch', 'strftime']);

/** True when the expression reads the current time (`now()`, `CURRENT_TIMESTAMP`, SQLite's
 *  `strftime('%s', 'now')`): the engine evaluates it at a fixed instant (seeds are reproducible),
 *  the database at its own. */
export function readsClock(expr: Expr): boolean {
  let clock = false;
  walk(expr, (e) => {
    if (clock || e.kind !== 'call') return;
    if (CLOCK.has(e.name)) clock = true;
    else if (e.name === 'age' && e.args.length === 1) clock = true;
    else if (SQLITE_DATES.has(e.name) && (e.name === 'unixepoch' && !e.args.length || e.args.some((a) => a.kind === 'lit' && typeof a.value === 'string' && a.value.toLowerCase() === 'now'))) clock = true;
  });
  return clock;
}

function makeCtx(c: EvalContext): Ctx {
  return { now: c.now ?? new Date(), dialect: c.dialect ?? 'sqlite' };
}

function value(e: Expr, row: Row, ctx: Ctx): SqlValue {
  switch (e.kind) {
    case 'lit': return e.value;
    case 'col': return column(e.name, row);
    case 'unary': return unary(e.op, value(e.arg, row, ctx), ctx);
    case 'binary': return binary(e, row, ctx);
    case 'collate': return value(e.arg, row, ctx);
    case 'cast': return cast(value(e.arg, row, ctx), e.type, ctx);
    case 'isnull': return (value(e.arg, row, ctx) === null) !== e.not;
    case 'array': return e.items.map((i) => value(i, row, ctx));
    case 'in': return inList(e.arg, e.list, e.not, row, ctx);
    case 'between': {
      const v = value(e.arg, row, ctx);
      const ge = cmpBool('>=', compare(v, value(e.low, row, ctx), ctx));
      const le = cmpBool('<=', compare(v, value(e.high, row, ctx), ctx));
      const r = and(ge, le);
      return e.not ? not(r) : r;
    }
    case 'any': case 'all': {
      const arr = value(e.right, row, ctx);
      if (arr === null) return null;
      const left = value(e.left, row, ctx);
      const results = toArray(arr).map((x) => toBool(applyOp(e.op, left, x, ctx, {}), ctx.dialect));
      if (e.kind === 'any') return results.includes(true) ? true : results.includes(null) ? null : false;
      return results.includes(false) ? false : results.includes(null) ? null : true;
    }
    case 'case': {
      const operand = e.operand ? value(e.operand, row, ctx) : undefined;
      for (const [cond, result] of e.whens) {
        const hit = operand === undefined
          ? toBool(value(cond, row, ctx), ctx.dialect) === true
          : compare(operand, value(cond, row, ctx), ctx) === 0;
        if (hit) return value(result, row, ctx);
      }
      return e.else ? value(e.else, row, ctx) : null;
    }
    case 'call': {
      const fn = FUNCTIONS[e.name];
      if (!fn) throw new CheckEvalError(`unknown function ${e.name}()`);
      return fn(e.args.map((a) => value(a, row, ctx)), ctx);
    }
  }
}

function column(name: string, row: Row): SqlValue {
  let v = row[name];
  if (v === undefined) {
    const lower = name.toLowerCase();
    const key = Object.keys(row).find((k) => k.toLowerCase() === lower);
    if (key === undefined) throw new CheckEvalError(`no value for column ${JSON.stringify(name)}`);
    v = row[key];
  }
  return fromJs(v, name);
}

function fromJs(v: unknown, name: string): SqlValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof Uint8Array) return v;
  if (v === undefined) throw new CheckEvalError(`no value for column ${JSON.stringify(name)}`);
  if (v instanceof Date) return formatDateTime(v.getTime(), true);
  if (Array.isArray(v)) return v.map((x) => fromJs(x, name));
  if (typeof v === 'object') return JSON.stringify(v); // json/jsonb columns
  throw new CheckEvalError(`unsupported value for column ${JSON.stringify(name)}`);
}

const not = (b: boolean | null): boolean | null => (b === null ? null : !b);
function and(a: boolean | null, b: boolean | null): boolean | null {
  return a === false || b === false ? false : a === null || b === null ? null : true;
}
function or(a: boolean | null, b: boolean | null): boolean | null {
  return a === true || b === true ? true : a === null || b === null ? null : false;
}

function cmpBool(op: string, c: number | null): boolean | null {
  if (c === null) return null;
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    default: return c >= 0;
  }
}

function inList(argE: Expr, list: Expr[], negated: boolean, row: Row, ctx: Ctx): boolean | null {
  if (list.length === 0) return negated; // SQLite: x IN () is false even for NULL
  const v = value(argE, row, ctx);
  if (v === null) return null;
  let sawNull = false;
  for (const item of list) {
    const c = compare(v, value(item, row, ctx), ctx);
    if (c === 0) return !negated;
    if (c === null) sawNull = true;
  }
  return sawNull ? null : negated;
}

function binary(e: Expr & { kind: 'binary' }, row: Row, ctx: Ctx): SqlValue {
  if (e.op === 'AND' || e.op === 'OR') {
    // Short-circuit so a guard like `x IS NULL OR f(x)` never evaluates f(NULL) needlessly.
    const l = toBool(value(e.left, row, ctx), ctx.dialect);
    if (e.op === 'AND' && l === false) return false;
    if (e.op === 'OR' && l === true) return true;
    const r = toBool(value(e.right, row, ctx), ctx.dialect);
    return e.op === 'AND' ? and(l, r) : or(l, r);
  }
  const nocase = isNocase(e.left) || isNocase(e.right);
  const realDiv = isReal(e.left) || isReal(e.right);
  const escape = e.escape ? value(e.escape, row, ctx) : undefined;
  if (escape === null) return null;
  return applyOp(e.op, value(e.left, row, ctx), value(e.right, row, ctx), ctx, { nocase, realDiv, escape });
}

const isNocase = (e: Expr): boolean => e.kind === 'collate' && e.collation === 'nocase';
const REAL_TYPES = /^(real|float[48]?|double precision|double|numeric|decimal)\b/;
const isReal = (e: Expr): boolean => (e.kind === 'lit' && e.real === true) || (e.kind === 'cast' && REAL_TYPES.test(e.type));

type OpOptions = { nocase?: boolean; realDiv?: boolean; escape?: SqlValue };

function applyOp(op: BinaryOp, l: SqlValue, r: SqlValue, ctx: Ctx, o: OpOptions): SqlValue {
  switch (op) {
    case 'AND': return and(toBool(l, ctx.dialect), toBool(r, ctx.dialect));
    case 'OR': return or(toBool(l, ctx.dialect), toBool(r, ctx.dialect));
    case '=': case '<>': case '<': case '<=': case '>': case '>=':
      return cmpBool(op, compare(l, r, { dialect: ctx.dialect, nocase: o.nocase }));
    case 'IS': case 'IS NOT DISTINCT FROM': case 'IS NOT': case 'IS DISTINCT FROM': {
      let same: boolean;
      if (l === null || r === null) same = l === r;
      else if (typeof r === 'boolean' && (op === 'IS' || op === 'IS NOT')) same = toBool(l, ctx.dialect) === r; // x IS TRUE
      else same = compare(l, r, { dialect: ctx.dialect, nocase: o.nocase }) === 0;
      return op === 'IS' || op === 'IS NOT DISTINCT FROM' ? same : !same;
    }
    case 'LIKE': case 'NOT LIKE': case 'ILIKE': case 'NOT ILIKE': return like(op, l, r, o.escape, ctx);
    case '->': case '->>': return jsonField(l, r, op === '->>');
    case '?': case '?|': case '?&': return jsonHasKeys(l, op === '?' ? [r] : toArray(r ?? []), op !== '?&');
    case '<@': case '@>': case '&&': {
      // PostgreSQL's array containment and overlap (NULL elements never match).
      if (l === null || r === null) return null;
      const [a, b] = op === '@>' ? [toArray(r), toArray(l)] : [toArray(l), toArray(r)];
      const has = (x: SqlValue) => x !== null && b.some((y) => y !== null && compare(x, y, { dialect: ctx.dialect }) === 0);
      return op === '&&' ? a.some(has) : a.every(has);
    }
    case 'GLOB': case 'NOT GLOB': {
      if (l === null || r === null) return null;
      const hit = compileRegex(globToRegexSource(toText(r, ctx.dialect)!), '', evalError).test(toText(l, ctx.dialect)!);
      return op === 'GLOB' ? hit : !hit;
    }
    case '~': case '!~': case '~*': case '!~*': {
      if (l === null || r === null) return null;
      const flags = op.endsWith('*') ? 'i' : '';
      const hit = compileRegex(posixToJsRegexSource(toText(r, ctx.dialect)!), flags, evalError).test(toText(l, ctx.dialect)!);
      return op.startsWith('!') ? !hit : hit;
    }
    case '||':
      if (l === null || r === null) return null;
      if (Array.isArray(l) || Array.isArray(r)) return [...toArray(l), ...toArray(r)];
      return toText(l, ctx.dialect)! + toText(r, ctx.dialect)!;
    default:
      return arithmetic(op, l, r, ctx, o.realDiv === true);
  }
}

const evalError = (msg: string): Error => new CheckEvalError(msg);

function like(op: BinaryOp, l: SqlValue, r: SqlValue, escapeV: SqlValue | undefined, ctx: Ctx): boolean | null {
  if (l === null || r === null) return null;
  let s = toText(l, ctx.dialect)!;
  let p = toText(r, ctx.dialect)!;
  // PostgreSQL's default LIKE escape is backslash; SQLite has none unless ESCAPE is given.
  const esc = escapeV === undefined ? (ctx.dialect === 'postgres' ? '\\' : null) : toText(escapeV, ctx.dialect) || null;
  const ilike = op === 'ILIKE' || op === 'NOT ILIKE';
  // SQLite's LIKE ignores case for ASCII letters only.
  if (!ilike && ctx.dialect === 'sqlite') { s = asciiLower(s); p = asciiLower(p); }
  const hit = compileRegex(likeToRegexSource(p, esc), ilike ? 'i' : '', evalError).test(s);
  return op.startsWith('NOT') ? !hit : hit;
}

function unary(op: '-' | '+' | 'NOT' | '~', v: SqlValue, ctx: Ctx): SqlValue {
  if (op === 'NOT') return not(toBool(v, ctx.dialect));
  if (v instanceof Interval) return op === '-' ? v.times(-1) : op === '+' ? v : null;
  const n = toNumber(v, ctx.dialect);
  if (n === null) return null;
  if (op === '+') return n;
  if (op === '-') return -n;
  return normalizeBig(~toBig(n));
}

const isInt = (n: number | bigint): boolean => typeof n === 'bigint' || Number.isInteger(n);
const toBig = (n: number | bigint): bigint => (typeof n === 'bigint' ? n : BigInt(Math.trunc(n)));
const normalizeBig = (b: bigint): number | bigint => (b >= -BigInt(Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function arithmetic(op: BinaryOp, l: SqlValue, r: SqlValue, ctx: Ctx, realDiv: boolean): SqlValue {
  if (l === null || r === null) return null;
  if (l instanceof Interval || r instanceof Interval) return intervalArithmetic(op, l, r, ctx);
  // PostgreSQL date arithmetic: date ± integer days, date - date = days; timestamp - timestamp an interval.
  if (ctx.dialect === 'postgres' && typeof l === 'string' && DATE_ONLY.test(l.trim()) && (op === '+' || op === '-')) {
    const a = parseDateTime(l);
    if (a && typeof r === 'string' && op === '-' && DATE_ONLY.test(r.trim())) {
      const b = parseDateTime(r);
      if (b) return Math.round((a.ms - b.ms) / 86_400_000);
    }
    const days = typeof r === 'number' || typeof r === 'bigint' ? Number(r) : null;
    if (a && days !== null && Number.isInteger(days)) return formatDate(a.ms + (op === '+' ? days : -days) * 86_400_000);
  }
  if (ctx.dialect === 'postgres' && op === '-' && typeof l === 'string' && typeof r === 'string' && (l.length > 10 || r.length > 10 || (timeOfDay(l) !== null && timeOfDay(r) !== null))) {
    const iv = between(l, r);
    if (iv) return iv;
  }
  // An interval column's value (`start_at + duration`): text in an interval's input form.
  if (ctx.dialect === 'postgres' && (op === '+' || op === '-') && typeof l === 'string' && typeof r === 'string') {
    const iv = intervalText(r);
    if (iv && (parseDateTime(l) || timeOfDay(l) !== null)) return intervalArithmetic(op, l, iv, ctx);
    const li = op === '+' ? intervalText(l) : null;
    if (li && (parseDateTime(r) || timeOfDay(r) !== null)) return intervalArithmetic(op, li, r, ctx);
  }
  // inet: `ip << '10.0.0.0/8'` is containment, not a shift.
  if ((op === '<<' || op === '>>') && typeof l === 'string' && typeof r === 'string') {
    const within = op === '<<' ? strictlyWithin(l, r) : strictlyWithin(r, l);
    if (within !== null) return within;
  }
  const a = toNumber(l, ctx.dialect)!;
  const b = toNumber(r, ctx.dialect)!;
  const divByZero = (): null => {
    if (ctx.dialect === 'postgres') throw new CheckEvalError('division by zero'); // an error in PostgreSQL, NULL in SQLite
    return null;
  };
  if (op === '&' || op === '|' || op === '<<' || op === '>>') {
    const x = toBig(a);
    const y = toBig(b);
    return normalizeBig(op === '&' ? x & y : op === '|' ? x | y : op === '<<' ? x << y : x >> y);
  }
  if (isInt(a) && isInt(b) && !(realDiv && op === '/')) {
    if ((op === '/' || op === '%') && b == 0) return divByZero();
    if (typeof a === 'number' && typeof b === 'number') {
      const res = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
      if (Number.isSafeInteger(res)) return res;
    }
    const x = toBig(a);
    const y = toBig(b);
    return normalizeBig(op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y);
  }
  const x = Number(a);
  const y = Number(b);
  // PostgreSQL's numeric is exact (19.99 * 3 = 59.97); doubles are not (59.970000000000006):
  // 15 significant digits drop the binary noise. SQLite computes in doubles, as here.
  const exact = ctx.dialect === 'postgres' ? exactDecimal : same;
  switch (op) {
    case '+': return exact(x + y);
    case '-': return exact(x - y);
    case '*': return exact(x * y);
    case '/': return y === 0 ? divByZero() : x / y;
    case '%': return y === 0 ? divByZero() : x % y;
    default: throw new CheckEvalError(`unsupported operator ${op}`);
  }
}

/** Text that is an interval and nothing else (not a number, a date or a timestamp), or null. */
function intervalText(s: string): Interval | null {
  if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(s) || parseDateTime(s)) return null;
  return parseInterval(s);
}

/** timestamp ± interval (a date gives a timestamp), interval ± interval, interval × or ÷ number. */
function intervalArithmetic(op: BinaryOp, l: SqlValue, r: SqlValue, ctx: Ctx): SqlValue {
  if (op === '+' || op === '-') {
    if (l instanceof Interval && r instanceof Interval) return l.plus(r, op === '-' ? -1 : 1);
    const [date, iv] = l instanceof Interval ? [r, l] : [l, r as Interval];
    if (typeof date === 'string' && !(op === '-' && l instanceof Interval)) {
      const t = shiftDateTime(date, iv, op === '-' ? -1 : 1) ?? shiftTime(date, iv, op === '-' ? -1 : 1);
      if (t !== null) return t;
    }
  } else if (op === '*' || op === '/') {
    const [iv, k] = l instanceof Interval ? [l, r] : [r as Interval, l];
    const n = Number(toNumber(k, ctx.dialect));
    if (!(l instanceof Interval && r instanceof Interval) && !(op === '/' && !(l instanceof Interval))) {
      if (op === '/' && n === 0) throw new CheckEvalError('division by zero');
      return iv.times(op === '*' ? n : 1 / n);
    }
  }
  throw new CheckEvalError(`unsupported interval arithmetic ${op}`);
}

const exactDecimal = (v: number): number => Number(v.toPrecision(15));
const same = (v: number): number => v;

function toArray(v: SqlValue): SqlValue[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return parsePgArray(v);
  throw new CheckEvalError('expected an array');
}

// Casts change representation only as far as comparisons need: numbers for
// numeric types, canonical text for dates, identity for enums and domains.
const TEXT_TYPES = new Set(['text', 'varchar', 'character varying', 'char', 'character', 'bpchar', 'name', 'citext', 'nvarchar', 'nchar', 'clob', 'string', 'national character varying']);
const INT_TYPES = new Set(['int', 'integer', 'int2', 'int4', 'int8', 'smallint', 'bigint', 'tinyint', 'mediumint']);
const NUM_TYPES = new Set(['real', 'float', 'float4', 'float8', 'double precision', 'double', 'numeric', 'decimal']);

export function castBaseType(type: string): string {
  return type.replace(/\(.*?\)/g, '').replace(/ with(out)? time zone$/, '').trim();
}

function cast(v: SqlValue, type: string, ctx: Ctx): SqlValue {
  if (type.endsWith('[]')) {
    if (v === null) return null;
    const el = type.slice(0, -2);
    return toArray(v).map((x) => cast(x, el, ctx));
  }
  if (v === null) return null;
  const base = castBaseType(type);
  if (TEXT_TYPES.has(base)) return toText(v, ctx.dialect);
  if (INT_TYPES.has(base)) {
    const n = toNumber(v, ctx.dialect)!;
    if (typeof n === 'bigint') return n;
    // PostgreSQL rounds to the nearest integer (half away from zero); SQLite truncates.
    return ctx.dialect === 'postgres' ? Math.sign(n) * Math.round(Math.abs(n)) : Math.trunc(n);
  }
  if (NUM_TYPES.has(base)) {
    const n = toNumber(v, ctx.dialect);
    // PostgreSQL's numeric(p, s) rounds to s decimals (half away from zero); SQLite's does not.
    const scale = ctx.dialect === 'postgres' && (base === 'numeric' || base === 'decimal') ? /\(\s*\d+\s*(?:,\s*(-?\d+)\s*)?\)/.exec(type) : null;
    if (scale && typeof n === 'number') {
      const f = 10 ** Number(scale[1] ?? 0);
      return (Math.sign(n) * Math.round(Math.abs(n) * f + 1e-9)) / f;
    }
    return n;
  }
  if (base === 'bool' || base === 'boolean') return toBool(v, ctx.dialect);
  if (base === 'date' || base === 'timestamp' || base === 'timestamptz' || base === 'datetime') {
    const s = toText(v, ctx.dialect)!;
    const special = s.trim().toLowerCase();
    const ms = special === 'now' || special === 'today' ? ctx.now.getTime() : parseDateTime(s)?.ms;
    if (ms === undefined) throw new CheckEvalError(`cannot read ${JSON.stringify(s)} as ${base}`);
    return base === 'date' ? formatDate(ms) : formatDateTime(ms, true);
  }
  if (base === 'interval') {
    const iv = v instanceof Interval ? v : typeof v === 'string' ? parseInterval(v) : null;
    if (!iv) throw new CheckEvalError(`cannot read ${JSON.stringify(toText(v, ctx.dialect))} as an interval`);
    return iv;
  }
  // A timestamp as a time of day (`starts_at::time >= '08:00'`): its clock time, in UTC as the
  // session is; a time as written, in one form (HH:MM:SS) so that times compare as text does.
  if (base === 'time' && ctx.dialect === 'postgres' && typeof v === 'string') {
    const t = timeOfDay(v);
    const ms = t ?? parseDateTime(v)?.ms;
    if (ms === undefined) throw new CheckEvalError(`cannot read ${JSON.stringify(v)} as time`);
    return formatTime(((ms % DAY_MS) + DAY_MS) % DAY_MS, ms % 1000 !== 0);
  }
  if (base === 'bytea' || base === 'blob') return v instanceof Uint8Array ? v : new TextEncoder().encode(toText(v, ctx.dialect)!);
  return v; // enums, domains, uuid, json, time, ...: same value
}

/** `doc -> key` / `doc ->> key` (PostgreSQL, SQLite 3.38+): a field of an object by name, an
 *  element of an array by index (negative from the end), SQLite's `'$.a.b'` paths too; JSON text
 *  out for `->` and for a nested value under `->>`, NULL for what is not there. */
function jsonField(doc: SqlValue, key: SqlValue, asText: boolean): SqlValue {
  if (doc === null || key === null) return null;
  let v: unknown;
  try { v = typeof doc === 'string' ? JSON.parse(doc) : doc; } catch { return null; }
  const steps = typeof key === 'string' && key.startsWith('$')
    ? [...key.slice(1).matchAll(/\.("?)([^."[]+)\1|\[(-?\d+)\]/g)].map((m) => m[3] !== undefined ? Number(m[3]) : m[2])
    : [typeof key === 'bigint' ? Number(key) : key];
  for (const k of steps) {
    if (Array.isArray(v) && typeof k === 'number') v = v[k < 0 ? v.length + k : k];
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof k === 'string') v = (v as Record<string, unknown>)[k];
    else return null;
    if (v === undefined) return null;
  }
  if (asText) return v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

/** `doc ? key` (and `?|` any, `?&` all of a list): an object's top-level key, or a string element
 *  of an array. */
function jsonHasKeys(doc: SqlValue, keys: SqlValue[], any: boolean): SqlValue {
  if (doc === null) return null;
  let v: unknown;
  try { v = typeof doc === 'string' ? JSON.parse(doc) : doc; } catch { return null; }
  const has = (k: SqlValue) => typeof k === 'string' && (Array.isArray(v) ? v.includes(k) : v !== null && typeof v === 'object' && Object.hasOwn(v as object, k));
  return any ? keys.some(has) : keys.every(has);
}
