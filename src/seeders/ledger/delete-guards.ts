import type { Driver, WriteTransaction } from '../driver.ts';
import type { SchemaInfo } from '../schema/model.ts';
import { quoteIdent } from '../schema/pg-names.ts';
import { quote } from '../schema/sqlite.ts';

// An append-only table guards its rows with a BEFORE DELETE trigger that raises ("Purchase
// receipts are immutable"), a soft-deleting one turns the DELETE into an UPDATE (RETURN NULL,
// SQLite's RAISE(IGNORE)). Undo deletes only rows the run made, fake ones: the guard is set
// aside for the undo's transaction and put back before COMMIT, so nothing changes if it fails.
// SQLite: DROP TRIGGER, then CREATE TRIGGER with the text sqlite_master kept (DDL is
// transactional); PostgreSQL: ALTER TABLE … DISABLE / ENABLE TRIGGER (the table's owner may).
// Triggers that do work on delete (an FTS index kept in step, an audit row) are not guards and
// still fire.

/** Sets aside the rejecting (or row-keeping) BEFORE DELETE row triggers of `tables`; returns what puts them back. */
export async function suspendDeleteGuards(driver: Driver, tx: WriteTransaction, schema: SchemaInfo, tables: string[]): Promise<() => Promise<void>> {
  const names = new Set(tables);
  const guards = (schema.triggers ?? []).filter((t) => names.has(t.table) && t.timing === 'before' && t.events.includes('delete') && (t.rejects || t.keepsDeleted) && !t.events.includes('insert'));
  if (!guards.length || !tx.execute) return async () => {};
  const query = (sql: string, params: unknown[] = []) => (tx.query ? tx.query(sql, params) : driver.query!(sql, params));
  if (driver.dialect === 'sqlite') {
    const texts: string[] = [];
    for (const g of guards) {
      const [row] = await query(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, [g.name]);
      if (typeof row?.sql !== 'string') continue;
      texts.push(row.sql);
      await tx.execute(`DROP TRIGGER ${quote(g.name)}`);
    }
    return async () => { for (const sql of texts) await tx.execute!(sql); };
  }
  const on = (g: (typeof guards)[number], how: 'DISABLE' | 'ENABLE') => `ALTER TABLE ${driver.quoteTable!(g.table)} ${how} TRIGGER ${quoteIdent(g.name)}`;
  for (const g of guards) await tx.execute(on(g, 'DISABLE'));
  return async () => { for (const g of guards) await tx.execute!(on(g, 'ENABLE')); };
}
