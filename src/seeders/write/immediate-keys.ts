import type { Driver, WriteTransaction } from '../driver.ts';
import { unpackRows, type EncodedRows } from '../drivers/encode.ts';
import type { TableInfo } from '../schema/model.ts';

// The parent of a key SQLite calls a "foreign key mismatch" (schema/fk-mismatch.ts) takes rows
// only through INSERTs that never look at that key's child: one row per statement (a multi-row
// INSERT makes SQLite check the children of every row it adds, whose key it cannot look up) with
// foreign keys checked at once (run.ts turns the run's deferral off around the table). Only such
// tables go this way. A batch's rows go as one step (executeEach: the statement prepared once,
// one message to a writing thread): a round trip per row took 8.5 s for 100,000 rows.

/** Writes `rows` (values, or the writer's packed form) one INSERT per row. */
export async function insertRowByRow(tx: WriteTransaction, driver: Driver, table: TableInfo, columns: string[], rows: unknown[][] | EncodedRows): Promise<void> {
  const sql = `INSERT INTO ${driver.quoteTable!(table.name)} (${columns.map((c) => driver.quoteColumn!(c)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  let list: unknown[][];
  if (Array.isArray(rows)) list = rows;
  else {
    if (rows.kind !== 'sqlite-packed') throw new Error(`SQLite cannot write ${rows.kind} rows`);
    list = [];
    const w = columns.length;
    unpackRows(rows, (params, n) => { for (let r = 0; r < n; r++) list.push(params.slice(r * w, (r + 1) * w)); });
  }
  if (tx.executeEach) await tx.executeEach(sql, list);
  else for (const row of list) await tx.execute!(sql, row);
}
