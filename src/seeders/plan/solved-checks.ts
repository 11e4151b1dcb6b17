// Comparison CHECKs that tie a column to the row's others (`end_date = (start_date + '1 year' -
// '1 day')::date`, `a + b = total`, `expires_at <= consumed_at + '00:01:05'::interval`) are
// solved for one column at plan time (check/solve.ts): the generator then sets that column from
// the others when a row fails the CHECK (generate/solved.ts), in an order where a column is set
// before the CHECKs that read it.
import { referencedColumns, walk, type Expr } from '../check/index.ts';
import { castBaseType } from '../check/evaluate.ts';
import { parseInterval } from '../check/intervals.ts';
import { solveFor, type Solution } from '../check/solve.ts';
import type { RowCheck, SolvedCheck, Unit } from '../generate/recipe.ts';
import type { TableInfo } from '../schema/model.ts';
import type { ExclusionForm } from '../generate/exclusion-forms.ts';

const SOLVABLE = new Set(['integer', 'bigint', 'real', 'decimal', 'date', 'datetime', 'time', 'text', 'unknown']);
// Text too: SQLite keeps dates in TEXT columns (a bound that is no date leaves the row to be drawn again).
const ORDERED = new Set(['integer', 'bigint', 'real', 'decimal', 'date', 'datetime', 'time', 'text', 'unknown']);

/** Gives each comparison row check it can solve its `solve`, and orders the checks so that a
 *  solved column comes before the checks that read it. Returns the columns set so. */
export function solveRowChecks(table: TableInfo, units: Unit[], rowChecks: RowCheck[], placed: Set<string>): string[] {
  const targets = new Set<string>();
  for (const rc of rowChecks) {
    const solve = solveOne(table, units, rc.expr, placed);
    if (!solve) continue;
    rc.solve = solve;
    targets.add(solve.column.toLowerCase());
  }
  if (!targets.size) return [];
  // A check that sets a column goes before the checks that read it (a total of subtotals).
  const reads = (rc: RowCheck) => new Set([rc.solve!.bound, ...(rc.solve!.upper ? [rc.solve!.upper] : [])].flatMap(referencedColumns).map((c) => c.toLowerCase()));
  const solved = rowChecks.filter((rc) => rc.solve);
  const ordered: RowCheck[] = [];
  const pending = [...solved];
  while (pending.length) {
    const i = pending.findIndex((rc) => !pending.some((o) => o !== rc && reads(rc).has(o.solve!.column.toLowerCase())));
    ordered.push(...pending.splice(i < 0 ? 0 : i, 1));
  }
  const rest = rowChecks.filter((rc) => !rc.solve);
  rowChecks.splice(0, rowChecks.length, ...ordered, ...rest);
  return ordered.map((rc) => rc.solve!.column);
}

/** A comparison (or BETWEEN) solved for the column the generator may best set from the others:
 *  one its own generator fills (no key, foreign key, config function or timeline), the one alone
 *  on its side first, then one that is added. */
