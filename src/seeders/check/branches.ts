// A CHECK as alternative branches (disjunctive normal form): each branch is a list of atoms
// that, all made true, satisfy the CHECK. The generator picks one branch per row and lets its
// atoms steer the values (which columns are set or NULL, the discriminator, ranges); see
// plan/branches.ts. AND/OR/NOT are distributed, CASE becomes one branch per WHEN (and ELSE),
// `(a IS NULL) <> (b IS NULL)` two branches, `num_nonnulls(a, b, c) = 1` one per choice of set
// columns. A branch is a sufficient condition, not an equivalent one: enough to steer with,
// and the CHECK itself is still tested on every row.
import type { CompareOp, Expr } from './ast.ts';
import { evaluateValue } from './evaluate.ts';

/** More alternatives than this (per CHECK, or per group of CHECKs sharing columns) are not steered. */
export const MAX_BRANCHES = 64;

/** Branches of `e` (each a conjunction of atoms), or null when there would be too many. */
export function branchesOf(e: Expr, max = MAX_BRANCHES): Expr[][] | null {
  try {
    return dnf(e, false, max);
  } catch (x) {
    if (x === TOO_MANY) return null;
    throw x;
  }
}

/** The atoms of a branch as one expression. */
export function conjunction(atoms: Expr[]): Expr {
  if (!atoms.length) return { kind: 'lit', value: true };
  return atoms.reduce((l, r) => ({ kind: 'binary', op: 'AND', left: l, right: r }));
}

const TOO_MANY = Symbol('too many branches');
const TRUE: Expr[][] = [[]];
const FALSE: Expr[][] = [];
const NEGATE: Record<CompareOp, CompareOp> = { '=': '<>', '<>': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };
const FLIP: Record<CompareOp, CompareOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const isCompare = (op: string): op is CompareOp => op in NEGATE;

function product(a: Expr[][], b: Expr[][], max: number): Expr[][] {
  if (a.length * b.length > max) throw TOO_MANY;
  const out: Expr[][] = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out;
}

function union(a: Expr[][], b: Expr[][], max: number): Expr[][] {
  if (a.length + b.length > max) throw TOO_MANY;
  return [...a, ...b];
}

/** DNF of `e` (of NOT e when `neg`). */
function dnf(e: Expr, neg: boolean, max: number): Expr[][] {
  switch (e.kind) {
    case 'lit':
      // NULL passes a CHECK whichever way it is negated.
      if (e.value === null) return TRUE;
      if (typeof e.value === 'boolean' || typeof e.value === 'number') return Boolean(e.value) !== neg ? TRUE : FALSE;
      return [[neg ? not(e) : e]];
    case 'unary':
      if (e.op === 'NOT') return dnf(e.arg, !neg, max);
      return [[neg ? not(e) : e]];
    case 'isnull':
      return [[neg ? { ...e, not: !e.not } : e]];
    case 'in':
      return [[neg ? { ...e, not: !e.not } : e]];
    case 'any': case 'all':
      // NOT (x = ANY (arr)) is x <> ALL (arr) (PostgreSQL's form of IN / NOT IN), and so on.
      if (!neg) return [[e]];
      return isCompare(e.op) ? [[{ kind: e.kind === 'any' ? 'all' : 'any', op: NEGATE[e.op], left: e.left, right: e.right }]] : [[not(e)]];
    case 'between':
      if (neg === e.not) return [[{ ...e, not: false }]];
      return union([[cmp(e.arg, '<', e.low)]], [[cmp(e.arg, '>', e.high)]], max);
    case 'case':
      return caseBranches(e, neg, max);
    case 'binary': {
      const { op } = e;
      if (op === 'AND' || op === 'OR') {
        const l = dnf(e.left, neg, max);
        const r = dnf(e.right, neg, max);
        return (op === 'AND') !== neg ? product(l, r, max) : union(l, r, max);
      }
      if (isCompare(op)) {
        const pushed = caseComparison(e.left, op, e.right);
        if (pushed) return caseBranches(pushed, neg, max);
        const counted = countComparison(e.left, op, e.right);
        if (counted) return countBranches(counted.conds, counted.allowed(neg), max);
        if ((op === '=' || op === '<>') && isBoolean(e.left) && isBoolean(e.right)) {
          // A = B: both or neither; A <> B: exactly one (negated: the other way round).
          const same = (op === '=') !== neg;
          const a = dnf(e.left, false, max), na = dnf(e.left, true, max);
          const b = dnf(e.right, false, max), nb = dnf(e.right, true, max);
          return same ? union(product(a, b, max), product(na, nb, max), max) : union(product(a, nb, max), product(na, b, max), max);
        }
        return [[neg ? { ...e, op: NEGATE[op] } : e]];
      }
      return [[neg ? not(e) : e]];
    }
    default:
      return [[neg ? not(e) : e]];
  }
}

const not = (e: Expr): Expr => ({ kind: 'unary', op: 'NOT', arg: e });
const cmp = (left: Expr, op: CompareOp, right: Expr): Expr => ({ kind: 'binary', op, left, right });

/** Expressions whose value is a truth value (so `A <> B` is an exclusive or). */
function isBoolean(e: Expr): boolean {
  switch (e.kind) {
    case 'isnull': case 'in': case 'between': return true;
    case 'any': case 'all': return isCompare(e.op);
    case 'unary': return e.op === 'NOT';
    case 'binary': return e.op === 'AND' || e.op === 'OR' || isCompare(e.op) || e.op.includes('LIKE') || e.op.startsWith('~') || e.op.startsWith('!~');
    default: return false;
  }
}

