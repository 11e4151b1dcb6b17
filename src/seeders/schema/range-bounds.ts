import type { CheckInfo } from './model.ts';

// A range built from two columns in an exclusion constraint, a generated column or an index
// (`EXCLUDE USING gist (court_id WITH =, tsrange(booking_date + start_time, booking_date +
// end_time) WITH &&)`) fails every row whose lower bound is above its upper one ("range lower
// bound must be less than or equal to range upper bound"), though no CHECK says so. Each such
// call becomes a CHECK `(lower) <= (upper)` the rows are drawn to meet (PostgreSQL enforces it
// through the expression already, so validate asking it again finds nothing new).

const RANGE = /\b(?:tsrange|tstzrange|daterange|int4range|int8range|numrange)\s*\(/gi;

/** The bounds of every range constructor in `expr` that has both. */
export function rangeBounds(expr: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of expr.matchAll(RANGE)) {
    const args = splitArgs(expr, m.index! + m[0].length);
    if (args && args.length >= 2 && args[0] && args[1] && !/^null$/i.test(args[0]) && !/^null$/i.test(args[1])) out.push([args[0], args[1]]);
  }
  return out;
}

/** CHECKs for the range bounds in `sources` (name → SQL text), one per distinct pair. */
export function rangeBoundChecks(sources: [string, string][]): CheckInfo[] {
  const seen = new Set<string>();
  const out: CheckInfo[] = [];
  for (const [name, sql] of sources) {
    for (const [lo, hi] of rangeBounds(sql)) {
      if (startPlusLength(lo, hi)) continue;
      const [a, b] = cancelCommon(lo, hi);
      const expression = `(${a}) <= (${b})`;
      if (seen.has(expression)) continue;
      seen.add(expression);
      out.push({ name: `${name}: range bounds`, expression });
    }
  }
  return out;
}

/** `d + start_time`, `d + end_time` → `start_time`, `end_time`: a term both sides add cancels out,
 *  so the row test compares what varies (and the engine can draw it: start before end). */
function cancelCommon(lo: string, hi: string): [string, string] {
  const a = terms(bare(lo));
  const b = terms(bare(hi));
  if (!a || !b || a.length !== b.length || a.length < 2) return [lo, hi];
  const differ = a.map((t, i) => t !== b[i]);
  const k = differ.indexOf(true);
  if (k < 0 || differ.lastIndexOf(true) !== k) return [lo, hi];
  return [bare(a[k]), bare(b[k])];
}

/** `start_time`, `start_time + duration * interval '1 minute'`: a start and a length, not two
 *  values to order (the length's sign decides; an EXCLUDE timeline writes positive ones). */
function startPlusLength(lo: string, hi: string): boolean {
  const a = terms(bare(lo));
  const b = terms(bare(hi));
  return !!a && !!b && b.length > a.length && a.every((t, i) => t === b[i]);
}

/** Without outer parentheses and a trailing cast: `((d + t))::timestamp without time zone` → `d + t`. */
function bare(s: string): string {
  let x = s.trim();
  for (;;) {
    const cast = /::[a-z_][\w ]*(?:\(\d+(?:,\s*\d+)?\))?$/i.exec(x);
    if (cast && balanced(x.slice(0, cast.index))) { x = x.slice(0, cast.index).trim(); continue; }
    if (x.startsWith('(') && x.endsWith(')') && balanced(x.slice(1, -1))) { x = x.slice(1, -1).trim(); continue; }
    return x;
  }
}

/** The terms of a sum at depth 0 (`+` only), or undefined when there is anything else to it. */
function terms(s: string): string[] | undefined {
  const parts = splitArgs(`${s})`, 0, '+');
  return parts?.map((t) => t.trim());
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The top-level arguments of a call whose `(` ends just before `from`; undefined if unbalanced. */
function splitArgs(s: string, from: number, sep = ','): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      const j = s.indexOf(c, i + 1);
      if (j < 0) return undefined;
      i = j;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) { args.push(s.slice(start, i).trim()); return args; }
      depth--;
    } else if (c === sep && depth === 0) { args.push(s.slice(start, i).trim()); start = i + 1; }
  }
  return undefined;
}