export function solveOne(table: TableInfo, units: Unit[], expr: Expr, placed: Set<string>): SolvedCheck | undefined {
  if (!(expr.kind === 'binary' && ['=', '<', '<=', '>', '>='].includes(expr.op)) && !(expr.kind === 'between' && !expr.not)) return undefined;
  const cols = referencedColumns(expr);
  if (cols.length < 2) return undefined;
  const keyed = new Set([...table.primaryKey, ...table.uniques.flatMap((u) => u.columns)].map((c) => c.toLowerCase()));
  const free = (column: string): boolean => {
    const lower = column.toLowerCase();
    const u = units.find((x) => x.columns.some((c) => c.toLowerCase() === lower));
    const info = table.columns.find((c) => c.name.toLowerCase() === lower);
    return !!u && !!info && u.kind === 'value' && u.columns.length === 1 && !u.rule && !keyed.has(lower) && !placed.has(u.columns[0]) && !info.generated && SOLVABLE.has(info.kind);
  };
  const options = cols.map((c) => solveFor(expr, c)).filter((s): s is Solution => s !== null && free(s.column));
  // Two bare columns in order (`a <= b`) are swapped by the generator; inequalities need a time or a number.
  const usable = options.filter((s) => s.op === '=' || (ORDERED.has(kindOf(table, s.column) ?? '') && !bareOrder(expr)));
  // A number as a sum of the others before a difference (on_hand = available + reserved stays
  // >= 0 where available = on_hand - reserved mostly would not), then the column alone on its side, then
  // one that is added.
  const sums = (x: Solution) => (NUMBERS.has(kindOf(table, x.column) ?? '') ? minuses(x.bound) : 0);
  // A date kept years away from another (`age(joined, born) >= '18 years'`) is set before it, not
  // after: drawn dates end near today, so years later would be in the future.
  const ahead = (x: Solution) => Number(DATES.has(kindOf(table, x.column) ?? '') && (x.op === '>' || x.op === '>=') && yearsApart(x.bound));
  const best = usable.sort((a, b) => sums(a) - sums(b) || ahead(a) - ahead(b) || Number(b.alone) - Number(a.alone) || Number(a.negated) - Number(b.negated))[0];
  if (!best) return undefined;
  const info = table.columns.find((c) => c.name.toLowerCase() === best.column.toLowerCase())!;
  const scale = info.kind === 'integer' || info.kind === 'bigint' ? 0 : info.kind === 'decimal' ? info.scale : undefined;
  const column = units.flatMap((u) => u.columns).find((c) => c.toLowerCase() === info.name.toLowerCase())!;
  return { column, op: best.op, bound: best.bound, ...(best.base ? { base: best.base } : {}), ...(best.upper ? { upper: best.upper } : {}), ...(scale !== undefined ? { scale } : {}) };
}

const NUMBERS = new Set(['integer', 'bigint', 'real', 'decimal']);
const DATES = new Set(['date', 'datetime']);

/** The expression adds an interval constant of a year or more. */
function yearsApart(e: Expr): boolean {
  let far = false;
  walk(e, (x) => {
    if (x.kind === 'cast' && castBaseType(x.type) === 'interval' && x.arg.kind === 'lit' && typeof x.arg.value === 'string') {
      const iv = parseInterval(x.arg.value);
      if (iv && Math.abs(iv.total) >= 360 * 86_400_000) far = true;
    }
  });
  return far;
}

/** How many columns the expression subtracts. */
function minuses(e: Expr): number {
  let n = 0;
  walk(e, (x) => {
    if ((x.kind === 'binary' && x.op === '-' && referencedColumns(x.right).length) || (x.kind === 'unary' && x.op === '-' && referencedColumns(x.arg).length)) n++;
  });
  return n;
}

const kindOf = (table: TableInfo, column: string) => table.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())?.kind;
const bareOrder = (e: Expr): boolean => e.kind === 'binary' && e.left.kind === 'col' && e.right.kind === 'col' && e.op !== '=';

/** An EXCLUDE timeline over two columns whose CHECK sets the upper one from the lower one
 *  (`end_date = (start_date + '1 year' - '1 day')::date`, `ends_at = starts_at + '01:30:00'`):
 *  the timeline takes each range's length from that CHECK (generate/timeline.ts), so rows are
 *  apart and meet it. The bound may read the lower column and columns drawn before the timeline. */
export function timelineLengths(forms: ExclusionForm[], parts: { expr: Expr; text: string }[]): void {
  for (const f of forms) {
    const r = f.range;
    if (r.shape !== 'bounds') continue;
    const placed = new Set(f.placed.map((c) => c.toLowerCase()));
    for (const { expr, text } of parts) {
      if (expr.kind !== 'binary' || expr.op !== '=') continue;
      const s = solveFor(expr, r.upper);
      if (!s || s.column.toLowerCase() !== r.upper.toLowerCase()) continue;
      const reads = referencedColumns(s.bound).map((c) => c.toLowerCase());
      if (!reads.includes(r.lower.toLowerCase()) || reads.some((c) => placed.has(c) && c !== r.lower.toLowerCase() && c !== r.day?.toLowerCase())) continue;
      f.upperFrom = { bound: s.bound, check: text };
      break;
    }
  }
}
