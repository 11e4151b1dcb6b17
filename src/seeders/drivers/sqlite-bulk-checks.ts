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
// An FK to one integer column whose values form one unbroken range (a run's keys usually do:
// the parent's count equals max - min + 1) is checked as a range test in the same scan as the
// CHECKs: no parent lookup per row (PRAGMA foreign_key_check's B-tree seek per row and FK was
// most of a 2M-row load's checking time). A row the range test doubts (outside it, or not an
// integer) sends the table to PRAGMA foreign_key_check, whose verdict and message stand.

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

/** Tables asked about per statement (SQLite allows 500 terms in a compound SELECT). */
const BATCH = 200;

function bulkPossible(db: Connection, tables: BulkTable[]): boolean {
  if (db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'trigger' LIMIT 1`).all().length) return false;
  try {
    // Whether any of them holds a row: one statement per BATCH tables, not one each (a
    // 533-table schema's run started ≈20 ms later for it).
    for (let i = 0; i < tables.length; i += BATCH) {
      const part = tables.slice(i, i + BATCH);
      if (db.prepare(part.map((t) => `SELECT 1 FROM (SELECT 1 FROM ${quote(t.name)} LIMIT 1)`).join(' UNION ALL ')).all().length) return false;
    }
    for (const t of tables) if (t.checks.length) scanStatement(db, t, []); // a CHECK SQLite would not take in a query: keep per-row checks
  } catch {
    return false;
  }
  return true;
}

/** The catalogue queries verifyBulk asks for every table, prepared once per connection. */
const CATALOGUE = new WeakMap<Connection, Map<string, { all(...params: unknown[]): unknown[] }>>();
function catalogue(db: Connection, sql: string): { all(...params: unknown[]): unknown[] } {
  let byText = CATALOGUE.get(db);
  if (!byText) CATALOGUE.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
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

/** Throws a ConstraintError for the first table with a row that breaks an FK or a CHECK.
 *  `ranges` caches parent key ranges between calls (a parent is complete once verified against). */
export function verifyBulk(db: Connection, tables: BulkTable[], ranges = new Map<string, string | undefined>()): void {
  for (const t of tables) {
    const fk = rangeTests(db, t.name, ranges);
    if (fk === undefined) {
      const orphans = orphanError(db, t.name);
      if (orphans) throw orphans;
    }
    const tests = fk ?? [];
    if (!t.checks.length && !tests.length) continue;
    let bad = scanStatement(db, t, tests).all()[0] as Record<string, number> | undefined;
    if (bad?.fk) {
      // Outside a parent's range, or not an integer: SQLite decides (and names the orphans).
      const orphans = orphanError(db, t.name);
      if (orphans) throw orphans;
      bad = t.checks.length ? scanStatement(db, t, []).all()[0] as Record<string, number> | undefined : undefined;
    }
    if (!bad) continue;
    const c = t.checks[t.checks.findIndex((_, i) => bad[`c${i}`])] ?? t.checks[0];
    throw new ConstraintError(`CHECK constraint failed: ${c.name ?? c.expression}`, 'SQLITE_CONSTRAINT_CHECK', t.name);
  }
}

/** One scan of the table: a column per CHECK (1 where it fails) and `fk` (1 where a range test doubts the row). */
function scanStatement(db: Connection, t: BulkTable, fkTests: string[]) {
  const failed = t.checks.map((c) => `NOT coalesce((${c.expression}), 1)`);
  const fk = fkTests.length ? [`(${fkTests.join(' OR ')})`] : [];
  const select = [...failed.map((f, i) => `${f} AS "c${i}"`), ...fk.map((f) => `${f} AS fk`)];
  return db.prepare(`SELECT ${select.join(', ')} FROM ${quote(t.name)} WHERE ${[...failed, ...fk].join(' OR ')} LIMIT 1`);
}

/** The table's FKs as range tests (SQL true where a row may lack its parent), or undefined when
 *  one of them is not an FK to one unique integer column holding an unbroken range.
 *  `ranges` caches each parent key's test template (undefined: not a range). */
function rangeTests(db: Connection, table: string, ranges: Map<string, string | undefined>): string[] | undefined {
  const list = catalogue(db, `SELECT id, "from", "table" AS parent, "to" FROM pragma_foreign_key_list(?)`).all(table) as { id: number; from: string; parent: string; to: string | null }[];
  const tests: string[] = [];
  for (const fk of list) {
    if (list.filter((f) => f.id === fk.id).length !== 1) return undefined;
    const to = fk.to ?? singlePk(db, fk.parent);
    if (to === undefined) return undefined;
    const key = `${fk.parent}\u0000${to}`;
    if (!ranges.has(key)) ranges.set(key, parentRange(db, fk.parent, to));
    const range = ranges.get(key);
    if (range === undefined) return undefined;
    const c = quote(fk.from);
    tests.push(`(${c} IS NOT NULL AND ${range.replaceAll('?', c)})`);
  }
  return tests;
}

function singlePk(db: Connection, table: string): string | undefined {
  const pk = catalogue(db, `SELECT name FROM pragma_table_info(?) WHERE pk > 0`).all(table) as { name: string }[];
  return pk.length === 1 ? pk[0].name : undefined;
}

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** For a unique integer column holding exactly [lo, hi]: the test `? is not in it` (? stands
 *  for the child column); an empty parent: every non-NULL child value is doubtful. */
function parentRange(db: Connection, table: string, column: string): string | undefined {
  try {
    if (!unique(db, table, column)) return undefined;
    const c = quote(column);
    const r = db.prepare(`SELECT count(${c}) AS n, min(${c}) AS lo, max(${c}) AS hi, count(${c}) - count(CASE WHEN typeof(${c}) = 'integer' THEN 1 END) AS other FROM ${quote(table)}`).all()[0] as { n: number; lo: unknown; hi: unknown; other: number };
    if (!r.n) return '1';
    if (r.other || !Number.isSafeInteger(r.lo) || !Number.isSafeInteger(r.hi) || (r.hi as number) - (r.lo as number) + 1 !== r.n) return undefined;
    return `(typeof(?) <> 'integer' OR ? NOT BETWEEN ${r.lo} AND ${r.hi})`;
  } catch {
    return undefined;
  }
}

/** The column alone is the primary key or a (full) unique index: its values are distinct. */
function unique(db: Connection, table: string, column: string): boolean {
  if (same(singlePk(db, table), column)) return true;
  const indexes = catalogue(db, `SELECT name FROM pragma_index_list(?) WHERE "unique" AND NOT partial`).all(table) as { name: string }[];
  return indexes.some((ix) => {
    const cols = catalogue(db, `SELECT name FROM pragma_index_info(?)`).all(ix.name) as { name: string | null }[];
    return cols.length === 1 && same(cols[0].name, column);
  });
}
