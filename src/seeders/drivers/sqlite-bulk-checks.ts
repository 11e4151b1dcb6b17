import type { CheckInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';
import type { PackedRows } from './encode.ts';
import { foreignKeyOrphans, type Orphan } from './sqlite-fk-check.ts';

// Constraint checks of a bulk load, once per table instead of once per row. SQLite checks every
// inserted row's CHECKs and looks up its FK parents as it goes: ≈35 % of a large load's write
// time on the benchmark schema. When every table a run fills is empty when the run starts, and
// no trigger can write elsewhere, the run's own connection (the writing thread's) turns those
// per-row checks off and, before COMMIT, has each table verified:
// - CHECKs: one query per table over its CHECK expressions (a CHECK fails where its expression
//   is false, not where it is NULL). Per row they cost more: SQLite builds an `IN (…)` list's
//   look-up table again for every row a multi-row INSERT checks (100,000 rows with one such
//   CHECK: 123 ms against 80 without checks; the query over them afterwards: 12 ms).
// - FKs to one integer column whose values form one unbroken range (a run's keys usually do:
//   the parent's count equals max - min + 1, read from the parent): vouched for by the values
//   the writing thread bound into the child column (BoundKeys) — integers between the range's
//   ends each have a parent — without reading the child table back (a query over its FK columns
//   was 12 ms per 100,000 rows; PRAGMA foreign_key_check's parent look-up per row and FK, more
//   at 2M rows). A value it cannot vouch for (text, a fraction, outside the range), an FK of
//   several columns, or a table written otherwise than by its inserts (an UPDATE closing a
//   cycle) sends the table to PRAGMA foreign_key_check, whose verdict and message stand.
// Every row is still checked by the database or by the values it was given; a violation fails
// the run, which is rolled back. Tables that already hold rows keep per-row checks: their old
// rows are not the run's to judge.

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
    for (const t of tables) if (t.checks.length) checkStatement(db, t); // a CHECK SQLite would not take in a query: keep per-row checks
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
  const all = table ? db.prepare(`PRAGMA foreign_key_check(${quote(table)})`).all() as Orphan[] : foreignKeyOrphans(db).orphans;
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
export function verifyBulk(db: Connection, tables: BulkTable[], bound: BoundKeys, ranges = new Map<string, Range | undefined>()): void {
  for (const t of tables) {
    if (!vouched(db, t.name, bound, ranges)) {
      const orphans = orphanError(db, t.name);
      if (orphans) throw orphans;
    }
    if (!t.checks.length) continue;
    const bad = checkStatement(db, t).all()[0] as Record<string, number> | undefined;
    if (!bad) continue;
    const c = t.checks[t.checks.findIndex((_, i) => bad[`c${i}`])] ?? t.checks[0];
    throw new ConstraintError(`CHECK constraint failed: ${c.name ?? c.expression}`, 'SQLITE_CONSTRAINT_CHECK', t.name);
  }
}

/** One scan of the table: a column per CHECK, 1 where it fails (false, not NULL). */
function checkStatement(db: Connection, t: BulkTable) {
  const failed = t.checks.map((c) => `NOT coalesce((${c.expression}), 1)`);
  return db.prepare(`SELECT ${failed.map((f, i) => `${f} AS "c${i}"`).join(', ')} FROM ${quote(t.name)} WHERE ${failed.join(' OR ')} LIMIT 1`);
}

/** [lo, hi]: a unique integer column holding every integer between them; [1, 0] when empty. */
type Range = readonly [number, number];

/** Whether every FK of the table is to one unique integer column holding an unbroken range,
 *  and every value the writing thread bound into it lies in that range. */
function vouched(db: Connection, table: string, bound: BoundKeys, ranges: Map<string, Range | undefined>): boolean {
  const seen = bound.of(table);
  if (!seen) return false;
  for (const fk of foreignKeys(db, table)) {
    if (fk.columns.length !== 1) return false;
    const to = fk.to[0] ?? singlePk(db, fk.parent);
    if (to === undefined) return false;
    const key = `${fk.parent}\u0000${to}`;
    if (!ranges.has(key)) ranges.set(key, parentRange(db, fk.parent, to));
    const range = ranges.get(key);
    const values = seen.get(fk.columns[0].toLowerCase());
    if (!range || !values || values.doubt) return false;
    if (values.min <= values.max && (values.min < range[0] || values.max > range[1])) return false;
  }
  return true;
}

interface ForeignKey { parent: string; columns: string[]; to: (string | null)[] }

function foreignKeys(db: Connection, table: string): ForeignKey[] {
  const list = catalogue(db, `SELECT id, "from", "table" AS parent, "to" FROM pragma_foreign_key_list(?) ORDER BY id, seq`).all(table) as { id: number; from: string; parent: string; to: string | null }[];
  const byId = new Map<number, ForeignKey>();
  for (const f of list) {
    let fk = byId.get(f.id);
    if (!fk) byId.set(f.id, (fk = { parent: f.parent, columns: [], to: [] }));
    fk.columns.push(f.from);
    fk.to.push(f.to);
  }
  return [...byId.values()];
}

/** The values a writing thread bound into single-column FK columns of the tables of a bulk load,
 *  per table and column (lower case): least, greatest, and whether any was not an integer — as
 *  the packed rows it binds say (encode.ts RowPacker watches the FK columns as it packs them). */
export class BoundKeys {
  private readonly tables = new Map<string, Map<string, Bound>>();
  private readonly doubted = new Set<string>();
  /** Per table and column list: each column's bound (undefined: no single-column FK). */
  private readonly byColumns = new Map<string, (Bound | undefined)[]>();
  private readonly db: Connection;
  private readonly tracked: Set<string>;

  constructor(db: Connection, tables: BulkTable[]) {
    this.db = db;
    this.tracked = new Set(tables.map((t) => t.name));
  }

  /** Records the FK values of rows about to be inserted into `table`. */
  observe(table: string, columns: string[], rows: PackedRows): void {
    if (!this.tracked.has(table) || this.doubted.has(table)) return;
    const key = `${table}\u0000${columns.join('\u0000')}`;
    let bounds = this.byColumns.get(key);
    if (!bounds) this.byColumns.set(key, (bounds = this.boundsFor(table, columns)));
    // What the packer saw in each watched column; an FK column it did not watch is doubtful.
    const w = rows.watched;
    const seen = new Uint8Array(bounds.length);
    for (let i = 0; w && i < w.columns.length; i++) {
      const b = bounds[w.columns[i]];
      if (!b) continue;
      seen[w.columns[i]] = 1;
      if (w.mins[i] < b.min) b.min = w.mins[i];
      if (w.maxs[i] > b.max) b.max = w.maxs[i];
      if (w.mixed[i]) b.doubt = true;
    }
    if (rows.count) bounds.forEach((b, c) => { if (b && !seen[c]) b.doubt = true; });
  }

  /** A write other than the tracked inserts (an UPDATE): the table is verified by SQLite. */
  doubt(table: string | undefined): void {
    if (table === undefined) for (const t of this.tracked) this.doubted.add(t);
    else this.doubted.add(table);
  }

  /** The table's bound FK values, or undefined when they cannot vouch for it. */
  of(table: string): Map<string, Bound> | undefined {
    if (this.doubted.has(table)) return undefined;
    return this.tables.get(table) ?? new Map();
  }

  private boundsFor(table: string, columns: string[]): (Bound | undefined)[] {
    let byColumn = this.tables.get(table);
    if (!byColumn) this.tables.set(table, (byColumn = new Map()));
    const single = new Set(foreignKeys(this.db, table).filter((f) => f.columns.length === 1).map((f) => f.columns[0].toLowerCase()));
    return columns.map((c) => {
      const name = c.toLowerCase();
      if (!single.has(name)) return undefined;
      let b = byColumn.get(name);
      if (!b) byColumn.set(name, (b = { min: Infinity, max: -Infinity, doubt: false }));
      return b;
    });
  }
}

interface Bound { min: number; max: number; doubt: boolean }

/** The table a statement writes to (UPDATE, INSERT, REPLACE, DELETE), '' for a statement that
 *  writes to none (CREATE INDEX, a SELECT), undefined when it cannot tell. */
export function writtenTable(sql: string): string | undefined {
  const m = /^\s*(UPDATE(?:\s+OR\s+\w+)?|INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+("(?:[^"]|"")+"|[^\s("]+)/i.exec(sql);
  if (m) return m[2].startsWith('"') ? m[2].slice(1, -1).replaceAll('""', '"') : m[2];
  return /^\s*(CREATE|DROP|SELECT|PRAGMA|ANALYZE|SAVEPOINT|RELEASE)\b/i.test(sql) ? '' : undefined;
}

function singlePk(db: Connection, table: string): string | undefined {
  const pk = catalogue(db, `SELECT name FROM pragma_table_info(?) WHERE pk > 0`).all(table) as { name: string }[];
  return pk.length === 1 ? pk[0].name : undefined;
}

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();

/** For a unique integer column holding exactly the integers [lo, hi]: that range ([1, 0] for an
 *  empty parent: no value is in it); undefined otherwise. */
function parentRange(db: Connection, table: string, column: string): Range | undefined {
  try {
    if (!unique(db, table, column)) return undefined;
    const c = quote(column);
    const r = db.prepare(`SELECT count(${c}) AS n, min(${c}) AS lo, max(${c}) AS hi, count(${c}) - count(CASE WHEN typeof(${c}) = 'integer' THEN 1 END) AS other FROM ${quote(table)}`).all()[0] as { n: number; lo: unknown; hi: unknown; other: number };
    if (!r.n) return [1, 0];
    if (r.other || !Number.isSafeInteger(r.lo) || !Number.isSafeInteger(r.hi) || (r.hi as number) - (r.lo as number) + 1 !== r.n) return undefined;
    return [r.lo as number, r.hi as number];
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
