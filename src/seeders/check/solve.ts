// Solving a comparison CHECK for one of its columns: `end_date = (start_date + '1 year' -
// '1 day')::date`, `total = a + b`, `expires_at <= consumed_at + '00:01:05'::interval`,
// `valid_until - valid_from <= '30 days'::interval`, SQLite's `julianday(b) - julianday(a) <= 30`
// all become `column op expression of the row's other columns`. The generator then sets the
// column from the others (an equality: a derived value; an inequality: the bound, moved by a gap
// as wide as the CHECK's own offset) instead of drawing rows until one happens to pass.
import { walk, type Expr } from './ast.ts';
import { castBaseType, evaluateValue } from './evaluate.ts';
import type { RelationOp } from './hints.ts';

export interface Solution {
  /** The column, as spelled in the CHECK. */
  column: string;
  op: Exclude<RelationOp, '<>'>;
  /** What the column is compared with, from the row's other columns. */
  bound: Expr;
  /** The bound without its constant terms (`starts_at` for `starts_at + '15 minutes'`): the gap
   *  an inequality leaves is as wide as the two differ. Absent when there are none. */
  base?: Expr;
  /** The column stands alone on one side of the CHECK (`total` in `a + b = total`). */
  alone: boolean;
  /** The column is subtracted (`valid_from` in `valid_until - valid_from <= …`). */
  negated: boolean;
  /** BETWEEN: the upper bound (`bound` is the lower one); the column is drawn between them. */
  upper?: Expr;
}

const FLIP: Record<string, Solution['op']> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
// Casts that keep a value as it is (no rounding, no truncation to a day).
const KEEPING = /^(numeric|decimal|real|float[48]?|double precision|double|timestamp|timestamptz|int[48]?|integer|bigint)$/;
// SQLite functions that turn a time into a number and back, one-to-one.
const INVERSE: Record<string, (x: Expr) => Expr> = {
  julianday: (x) => ({ kind: 'call', name: 'datetime', args: [x] }),
  unixepoch: (x) => ({ kind: 'call', name: 'datetime', args: [x, { kind: 'lit', value: 'unixepoch' }] }),
};

const count = (e: Expr, col: string): number => {
  let n = 0;
  walk(e, (x) => { if (x.kind === 'col' && x.name.toLowerCase() === col) n++; });
  return n;
};
/** The value of a column-free expression when it is a positive number. */
function positive(e: Expr): number | undefined {
  if (hasColumn(e)) return undefined;
  try {
    const v = evaluateValue(e, {});
    return typeof v === 'number' && v > 0 && Number.isFinite(v) ? v : undefined;
  } catch { return undefined; }
}
const hasColumn = (e: Expr): boolean => { let c = false; walk(e, (x) => { if (x.kind === 'col') c = true; }); return c; };
const bin = (op: '+' | '-', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });

/** `column op bound` for a comparison CHECK part in which the column appears once, reached
 *  through + and - (and casts that keep the value, julianday/unixepoch); null otherwise. */