/** CASE: one branch per WHEN (its condition, the earlier ones false, its result) and the ELSE. */
function caseBranches(e: Expr & { kind: 'case' }, neg: boolean, max: number): Expr[][] {
  let out: Expr[][] = [];
  let earlierFalse: Expr[][] = TRUE;
  for (const [when, result] of e.whens) {
    const cond: Expr = e.operand ? cmp(e.operand, '=', when) : when;
    const hit = product(earlierFalse, dnf(cond, false, max), max);
    out = union(out, product(hit, dnf(result, neg, max), max), max);
    earlierFalse = product(earlierFalse, dnf(cond, true, max), max);
  }
  // No ELSE: the result is NULL, which passes.
  out = union(out, product(earlierFalse, e.else ? dnf(e.else, neg, max) : TRUE, max), max);
  return out;
}

/** `1 = CASE WHEN c THEN 0 ELSE 1 END` (a constant compared with a CASE) as the CASE of the
 *  comparisons, `CASE WHEN c THEN 1 = 0 ELSE 1 = 1 END`, constant ones folded to true/false. */
function caseComparison(left: Expr, op: CompareOp, right: Expr): (Expr & { kind: 'case' }) | null {
  const [c, k, flipped] = right.kind === 'case' && constant(left) ? [right, left, true] : left.kind === 'case' && constant(right) ? [left, right, false] : [];
  if (!c || !k) return null;
  const compare = (r: Expr): Expr => {
    const x = flipped ? cmp(k, op, r) : cmp(r, op, k);
    if (!constant(r)) return x;
    try {
      const v = evaluateValue(x, {});
      return { kind: 'lit', value: v === null ? null : Boolean(v) };
    } catch {
      return x;
    }
  };
  return { ...c, whens: c.whens.map(([w, r]) => [w, compare(r)] as [Expr, Expr]), else: c.else ? compare(c.else) : undefined };
}

const constant = (e: Expr): boolean => {
  while (e.kind === 'cast' || e.kind === 'collate' || (e.kind === 'unary' && e.op === '-')) e = e.arg;
  return e.kind === 'lit';
};

// ---- counting: num_nonnulls(a, b, c) = 1, num_nulls(...) <= 1, (a IS NOT NULL)::int + ... = 1 ----

type Counted = { conds: Expr[]; allowed: (neg: boolean) => Set<number> };

function countComparison(left: Expr, op: CompareOp, right: Expr): Counted | null {
  let conds = countedConditions(left);
  let k = constantNumber(right);
  if (!conds || k === undefined) {
    conds = countedConditions(right);
    k = constantNumber(left);
    op = FLIP[op];
  }
  if (!conds || k === undefined) return null;
  const n = conds.length;
  const target = k;
  const cmpOp = op;
  return {
    conds,
    allowed: (neg) => {
      const s = new Set<number>();
      for (let m = 0; m <= n; m++) if (holds(m, neg ? NEGATE[cmpOp] : cmpOp, target)) s.add(m);
      return s;
    },
  };
}

function holds(m: number, op: CompareOp, k: number): boolean {
  switch (op) {
    case '=': return m === k;
    case '<>': return m !== k;
    case '<': return m < k;
    case '<=': return m <= k;
    case '>': return m > k;
    case '>=': return m >= k;
  }
}

/** The conditions whose true count the expression is, or null. */
function countedConditions(e: Expr): Expr[] | null {
  if (e.kind === 'call' && (e.name === 'num_nonnulls' || e.name === 'num_nulls') && e.args.length > 0) {
    return e.args.map((a) => ({ kind: 'isnull', arg: a, not: e.name === 'num_nonnulls' }));
  }
  // (cond)::int + (cond)::int + ... (SQLite: (cond) + (cond), its truth values are integers)
  const terms: Expr[] = [];
  const collect = (x: Expr): boolean => {
    if (x.kind === 'binary' && x.op === '+') return collect(x.left) && collect(x.right);
    if (x.kind === 'cast' && /^(int|integer|int[248]|smallint|bigint)$/.test(x.type) && isBoolean(x.arg)) { terms.push(x.arg); return true; }
    if (isBoolean(x)) { terms.push(x); return true; }
    return false;
  };
  return collect(e) && terms.length > 1 ? terms : null;
}

function constantNumber(e: Expr): number | undefined {
  if (e.kind !== 'lit' && e.kind !== 'cast' && e.kind !== 'unary') return undefined;
  try {
    const v = evaluateValue(e, {}, { dialect: 'postgres' });
    return typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined;
  } catch {
    return undefined;
  }
}

/** "m of these conditions true" for each allowed m: the conditions chosen as consecutive runs
 *  (rotating), so n columns give n branches per count instead of every subset. */
function countBranches(conds: Expr[], allowed: Set<number>, max: number): Expr[][] {
  const n = conds.length;
  const out: Expr[][] = [];
  const seen = new Set<string>();
  for (const m of allowed) {
    const starts = m === 0 || m === n ? 1 : n;
    for (let s = 0; s < starts; s++) {
      const on = new Set(Array.from({ length: m }, (_, j) => (s + j) % n));
      const key = [...on].sort().join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      if (out.length >= max) throw TOO_MANY;
      const branch: Expr[] = [];
      conds.forEach((c, i) => branch.push(...atomsOf(c, !on.has(i), max)));
      out.push(branch);
    }
  }
  return out;
}

/** A counted condition made true (or false) as plain atoms: it must be a single branch. */
function atomsOf(c: Expr, neg: boolean, max: number): Expr[] {
  const d = dnf(c, neg, max);
  return d.length === 1 ? d[0] : [neg ? not(c) : c];
}
