import { CENTS, limitOf, MONEY, QUANTITY, scaleOf, SUBTOTAL, UNIT_PRICE } from '../generate/coherence.ts';
import type { TableRecipe, Unit } from '../generate/recipe.ts';
import { snake } from '../generate/rules/kit.ts';

// Totals across tables: an order's or invoice's total is the sum of its lines. Rows are made
// parents first, so the run sets these totals once every row is written, with one UPDATE per
// pair over the run's own parent rows (write/rollups.ts). Only where the columns make it plain:
// a parent money column named like a total, with no in-row parts of its own (subtotal, price ×
// quantity) and no CHECK on it, and exactly one child table with a single-column foreign key to
// the parent's key and a line amount (a line total, or quantity × unit price).

export interface Rollup {
  parent: string;
  /** The parent's total column and its single-column primary key. */
  column: string;
  key: string;
  child: string;
  /** The child's foreign key column to `key`. */
  fkColumn: string;
  /** What one line adds: a column, or quantity × unit price. */
  line: { amount: string } | { quantity: string; price: string };
  scale: number;
  /** Largest magnitude the column holds (numeric(p, s)); Infinity when unbounded. */
  limit: number;
}

const PARENT_TOTAL = ['total', 'total_amount', 'grand_total', 'order_total', 'invoice_total', 'total_price', 'total_cost', 'amount_total'];
const LINE_AMOUNT = ['line_total', 'line_amount', 'extended_price', 'total', 'total_price', 'amount', 'subtotal', 'line_subtotal'];

/** The label of the generator that fills `column` (rule id), if a rule fills it alone. */
function labelOf(recipe: TableRecipe, column: string): string | undefined {
  const u = recipe.units.find((x: Unit) => x.kind === 'value' && x.columns.length === 1 && x.columns[0] === column);
  return u && !u.rule ? u.gen?.label : undefined;
}

/** Columns by snake_case name whose generator is one of `labels`. */
function byName(recipe: TableRecipe, names: string[], labels: (l: string) => boolean): string | undefined {
  const numeric = numericColumns(recipe);
  for (const n of names) {
    const col = numeric.get(n);
    const label = col && labelOf(recipe, col);
    if (col && label && labels(label)) return col;
  }
  return undefined;
}

/** A table's numeric columns by snake_case name, money in cents by the name it would have
 *  without `_cents` (total_cents is a total); the first of a name, as the table lists them.
 *  Made once per table: the look-ups run for every table and every pair of tables. */
const NUMERIC_COLUMNS = new WeakMap<TableRecipe, Map<string, string>>();
function numericColumns(recipe: TableRecipe): Map<string, string> {
  let out = NUMERIC_COLUMNS.get(recipe);
  if (!out) {
    out = new Map();
    for (const c of recipe.table.columns) {
      const n = snake(c.name).replace(CENTS, '');
      if (NUMERIC.has(c.kind) && !out.has(n)) out.set(n, c.name);
    }
    NUMERIC_COLUMNS.set(recipe, out);
  }
  return out;
}

const isMoney = (l: string) => MONEY.has(l);
const NUMERIC = new Set<string>(['integer', 'bigint', 'decimal', 'real']);

/** The rollups of a plan: `filled` are the tables that get rows in this run. */
export function findRollups(recipes: Map<string, TableRecipe>, filled: Set<string>): Rollup[] {
  const out: Rollup[] = [];
  for (const [name, p] of recipes) {
    if (!filled.has(name) || p.table.primaryKey.length !== 1) continue;
    const column = byName(p, PARENT_TOTAL, isMoney);
    if (!column) continue;
    // The in-row totals (coherence.ts) already own a total made of parts in the same row.
    if (byName(p, SUBTOTAL, isMoney) || (byName(p, QUANTITY, (l) => l === 'commerce.quantity') && byName(p, UNIT_PRICE, isMoney))) continue;
    const mentioned = new RegExp(`(^|[^\\w])"?${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?([^\\w]|$)`, 'i');
    if (p.table.checks.some((c) => mentioned.test(c.expression))) continue;
    const key = p.table.primaryKey[0];
    const lines: Rollup[] = [];
    for (const [childName, c] of recipes) {
      if (childName === name || !filled.has(childName)) continue;
      const fk = c.units.find((u) => u.kind === 'fk' && !u.shared && u.fk!.refTable === name && u.columns.length === 1 && u.fk!.refColumns[0] === key && !u.rule);
      if (!fk) continue;
      const amount = byName(c, LINE_AMOUNT, isMoney);
      const quantity = byName(c, QUANTITY, (l) => l === 'commerce.quantity');
      // A unit price by name is a price whatever rule fills it (track prices have their own).
      const price = quantity ? byName(c, UNIT_PRICE, () => true) : undefined;
      const line = amount ? { amount } : quantity && price ? { quantity, price } : undefined;
      // Both in cents or both in units (price_cents lines do not add up to a total in dollars).
      const cents = (col: string) => CENTS.test(snake(col));
      if (!line || cents(amount ?? price!) !== cents(column)) continue;
      const info = p.table.columns.find((x) => x.name === column)!;
      lines.push({ parent: name, column, key, child: childName, fkColumn: fk.columns[0], line, scale: scaleOf(info, 2), limit: limitOf(info) });
    }
    if (lines.length === 1) out.push(lines[0]);
  }
  return out;
}

/** Where a rollup's value comes from, as the plan says it. */
export function rollupSource(r: Rollup): string {
  const line = 'amount' in r.line ? r.line.amount : `${r.line.quantity} × ${r.line.price}`;
  return `sum of ${r.child}.${line} per ${r.parent} row (set once the rows are written)`;
}

/** How a rollup reads in a plan. */
export const rollupText = (r: Rollup): string => `${r.parent}.${r.column} = ${rollupSource(r)}`;