export function solveFor(part: Expr, column: string): Solution | null {
  // `x BETWEEN lo AND hi`: both bounds, the column drawn between them.
  if (part.kind === 'between' && !part.not) {
    const lo = solveFor({ kind: 'binary', op: '>=', left: part.arg, right: part.low }, column);
    const hi = solveFor({ kind: 'binary', op: '<=', left: part.arg, right: part.high }, column);
    if (!lo || !hi) return null;
    const [a, b] = lo.op === '>=' ? [lo, hi] : [hi, lo];
    return { ...a, op: '>=', upper: b.bound };
  }
  if (part.kind !== 'binary' || !(part.op in FLIP)) return null;
  const col = column.toLowerCase();
  let op = part.op as Solution['op'];
  let [side, other] = [part.left, part.right];
  const inLeft = count(side, col), inRight = count(other, col);
  if (inLeft + inRight !== 1) return null;
  if (inRight) { [side, other] = [other, side]; op = FLIP[op]; }
  // `starts_at::date = ends_at::date` (the same day): the column anywhere within that day.
  const day = dayOf(side, col);
  if (day) {
    const midnight: Expr = { kind: 'cast', arg: other, type: 'timestamp' };
    const last = bin('+', midnight, { kind: 'cast', arg: { kind: 'lit', value: '23:59:59' }, type: 'interval' });
    if (op === '=') return { column: day, op: '>=', bound: midnight, upper: last, alone: true, negated: false };
    if (op === '>=' || op === '<=') return { column: day, op, bound: op === '>=' ? midnight : last, alone: true, negated: false };
    return null;
  }
  let bound = other;
  let negated = false, steps = 0;
  for (;; steps++) {
    if (side.kind === 'col') break;
    if (side.kind === 'cast' && KEEPING.test(castBaseType(side.type))) { side = side.arg; continue; }
    if (side.kind === 'call' && INVERSE[side.name] && side.args.length === 1) { bound = INVERSE[side.name](bound); side = side.args[0]; continue; }
    // EXTRACT(epoch FROM ends - starts) >= 3600: ends - starts >= 3600 seconds.
    if (side.kind === 'call' && side.name === 'date_part' && side.args.length === 2 && side.args[0].kind === 'lit' && side.args[0].value === 'epoch' && count(side.args[1], col) === 1) {
      bound = { kind: 'binary', op: '*', left: bound, right: { kind: 'cast', arg: { kind: 'lit', value: '1 second' }, type: 'interval' } };
      side = side.args[1];
      continue;
    }
    // age(a, b) >= '18 years': a - b, in years, months and days (the row is tested by the CHECK itself).
    if (side.kind === 'call' && side.name === 'age' && (side.args.length === 1 || side.args.length === 2)) {
      side = bin('-', side.args.length === 2 ? side.args[0] : { kind: 'call', name: 'current_date', args: [] }, side.args.at(-1)!);
      continue;
    }
    if (side.kind === 'unary' && side.op === '-') { bound = { kind: 'unary', op: '-', arg: bound }; op = FLIP[op]; negated = !negated; side = side.arg; continue; }
    // × or ÷ a positive constant (`(julianday(b) - julianday(a)) * 1440 >= 15`): divided out, in reals.
    if (side.kind === 'binary' && (side.op === '*' || side.op === '/')) {
      const leftHas = count(side.left, col) === 1;
      const k = leftHas ? side.right : side.left;
      const n = positive(k);
      if (n === undefined || (side.op === '/' && !leftHas)) return null;
      bound = { kind: 'binary', op: side.op === '*' ? '/' : '*', left: bound, right: { kind: 'lit', value: n, real: true } };
      side = leftHas ? side.left : side.right;
      continue;
    }
    if (side.kind !== 'binary' || (side.op !== '+' && side.op !== '-')) return null;
    const leftHas = count(side.left, col) === 1;
    const moved = leftHas ? side.right : side.left;
    if (side.op === '+') { bound = bin('-', bound, moved); side = leftHas ? side.left : side.right; }
    else if (leftHas) { bound = bin('+', bound, moved); side = side.left; }
    else { bound = bin('-', moved, bound); op = FLIP[op]; negated = !negated; side = side.right; }
  }
  const base = withoutConstants(bound);
  return { column: side.name, op, bound, ...(base && base !== bound ? { base } : {}), alone: steps === 0 || !hasArithmetic(part, col), negated };
}

/** The column a cast to date reads directly (`ends_at::date`), or undefined. */
function dayOf(e: Expr, col: string): string | undefined {
  if (e.kind !== 'cast' || castBaseType(e.type) !== 'date') return undefined;
  let x = e.arg;
  while (x.kind === 'cast' && KEEPING.test(castBaseType(x.type))) x = x.arg;
  return x.kind === 'col' && x.name.toLowerCase() === col ? x.name : undefined;
}

/** The expression with its constant terms of + and - dropped (through casts and calls of one
 *  argument); undefined when nothing but constants is left. */
function withoutConstants(e: Expr): Expr | undefined {
  if (!hasColumn(e) || scaledConstant(e)) return undefined;
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
    const l = withoutConstants(e.left), r = withoutConstants(e.right);
    if (!l) return e.op === '+' ? r : r && { kind: 'unary', op: '-', arg: r };
    if (!r) return l;
    return l === e.left && r === e.right ? e : { ...e, left: l, right: r };
  }
  if (e.kind === 'cast') { const a = withoutConstants(e.arg); return a === e.arg ? e : a && { ...e, arg: a }; }
  if (e.kind === 'call' && DATE_FUNCTIONS.has(e.name) && e.args.length) {
    // date(start, '+1 year', '-1 day') without its shifts; 'unixepoch' and the like stay.
    const a = withoutConstants(e.args[0]);
    const kept = e.args.slice(1).filter((m) => !(m.kind === 'lit' && typeof m.value === 'string' && SHIFT.test(m.value.trim())));
    return a === e.args[0] && kept.length === e.args.length - 1 ? e : a && { ...e, args: [a, ...kept] };
  }
  return e;
}
/** A constant times a column (`'1 hour'::interval * ttl_hours`): an offset the row sets, not a base. */
function scaledConstant(e: Expr): boolean {
  return e.kind === 'binary' && (e.op === '*' || e.op === '/') && (!hasColumn(e.left) || !hasColumn(e.right));
}
const DATE_FUNCTIONS = new Set(['datetime', 'date', 'julianday', 'unixepoch']);
const SHIFT = /^[+-]?\d+(\.\d+)?\s+(day|hour|minute|second|month|year)s?$/i;

/** The column is inside more than casts on its side of the comparison. */
function hasArithmetic(part: Expr, col: string): boolean {
  if (part.kind !== 'binary') return true;
  const strip = (e: Expr): Expr => (e.kind === 'cast' ? strip(e.arg) : e);
  const l = strip(part.left), r = strip(part.right);
  return !((l.kind === 'col' && l.name.toLowerCase() === col) || (r.kind === 'col' && r.name.toLowerCase() === col));
}
