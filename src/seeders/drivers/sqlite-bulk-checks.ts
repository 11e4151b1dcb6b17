import type { CheckInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';

// Constraint checks of a bulk load, once per table instead of once per row. SQLite checks every
// inserted row's CHECKs and looks up its FK parents as it goes: ≈35 % of a large load's write
// time on the benchmark schema. When every table a run fills is empty when the run starts, and
// no trigger can write elsewhere, the run's own connection (the writing thread's) turns those
// per-row checks off and, before COMMIT, asks SQLite for the same verdicts over whole tables:
// PRAGMA foreign_key_check and one query per table over its CHECK expressions (a CHECK fails
// where its expression is false, not where it is NULL). Every row is still checked by the
// database; a violation fails the run, which is rolled back. Tables that already hold rows keep
// per-row checks: their old rows are not the run's to judge.

export interface BulkTable {
  name: string;
  checks: CheckInfo[];
}

interface Connection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  exec(sql: string): void;
  pragma(sql: string): unknown;
  readonly inTransaction: boolean;
}

export class ConstraintError extends Error {
  readonly code: string;
  readonly table: string;
  constructor(message: string, code: string, table: string) {
    super(message);
    this.code = code;
    this.table = table;
  }
}

/** Opens the run's transaction (BEGIN IMMEDIATE). Returns the tables to verify at the end, or
 *  undefined when SQLite checks each row itself (FKs deferred to COMMIT, as on the engine's
 *  own connection). */
export function beginBulk(db: Connection, tables: BulkTable[]): BulkTable[] | undefined {
  if (tables.length) {
    db.pragma('foreign_keys = OFF'); // only outside a transaction
    db.pragma('ignore_check_constraints = ON');
    db.exec('BEGIN IMMEDIATE');
    // Decided under the write lock, so no other connection can add rows or triggers meanwhile.
    if (bulkPossible(db, tables)) return tables;
    db.exec('ROLLBACK');
    db.pragma('foreign_keys = ON');
    db.pragma('ignore_check_constraints = OFF');
  }
  db.exec('BEGIN IMMEDIATE');
  // Every FK is checked at COMMIT, so cycles and out-of-order keys are fine inside the run.
  db.pragma('defer_foreign_keys = ON');
  return undefined;
}

function bulkPossible(db: Connection, tables: BulkTable[]): boolean {
  if (db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'trigger' LIMIT 1`).all().length) return false;
  try {
    for (const t of tables) {
      if (db.prepare(`SELECT 1 FROM ${quote(t.name)} LIMIT 1`).all().length) return false;
      if (t.checks.length) checkStatement(db, t); // a CHECK SQLite would not take in a query: keep per-row checks
    }
  } catch {
    return false;
  }
  return true;
}

function checkStatement(db: Connection, t: BulkTable) {
  const failed = t.checks.map((c) => `NOT coalesce((${c.expression}), 1)`);
  return db.prepare(`SELECT ${failed.map((f, i) => `${f} AS "c${i}"`).join(', ')} FROM ${quote(t.name)} WHERE ${failed.join(' OR ')} LIMIT 1`);
}

/** Rows whose FK has no parent, in `table` (or the first table that has any), as an error naming
 *  the table, its FK columns and the parent; undefined when there are none. */
function orphanError(db: Connection, table?: string): ConstraintError | undefined {
  const all = db.prepare(`PRAGMA foreign_key_check${table ? `(${quote(table)})` : ''}`).all() as { table: string; rowid: number | null; parent: string; fkid: number }[];
  if (!all.length) return undefined;
  const name = table ?? all[0].table;
  const orphans = all.filter((o) => o.table === name);
  const o = orphans[0];
  const fk = (db.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as { id: number; from: string }[]).filter((f) => f.id === o.fkid).map((f) => f.from);
  const where = o.rowid === null ? '' : `, first at rowid ${o.rowid}`;
  return new ConstraintError(`FOREIGN KEY constraint failed: ${orphans.length} row(s) of ${name}(${fk.join(', ')}) have no parent in ${o.parent}${where}`, 'SQLITE_CONSTRAINT_FOREIGNKEY', name);
}

/** A COMMIT refused for FKs checked at commit (defer_foreign_keys) leaves the transaction open:
 *  ask SQLite which table holds the orphans, so the error names it (and a run can leave it out). */
export function commitError(db: Connection, e: unknown): unknown {
  if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY' || !db.inTransaction) return e;
  try {
    return orphanError(db) ?? e;
  } catch {
    return e;
  }
}

/** Throws a ConstraintError for the first table with a row that breaks an FK or a CHECK. */
export function verifyBulk(db: Connection, tables: BulkTable[]): void {
  for (const t of tables) {
    const orphans = orphanError(db, t.name);
    if (orphans) throw orphans;
    if (!t.checks.length) continue;
    const bad = checkStatement(db, t).all()[0] as Record<string, number> | undefined;
    if (!bad) continue;
    const c = t.checks[t.checks.findIndex((_, i) => bad[`c${i}`])] ?? t.checks[0];
    throw new ConstraintError(`CHECK constraint failed: ${c.name ?? c.expression}`, 'SQLITE_CONSTRAINT_CHECK', t.name);
  }
}
