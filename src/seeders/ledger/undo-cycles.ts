import type { Driver } from '../driver.ts';
import type { TableInfo } from '../schema/model.ts';
import type { InsertedKeys } from './ledger.ts';

// A table whose NOT NULL foreign key points at itself (`parent_id INTEGER NOT NULL REFERENCES
// folders`) has no row without a parent: its seeded trees close into loops (or a root that is its
// own parent). Undo deletes leaf by leaf, and a loop never has a leaf: its rows were kept, "rows
// added later still reference them", with nothing outside the run referencing them. Here the rows
// of the run that must stay are those something outside the run references, and their ancestors;
// the rest of the run's rows go in one statement (the database checks the key at its end).

/** One DELETE of the run's rows of `table` (keys `k`) not held by a row outside the run, through
 *  its single self-reference; undefined when the table has none or it spans several columns. */
export function selfLoopDelete(driver: Driver, table: TableInfo, k: InsertedKeys, referencing: { child: TableInfo; fk: TableInfo['foreignKeys'][number] }[]) {
  const self = table.foreignKeys.filter((f) => f.refTable === table.name);
  if (self.length !== 1 || self[0].columns.length !== 1) return undefined;
  const fk = self[0].columns[0];
  const ref = self[0].refColumns[0];
  const params: unknown[] = [];
  const qc = (c: string) => driver.quoteColumn!(c);
  const qt = driver.quoteTable!(table.name);
  const ph = (v: unknown) => { params.push(v); return driver.placeholder!(params.length); };
  const inRun = (alias: string): string => {
    const col = (c: string) => `${alias}.${qc(c)}`;
    if (k.range) return `${col(k.columns[0])} BETWEEN ${ph(k.range.lo)} AND ${ph(k.range.hi)}`;
    if (k.columns.length === 1) return `${col(k.columns[0])} IN (${k.keys!.map((t) => ph(t[0])).join(', ')})`;
    return `(${k.keys!.map((t) => `(${k.columns.map((c, j) => `${col(c)} = ${ph(t[j])}`).join(' AND ')})`).join(' OR ')})`;
  };
  // Held from outside: a row of this table that is not the run's, or any row of another table.
  let sql = `WITH RECURSIVE held(v) AS (SELECT p.${qc(ref)} FROM ${qt} p WHERE ${inRun('p')} AND (EXISTS (SELECT 1 FROM ${qt} c WHERE c.${qc(fk)} = p.${qc(ref)} AND NOT (${inRun('c')}))`;
  referencing.filter((r) => r.child.name !== table.name).forEach((r, i) => {
    sql += ` OR EXISTS (SELECT 1 FROM ${driver.quoteTable!(r.child.name)} x${i} WHERE ${r.fk.columns.map((c, j) => `x${i}.${qc(c)} = p.${qc(r.fk.refColumns[j])}`).join(' AND ')})`;
  });
  // A held row keeps its parent, and so on up.
  sql += `) UNION SELECT c.${qc(fk)} FROM ${qt} c JOIN held h ON c.${qc(ref)} = h.v WHERE c.${qc(fk)} IS NOT NULL)`;
  sql += ` DELETE FROM ${qt} WHERE ${inRun(qt)} AND ${qt}.${qc(ref)} NOT IN (SELECT v FROM held WHERE v IS NOT NULL)`;
  return { sql, params };
}
