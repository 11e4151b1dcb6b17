import { deriveHints, evaluate, parseCheck, referencedColumns, type Expr, type HintValue } from '../check/index.ts';
import type { Dialect, TableInfo } from './model.ts';
import type { Dialect as CheckDialect } from '../check/index.ts';

// A trigger's IF on the new row that holds for every row the table can take only because of its
// CHECKs or enum type: `CHECK (status IN ('active', 'invited'))` and `IF NEW.status IN ('active',
// 'invited') THEN INSERT …`, or `IF NEW.kind <> 'deleted'` where the CHECK allows no 'deleted'.
// Told by the CHECK machinery: the values the CHECKs leave a NOT NULL column (a finite list),
// each tried in the condition; it holds when every one (every combination, for two columns)
// makes it true.

/** Combinations tried at most: beyond, the IF is left as a condition. */
const MAX_COMBINATIONS = 256;

/** Whether `cond` (NEW. dropped) is true for every row the table's CHECKs and enum types allow. */
export function impliedByChecks(cond: string, table: TableInfo | undefined, dialect: Dialect): boolean {
  if (!table) return false;
  let expr: Expr;
  try { expr = parseCheck(cond); } catch { return false; }
  const cols = [...new Set(referencedColumns(expr).map((c) => c.toLowerCase()))];
  if (!cols.length || cols.length > 2) return false;
  const hints = allowedValues(table);
  const domains: HintValue[][] = [];
  for (const name of cols) {
    const col = table.columns.find((c) => c.name.toLowerCase() === name);
    // A NULL makes most conditions unknown, and an IF takes unknown as false.
    if (!col || col.nullable) return false;
    const values = col.enumValues?.length ? col.enumValues : hints.get(name)?.filter((v) => v !== null);
    if (!values?.length) return false;
    domains.push(values);
  }
  if (domains.reduce((n, d) => n * d.length, 1) > MAX_COMBINATIONS) return false;
  const rows: Record<string, HintValue>[] = [{}];
  domains.forEach((d, i) => {
    const grown = rows.flatMap((r) => d.map((v) => ({ ...r, [cols[i]]: v })));
    rows.splice(0, rows.length, ...grown);
  });
  try {
    const d: CheckDialect = dialect === 'sqlite' ? 'sqlite' : 'postgres';
    return rows.every((row) => evaluate(expr, row, { dialect: d }) === true);
  } catch {
    return false; // something the evaluator cannot model: not known to hold
  }
}

/** Column (lower case) → the only values the table's CHECKs allow it, where they name a list. */
function allowedValues(table: TableInfo): Map<string, HintValue[]> {
  const parsed: Expr[] = [];
  for (const c of table.checks) {
    // Only the database's own CHECKs: a trigger's steer is not what every row holds.
    if (c.trigger || c.database || c.entity) continue;
    try { parsed.push(parseCheck(c.expression)); } catch { /* not understood: no list from it */ }
  }
  const out = new Map<string, HintValue[]>();
  if (!parsed.length) return out;
  for (const [name, h] of deriveHints(parsed).columns) if (h.oneOf?.length) out.set(name, h.oneOf);
  return out;
}
