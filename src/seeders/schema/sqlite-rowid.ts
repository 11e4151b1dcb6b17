import type { TableInfo } from './model.ts';

/** The name that reaches a SQLite table's rowid: `rowid`, unless a column of the table is named
 *  so (a vector index's `rowid PRIMARY KEY`, an import's `rowid TEXT`), then `_rowid_` or `oid`;
 *  undefined when all three are columns. Reading "rowid" there read the column: undo matched
 *  nothing and marked the run cleared with its rows still in place. */
export function rowidName(table: TableInfo): string | undefined {
  const taken = (n: string) => table.columns.some((c) => c.name.toLowerCase() === n);
  return ['rowid', '_rowid_', 'oid'].find((n) => !taken(n));
}
